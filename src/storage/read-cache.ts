/**
 * A read-through cache for a database owned by one process (PGlite): every write goes through
 * this process, so invalidating on write keeps it exact. A read only fills an entry if no
 * invalidation of that key happened while it was reading, so a read racing a write never caches
 * the old row.
 */
export class ReadCache<T> {
  readonly #entries = new Map<string, T>();
  readonly #versions = new Map<string, number>();
  /** Bumped by `invalidateAll`, so no read begun before it can fill. */
  #epoch = 0;

  constructor(private readonly maxEntries = 10_000) {}

  get(key: string): T | undefined {
    return this.#entries.get(key);
  }

  /** The version to hand back to `fill` once the read finished. */
  version(key: string): number {
    return this.#epoch * 1_000_000_000 + (this.#versions.get(key) ?? 0);
  }

  fill(key: string, value: T, version: number): void {
    if (this.version(key) !== version) return;
    if (this.#entries.size >= this.maxEntries) this.#entries.clear();
    this.#entries.set(key, value);
  }

  invalidate(key: string): void {
    this.#entries.delete(key);
    this.#versions.set(key, (this.#versions.get(key) ?? 0) + 1);
    if (this.#versions.size > this.maxEntries * 4) this.invalidateAll();
  }

  /** Forgets everything (a write whose keys are not known, such as a purge). */
  invalidateAll(): void {
    this.#entries.clear();
    this.#versions.clear();
    this.#epoch += 1;
  }
}
