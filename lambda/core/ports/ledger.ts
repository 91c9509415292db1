/** The ledger table: de-duplication records, counters and audit entries. */
export interface Ledger {
  /**
   * Records `key` once (a conditional put with a TTL). True the first time, false when it
   * was already recorded and has not expired: the caller skips the side effect.
   */
  claimOnce(key: string, ttlSeconds: number, note?: string): Promise<boolean>;
  /** A claim that is recorded and not expired: when it was taken and the note it was taken with. */
  readClaim(key: string): Promise<Claim | undefined>;
  /** Forgets a claim, so that a retry after a failure may run the side effect again. */
  release(key: string): Promise<void>;
  /** Keeps an existing claim for `ttlSeconds` from now (e.g. an answered interaction, for the whole signature window and more). */
  hold(key: string, ttlSeconds: number): Promise<void>;
  /** Appends an audit record (who did what to which task). */
  audit(entry: AuditEntry): Promise<void>;
}

export interface AuditEntry {
  subject: string;
  action: string;
  actorId?: string;
  detail?: string;
  /** Who asked for the work, and who approved it (clicked Confirm): both named on every record of a confirmed task. */
  requester?: AuditPerson;
  approver?: AuditPerson;
}

/** A Discord user as the audit keeps them: the id, and the name shown at the time. */
export interface AuditPerson {
  id: string;
  name: string;
}

export interface Claim {
  claimedAt: string;
  /** What the claimer recorded with it (e.g. a Confirm's work item, for the sweep to run if the worker never did). */
  note?: string;
}
