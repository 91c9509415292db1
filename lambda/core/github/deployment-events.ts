import * as z from 'zod';
import type { CarriesEveryField, GithubWebhookSchemas } from './events';

/**
 * The GitHub events that say a site was deployed: `deployment_status` (state success with an
 * environment_url), `status` (success, target_url on a preview host) and `check_run`
 * (completed/success, details_url on a preview host). Only the fields used here are read.
 */
export const DEPLOYMENT_EVENTS = ['deployment_status', 'status', 'check_run'] as const;
export type DeploymentEventName = (typeof DEPLOYMENT_EVENTS)[number];
export const isDeploymentEvent = (event: string): event is DeploymentEventName => (DEPLOYMENT_EVENTS as readonly string[]).includes(event);

/** Hosts whose commit statuses and check runs link a per-branch preview deployment. */
export const PREVIEW_HOSTS = ['vercel.app', 'netlify.app', 'pages.dev', 'amplifyapp.com'] as const;

const repository = z.object({ full_name: z.string().regex(/^[\w.-]+\/[\w.-]+$/), default_branch: z.string().optional() });
const sha = z.string().regex(/^[0-9a-f]{40}$/i);

const deploymentStatusSchema = z.object({
  deployment_status: z.object({ state: z.string(), environment_url: z.string().nullable().optional(), target_url: z.string().nullable().optional() }),
  deployment: z.object({ sha, ref: z.string(), environment: z.string(), production_environment: z.boolean().optional() }),
  repository,
});
const statusSchema = z.object({
  state: z.string(),
  sha,
  target_url: z.string().nullable().optional(),
  context: z.string().optional(),
  branches: z.array(z.object({ name: z.string() })).optional(),
  repository,
});
const checkRunSchema = z.object({
  action: z.string(),
  check_run: z.object({
    status: z.string(),
    conclusion: z.string().nullable().optional(),
    head_sha: sha,
    details_url: z.string().nullable().optional(),
    check_suite: z.object({ head_branch: z.string().nullable().optional() }).optional(),
    pull_requests: z.array(z.object({ number: z.number().int().positive() })).optional(),
  }),
  repository,
});

/** The merged pull request's merge commit: a production deployment of it makes the change live. */
export const mergedPullRequestSchema = z.object({
  action: z.literal('closed'),
  pull_request: z.object({ number: z.number().int().positive(), merged: z.literal(true), merge_commit_sha: sha }),
  repository,
});

/** GitHub's published payloads of these events carry every field the schemas above read (checked by the compiler). */
export type DeploymentStatusPayload = CarriesEveryField<GithubWebhookSchemas['webhook-deployment-status-created'], z.infer<typeof deploymentStatusSchema>>;
export type StatusPayload = CarriesEveryField<GithubWebhookSchemas['webhook-status'], z.infer<typeof statusSchema>>;
export type CheckRunPayload = CarriesEveryField<GithubWebhookSchemas['webhook-check-run-completed'], z.infer<typeof checkRunSchema>>;
export type MergedPullRequestPayload = CarriesEveryField<GithubWebhookSchemas['webhook-pull-request-closed'] & { pull_request: { merged: true; merge_commit_sha: string } }, z.infer<typeof mergedPullRequestSchema>>;

export interface Deployment {
  environment: 'preview' | 'production';
  repository: string;
  sha: string;
  url: string;
  /** The branch deployed, when the event names it. */
  branch?: string;
  pullRequests: number[];
  source: DeploymentEventName;
}

export type DeploymentReading = { kind: 'deployed'; deployment: Deployment } | { kind: 'ignored'; reason: string } | { kind: 'invalid'; problem: string };

/** An http(s) URL whose host is one of PREVIEW_HOSTS (or a subdomain of one). */
export function isPreviewUrl(value: string | null | undefined): value is string {
  const url = httpUrl(value);
  return url !== undefined && PREVIEW_HOSTS.some((host) => url.hostname === host || url.hostname.endsWith(`.${host}`));
}

function httpUrl(value: string | null | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What a deployment's ref names: `refs/heads/x` and `x` are branch x, `refs/pull/7/merge` and
 * `refs/pull/7/head` are pull request 7, a bare commit SHA names neither.
 */
export function deploymentRef(ref: string): { branch?: string; pullRequests: number[] } {
  const pull = /^refs\/pull\/(\d+)\/(merge|head)$/.exec(ref);
  if (pull) return { pullRequests: [Number(pull[1])] };
  if (/^[0-9a-f]{40}$/i.test(ref)) return { pullRequests: [] };
  const branch = ref.replace(/^refs\/heads\//, '');
  return branch && !branch.startsWith('refs/') ? { branch, pullRequests: [] } : { pullRequests: [] };
}

const issues = (error: z.ZodError): string => error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');

/** What a deployment event says, or why it says nothing about a task's site. */
export function readDeploymentEvent(event: DeploymentEventName, payload: unknown): DeploymentReading {
  switch (event) {
    case 'deployment_status': {
      const parsed = deploymentStatusSchema.safeParse(payload);
      if (!parsed.success) return { kind: 'invalid', problem: issues(parsed.error) };
      const { deployment_status: status, deployment, repository: repo } = parsed.data;
      if (status.state !== 'success') return { kind: 'ignored', reason: `deployment state "${status.state}" is not success` };
      const url = httpUrl(status.environment_url) ? status.environment_url : undefined;
      if (!url) return { kind: 'ignored', reason: 'the successful deployment has no environment_url' };
      const production = deployment.production_environment === true || /^prod(uction)?$/i.test(deployment.environment);
      return {
        kind: 'deployed',
        deployment: { environment: production ? 'production' : 'preview', repository: repo.full_name, sha: deployment.sha, url, ...deploymentRef(deployment.ref), source: event },
      };
    }
    case 'status': {
      const parsed = statusSchema.safeParse(payload);
      if (!parsed.success) return { kind: 'invalid', problem: issues(parsed.error) };
      const status = parsed.data;
      if (status.state !== 'success') return { kind: 'ignored', reason: `status state "${status.state}" is not success` };
      if (!isPreviewUrl(status.target_url)) return { kind: 'ignored', reason: `status "${status.context ?? ''}" links no preview host (${PREVIEW_HOSTS.join(', ')})` };
      const branches = (status.branches ?? []).map((b) => b.name).filter((name) => name !== status.repository.default_branch);
      return { kind: 'deployed', deployment: { environment: 'preview', repository: status.repository.full_name, sha: status.sha, url: status.target_url, branch: branches[0], pullRequests: [], source: event } };
    }
    case 'check_run': {
      const parsed = checkRunSchema.safeParse(payload);
      if (!parsed.success) return { kind: 'invalid', problem: issues(parsed.error) };
      const run = parsed.data.check_run;
      if (run.status !== 'completed' || run.conclusion !== 'success') return { kind: 'ignored', reason: `check run is ${run.status}/${run.conclusion ?? 'no conclusion'}, not completed/success` };
      if (!isPreviewUrl(run.details_url)) return { kind: 'ignored', reason: `the check run links no preview host (${PREVIEW_HOSTS.join(', ')})` };
      return {
        kind: 'deployed',
        deployment: { environment: 'preview', repository: parsed.data.repository.full_name, sha: run.head_sha, url: run.details_url, branch: run.check_suite?.head_branch ?? undefined, pullRequests: (run.pull_requests ?? []).map((p) => p.number), source: event },
      };
    }
  }
}
