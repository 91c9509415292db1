/** The deployable stages. Shared by the CDK app (lib/config) and the handlers (flag defaults). */
export const STAGES = ['dev', 'prod'] as const;
export type StageName = (typeof STAGES)[number];

export function isStageName(value: string): value is StageName {
  return (STAGES as readonly string[]).includes(value);
}
