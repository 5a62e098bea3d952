/**
 * The one door to Workers KV. Read routes, the publish path and tests all go through it, so a test
 * (or the benchmark) can count reads and inject a failing write by wrapping it.
 */
export interface KvStore {
  getText(key: string): Promise<string | null>;
  getBytes(key: string): Promise<ArrayBuffer | null>;
  /** Up to 100 keys in one KV operation; absent keys are missing from the map. */
  getTexts(keys: readonly string[]): Promise<Map<string, string>>;
  put(key: string, value: string | ArrayBuffer): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every key starting with `prefix`, at most 1,000 a KV operation. */
  list(prefix: string): Promise<string[]>;
}

export function kvStore(namespace: KVNamespace): KvStore {
  return {
    getText: (key) => namespace.get(key, 'text'),
    getBytes: (key) => namespace.get(key, 'arrayBuffer'),
    async getTexts(keys) {
      const found = new Map<string, string>();
      if (keys.length === 0) return found;
      const values = await namespace.get([...keys], 'text');
      for (const [key, value] of values) if (value !== null) found.set(key, value);
      return found;
    },
    put: (key, value) => namespace.put(key, value),
    delete: (key) => namespace.delete(key),
    async list(prefix) {
      const found: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await namespace.list({ prefix, ...(cursor !== undefined && { cursor }) });
        found.push(...page.keys.map((key) => key.name));
        cursor = page.list_complete ? undefined : page.cursor;
      } while (cursor !== undefined);
      return found;
    },
  };
}

export interface ReadCounter {
  reads: number;
}

/**
 * Counts KV operations that read (a bulk get counts once per key, as KV bills it) on every counter
 * given: one per request, say, and one for the whole isolate.
 */
export function countingStore(inner: KvStore, ...counters: ReadCounter[]): KvStore {
  const count = (n: number) => {
    for (const counter of counters) counter.reads += n;
  };
  return {
    ...inner,
    getText(key) {
      count(1);
      return inner.getText(key);
    },
    getBytes(key) {
      count(1);
      return inner.getBytes(key);
    },
    getTexts(keys) {
      count(keys.length);
      return inner.getTexts(keys);
    },
  };
}
