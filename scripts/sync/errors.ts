/**
 * A failure that ends a run (or one dataset's part of it) with a contract exit code: 2 for usage and
 * configuration a person must fix, 3 for a source or target that still failed after retries. Messages
 * are printed as they are, so they name what to change and never carry a secret.
 */
export class SyncError extends Error {
  readonly exitCode: 2 | 3;

  constructor(exitCode: 2 | 3, message: string) {
    super(message);
    this.name = 'SyncError';
    this.exitCode = exitCode;
  }
}

export const configError = (message: string) => new SyncError(2, message);
export const unavailable = (message: string) => new SyncError(3, message);
