/** A configuration problem the operator can fix; bin/ prints its one-sentence message and exits 1. */
export class StageConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StageConfigError';
  }
}
