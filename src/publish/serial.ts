/**
 * Runs tasks one at a time in arrival order. A Durable Object lets another call in whenever it awaits
 * I/O other than its own storage (KV writes, here), so a publish must queue behind the one in flight
 * rather than rely on the object being single-threaded. A failed task does not stop those behind it.
 */
export class Serial {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
