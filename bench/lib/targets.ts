/** The preview figures issue 9 asks for ("Speed and scale"), checked by bench:ux-preview, bench:repo-reads and `npm run bench`. */
export const PREVIEW_TARGETS = {
  /** Local mode: a new agent's first preview of a commit. */
  localColdP50Ms: 300,
  /** Local mode: the same agent, same commit, another request. */
  localWarmP50Ms: 100,
  /** Local mode: Refine → the amended preview, the base commit's site model already discovered (issue 17). */
  localRefineWarmP50Ms: 300,
  /** Through GitHub with 80 ms added to every request. */
  githubColdP50Ms: 1500,
  githubDelayMs: 80,
  githubColdRequests: 4,
  githubWarmRequests: 1,
} as const;

/** The real site the figures are about, when the shared folder is present beside the project. */
export const VALINE_SITE = '../shared/real-sites/valine';
