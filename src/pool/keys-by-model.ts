/**
 * Which cache keys belong to which model, so a cache drops one model's entries without scanning all of
 * them (at 100,000 models a scan per fit or append was the cost). Shared by the worker's state cache and
 * the daemon's forecast-answer cache; each records the model with the entry, so no key is ever parsed.
 */
export class KeysByModel {
  private readonly byModel = new Map<string, Set<string>>();

  add(model: string, key: string): void {
    let keys = this.byModel.get(model);
    if (!keys) this.byModel.set(model, (keys = new Set()));
    keys.add(key);
  }

  remove(model: string, key: string): void {
    const keys = this.byModel.get(model);
    keys?.delete(key);
    if (keys?.size === 0) this.byModel.delete(model);
  }

  /** A copy: the caller may remove keys while it walks them. */
  keysOf(model: string): string[] {
    return [...(this.byModel.get(model) ?? [])];
  }
}
