/**
 * The part of the client-side `google.script` API the pages use (Apps Script's HTML service gives
 * it to every page it serves): `run` calls a top-level function of the script, asynchronously.
 */
export interface ScriptRun {
  withSuccessHandler(handler: (result: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: Error) => void): ScriptRun;
  [name: string]: unknown;
}

interface GoogleScript {
  script: { run: ScriptRun; host: { close(): void } };
}

/** Calls `name` in the script with one argument; resolves to what it returned. */
export function callScript(name: string, argument: unknown): Promise<unknown> {
  const { run } = (globalThis as unknown as { google: GoogleScript }).google.script;
  return new Promise((resolve, reject) => {
    const call = run.withSuccessHandler(resolve).withFailureHandler(reject)[name];
    if (typeof call !== 'function') return reject(new Error(`The script has no function ${name}.`));
    call(argument);
  });
}

export function closeDialog() {
  (globalThis as unknown as { google: GoogleScript }).google.script.host.close();
}

/** The data the script put into the page (sheet/src/html-data.ts). */
export function pageData<T>(): T {
  return JSON.parse(document.getElementById('assay-data')?.textContent ?? 'null') as T;
}
