/** What the bench build of the Worker answers besides the app (scripts/bench/worker-entry.ts), per isolate. */
export const benchPaths = {
  /** What every one of them starts with, and no path of the app does. */
  prefix: '/__bench/',
  /** This isolate's running total of KV operations (JSON `KvOperations`). */
  kvOperations: '/__bench/kv-operations',
  /** A full garbage collection of this isolate: 204, or 501 when the runtime does not expose `gc`. */
  collectGarbage: '/__bench/gc',
} as const;
