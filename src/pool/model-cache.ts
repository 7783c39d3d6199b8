/** Where the daemon tells every worker thread that a model is gone (BroadcastChannel name). */
export const EVICT_CHANNEL = 'modelapi:evict-model';

/**
 * A small LRU keyed by "model@version": versions are immutable, so entries never go stale. Bounded by
 * entries and by bytes (each entry's size as the caller measures it), because one model of a million
 * points weighs as much as thousands of small ones.
 */
export class ModelCache<V> {
  private readonly map = new Map<string, { value: V; bytes: number }>();
  private totalBytes = 0;
  constructor(
    private readonly capacity: number,
    private readonly maxBytes: number = Number.POSITIVE_INFINITY,
  ) {}

  get(key: string): V | undefined {
    const entry = this.map.get(key);
    if (entry !== undefined) {
      this.map.delete(key);
      this.map.set(key, entry);
    }
    return entry?.value;
  }

  /** An entry larger than the whole budget is not kept at all (it would only push everything else out). */
  set(key: string, value: V, bytes = 0): void {
    this.delete(key);
    if (bytes > this.maxBytes) return;
    this.map.set(key, { value, bytes });
    this.totalBytes += bytes;
    while (this.map.size > this.capacity || this.totalBytes > this.maxBytes) this.delete(this.map.keys().next().value!);
  }

  private delete(key: string): void {
    const entry = this.map.get(key);
    if (!entry) return;
    this.map.delete(key);
    this.totalBytes -= entry.bytes;
  }

  /** Drops every version of a deleted model. */
  deleteModel(model: string): void {
    const prefix = `${model}@`;
    for (const key of [...this.map.keys()]) if (key.startsWith(prefix)) this.delete(key);
  }

  get size(): number {
    return this.map.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }
}
