interface Entry<V> {
  value: V;
  weight: number;
  expiresAt: number;
}

export interface BoundedCacheOptions<V> {
  /** Total weight the cache may hold; the least recently used entries go first. */
  maxWeight: number;
  weigh?: (value: V) => number;
  /** Entries older than this are treated as absent; omit for immutable values. */
  ttlMs?: number;
  /**
   * How long past its time to live `getStale` still offers an entry (default 0: `get` and `getStale`
   * both see it gone at once). The bound on staleness whatever the caller does.
   */
  staleMs?: number;
  now?: () => number;
}

/** An in-isolate LRU bounded by weight (bytes, or entries), with an optional time to live. */
export class BoundedCache<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #options: BoundedCacheOptions<V>;
  #weight = 0;
  /** The entry last put at the end of the order: a hot key read again is already there. */
  #newest: Entry<V> | undefined;

  constructor(options: BoundedCacheOptions<V>) {
    this.#options = options;
  }

  /** What the entries held weigh together, never more than `maxWeight`. */
  get weight(): number {
    return this.#weight;
  }

  get maxWeight(): number {
    return this.#options.maxWeight;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    const now = this.#now();
    if (entry.expiresAt <= now) {
      this.#dropPastStale(key, entry, now);
      return undefined;
    }
    if (entry !== this.#newest) {
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      this.#newest = entry;
    }
    return entry.value;
  }

  /** An entry past its time to live but within `staleMs` of it; undefined when fresh or gone. */
  getStale(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    const now = this.#now();
    if (entry.expiresAt > now || this.#dropPastStale(key, entry, now)) return undefined;
    return entry.value;
  }

  /** Keeps `value` under `key`, replacing what was there; a value heavier than the whole cache is not kept. */
  set(key: string, value: V): void {
    const weight = this.#options.weigh?.(value) ?? 1;
    this.delete(key);
    if (weight > this.#options.maxWeight) return;
    const ttl = this.#options.ttlMs;
    const entry = { value, weight, expiresAt: ttl === undefined ? Infinity : this.#now() + ttl };
    this.#entries.set(key, entry);
    this.#newest = entry;
    this.#weight += weight;
    for (const [oldest, entry] of this.#entries) {
      if (this.#weight <= this.#options.maxWeight) break;
      this.#entries.delete(oldest);
      this.#weight -= entry.weight;
    }
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#weight -= entry.weight;
    // Not held past its entry: it may be a large response the budget no longer counts.
    if (entry === this.#newest) this.#newest = undefined;
  }

  clear(): void {
    this.#entries.clear();
    this.#weight = 0;
    this.#newest = undefined;
  }

  /** Forgets an entry once it is past even its stale time; says whether it did. */
  #dropPastStale(key: string, entry: Entry<V>, now: number): boolean {
    if (entry.expiresAt + (this.#options.staleMs ?? 0) > now) return false;
    this.delete(key);
    return true;
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}
