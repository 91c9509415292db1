import type { components } from '@octokit/openapi-webhooks-types';
import * as z from 'zod';

/** GitHub's published webhook payloads (@octokit/openapi-webhooks-types). */
export type GithubWebhookSchemas = components['schemas'];

/**
 * `Published` when it carries every field the schema reads, with its type, and a compile error
 * otherwise: a misspelt or retyped field of a schema fails `tsc`, not a delivery.
 */
export type CarriesEveryField<Published extends Parsed, Parsed> = Published;

/** The fields of GitHub's `pull_request` webhook payload this service reads; the rest is ignored. */
export const pullRequestEventSchema = z.object({
  action: z.string().min(1),
  number: z.number().int().positive(),
  pull_request: z.object({
    number: z.number().int().positive(),
    html_url: z.string().url(),
    title: z.string(),
    merged: z.boolean().nullable().optional(),
    draft: z.boolean().optional(),
    updated_at: z.string().min(1),
    user: z.object({ login: z.string() }).nullable().optional(),
  }),
  repository: z.object({ full_name: z.string().regex(/^[\w.-]+\/[\w.-]+$/) }),
  sender: z.object({ login: z.string() }).optional(),
});
export type PullRequestEvent = z.infer<typeof pullRequestEventSchema>;

/** The payloads of the actions a task follows, as GitHub publishes them. */
export type PullRequestPayload = CarriesEveryField<
  GithubWebhookSchemas['webhook-pull-request-closed'] | GithubWebhookSchemas['webhook-pull-request-reopened'] | GithubWebhookSchemas['webhook-pull-request-ready-for-review'],
  PullRequestEvent
>;

/** The pull-request actions that matter to a task; every other action is acknowledged and ignored. */
export const HANDLED_PULL_REQUEST_ACTIONS = ['ready_for_review', 'closed', 'reopened'] as const;
export type HandledPullRequestAction = (typeof HANDLED_PULL_REQUEST_ACTIONS)[number];
export const isHandledPullRequestAction = (action: string): action is HandledPullRequestAction =>
  (HANDLED_PULL_REQUEST_ACTIONS as readonly string[]).includes(action);

/** Turns zod issues into one sentence naming the first bad field, e.g. `pull_request.number: expected number`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(body)'}: ${issue.message}`)
    .join('; ');
}
