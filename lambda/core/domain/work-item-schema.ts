import * as z from 'zod';
import type { WorkItem } from './work';

const requester = z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()) });
const interaction = z.object({
  interactionId: z.string(),
  applicationId: z.string(),
  token: z.string(),
  guildId: z.string().optional(),
  channelId: z.string().optional(),
  channelType: z.number().int().optional(),
  messageId: z.string().optional(),
  requester,
});
const workItemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('propose'),
    interaction,
    agentId: z.string(),
    command: z.string(),
    options: z.record(z.string(), z.string()),
    commandLine: z.string(),
  }),
  z.object({ kind: z.literal('confirm'), interaction, taskId: z.string() }),
  z.object({ kind: z.literal('pick'), interaction, taskId: z.string(), index: z.number().int().min(0) }),
  z.object({ kind: z.literal('withdraw'), interaction, taskId: z.string() }),
  z.object({ kind: z.literal('close-preview'), taskId: z.string() }),
  z.object({ kind: z.literal('refine'), interaction, taskId: z.string(), text: z.string(), version: z.number().int(), fromThread: z.boolean().optional() }),
  // The EventBridge schedule's constant input: nothing else to read.
  z.object({ kind: z.literal('sweep') }),
]);

/** The worker's event comes from our own functions, but it is still an outside payload: parse it. */
export function parseWorkItem(event: unknown): WorkItem {
  const parsed = workItemSchema.safeParse(event);
  if (!parsed.success) throw new Error(`The worker received an event that is not a work item: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  return parsed.data as WorkItem;
}
