/** Where the daemon tells every worker thread that a model is gone (BroadcastChannel name). */
export const EVICT_CHANNEL = 'modelapi:evict-model';

/** A small LRU keyed by "model@version": versions are immutable, so entries never go stale. */
export class ModelCache<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }

  /** Drops every version of a deleted model. */
  deleteModel(model: string): void {
    const prefix = `${model}@`;
    for (const key of [...this.map.keys()]) if (key.startsWith(prefix)) this.map.delete(key);
  }

  get size(): number {
    return this.map.size;
  }
}
