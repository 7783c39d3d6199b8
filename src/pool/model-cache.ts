import { KeysByModel } from './keys-by-model.ts';

/** Where the daemon tells every worker thread that a model is gone (BroadcastChannel name). */
export const EVICT_CHANNEL = 'modelapi:evict-model';

/** The model a key belongs to: keys are "model@version", or a model's name alone. */
function modelOf(key: string): string {
  const at = key.lastIndexOf('@');
  return at < 0 ? key : key.slice(0, at);
}

/**
 * A small LRU (least recently used entries leave first), keyed by "model@version". Bounded by
 * entries and by bytes (each entry's size as the caller measures it), because one model of a million
 * points weighs as much as thousands of small ones.
 */
export class ModelCache<V> {
  private readonly map = new Map<string, { value: V; bytes: number; model: string }>();
  private readonly keys = new KeysByModel();
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
    const model = modelOf(key);
    this.map.set(key, { value, bytes, model });
    this.totalBytes += bytes;
    this.keys.add(model, key);
    while (this.map.size > this.capacity || this.totalBytes > this.maxBytes) this.delete(this.map.keys().next().value!);
  }

  private delete(key: string): void {
    const entry = this.map.get(key);
    if (!entry) return;
    this.map.delete(key);
    this.totalBytes -= entry.bytes;
    this.keys.remove(entry.model, key);
  }

  /** Drops every version of a deleted model. */
  deleteModel(model: string): void {
    for (const key of this.keys.keysOf(model)) this.delete(key);
  }

  /**
   * Drops a model's versions older than `version`: forecasts are of the current version, so once a
   * newer one is asked for, the older states would only sit in memory until the LRU pushed them out
   * (in the soak, a fit a second made the forecast worker keep every superseded version's state).
   */
  deleteOlderVersions(model: string, version: number): void {
    for (const key of this.keys.keysOf(model)) if (Number(key.slice(key.lastIndexOf('@') + 1)) < version) this.delete(key);
  }

  get size(): number {
    return this.map.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }
}
