import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Runs `run` every `intervalMs`, start to start, until `signal` aborts. One run at a time: the next
 * waits for the last to end, however long it took. A run that throws is handed to `onError` and the
 * loop goes on; an abort ends the wait at once but lets a run in progress finish, so a publish is
 * never cut off half-sent.
 */
export async function watch(
  run: () => Promise<void>,
  intervalMs: number,
  signal: AbortSignal,
  onError: (error: unknown) => void,
): Promise<void> {
  while (!signal.aborted) {
    const started = Date.now();
    try {
      await run();
    } catch (error) {
      onError(error);
    }
    const wait = started + intervalMs - Date.now();
    if (wait > 0) await sleep(wait, undefined, { signal }).catch(() => undefined);
  }
}
