/** A problem the API answered (RFC 9457), or a failure to reach it (status 0). */
export class AssayError extends Error {
  readonly status: number;
  readonly detail: string;
  /** The query parameter at fault, for a 400. */
  readonly parameter: string | undefined;

  constructor(status: number, detail: string, parameter?: string) {
    super(`${status}: ${detail}`);
    this.name = 'AssayError';
    this.status = status;
    this.detail = detail;
    this.parameter = parameter;
  }

  static async from(response: Response): Promise<AssayError> {
    const text = await response.text();
    try {
      const problem = JSON.parse(text) as { detail?: string; parameter?: string };
      return new AssayError(response.status, problem.detail ?? text, problem.parameter);
    } catch {
      return new AssayError(response.status, text || response.statusText);
    }
  }
}
