/**
 * Coalesces the point reads that requests issue in one turn of the event loop into one query
 * (a multi-process database, where nothing may be cached). The query is sent after every read it
 * answers was asked for, so it sees each write committed before then, by any process: nothing is
 * shared with a read asked for after the query left, and nothing is kept once it has answered.
 */
export class ReadBatch<K, V> {
  #pending: { key: K; resolve: (value: V) => void; reject: (error: unknown) => void }[] = [];
  #scheduled = false;

  constructor(
    private readonly loaders: {
      /** One key alone: the plain query, as without batching. */
      one: (key: K) => Promise<V>;
      /** Several keys: one value per key, in their order. */
      many: (keys: readonly K[]) => Promise<V[]>;
    },
    private readonly maxBatch = 100,
  ) {}

  load(key: K): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      this.#pending.push({ key, resolve, reject });
      if (this.#pending.length >= this.maxBatch) this.#flush();
      else if (!this.#scheduled) {
        this.#scheduled = true;
        // After the poll phase: every request whose bytes arrived in this turn has asked by then.
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#scheduled = false;
    const batch = this.#pending;
    if (batch.length === 0) return;
    this.#pending = [];
    const [first] = batch;
    if (batch.length === 1 && first) {
      this.loaders.one(first.key).then(first.resolve, first.reject);
      return;
    }
    this.loaders.many(batch.map((entry) => entry.key)).then(
      (values) => batch.forEach((entry, i) => entry.resolve(values[i] as V)),
      (error: unknown) => batch.forEach((entry) => entry.reject(error)),
    );
  }
}
