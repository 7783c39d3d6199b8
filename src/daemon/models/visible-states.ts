import type { VersionSummary } from '../../store/index.ts';

interface Pending {
  /** The state forecasts use until one of `appended` is on disk. */
  before: VersionSummary;
  /** Appended states committed but perhaps not yet on disk, oldest first, with the write mark after each. */
  appended: { summary: VersionSummary; mark: number }[];
}

/**
 * Which state of a model a forecast uses, and which writes its answer must wait for to be on disk.
 *
 * An append's answer waits for the fsync that makes it durable (http/durable-answers.ts); until that
 * answer is sent, a forecast may leave the append out (the contract: a forecast that arrives after an
 * append was acknowledged includes it, one that arrives before does not wait for it). So a forecast
 * uses the newest appended state that is already on disk, and never waits for an fsync of appends:
 * under a steady stream of appends to a model there is nearly always one in flight, and waiting for it
 * added an fsync (p99 ~10 ms here) to a large share of its forecasts. A published version (a fit) is
 * different: forecasts queued behind the fit must use it, so it is visible at once and its forecasts
 * wait for its fsync instead.
 */
export class VisibleStates {
  private readonly pending = new Map<string, Pending>();
  /** Per model, the store's write mark taken just after its current version was published. */
  private readonly publishMarks = new Map<string, number>();

  constructor(private readonly isDurable: (mark: number) => boolean) {}

  /** A committed append: `before` is the state it moved on from, `mark` the write mark after its commit. */
  appended(before: VersionSummary, summary: VersionSummary, mark: number): void {
    const known = this.pending.get(summary.model);
    // Settled here too, so a model that takes appends and no forecasts holds only the unsynced ones.
    if (known && !this.settle(summary.model, known)) known.appended.push({ summary, mark });
    else this.pending.set(summary.model, { before, appended: [{ summary, mark }] });
  }

  /**
   * A published version (or one this process read from the store: `mark` is then the mark of now, which
   * covers everything): visible at once, the appends before it no longer matter.
   */
  published(model: string, mark: number): void {
    this.pending.delete(model);
    this.publishMarks.set(model, mark);
  }

  deleted(model: string): void {
    this.pending.delete(model);
    this.publishMarks.delete(model);
  }

  /**
   * A write mark no later than any write a forecast of the model could report, so its answer waits only
   * for the writes before it: the publish of the current version (appended states are visible only once
   * on disk). Undefined for a model not seen yet: the caller then waits for everything.
   */
  answerMark(model: string): number | undefined {
    return this.publishMarks.get(model);
  }

  /** The state a forecast of the model uses, given its newest committed one. */
  visible(committed: VersionSummary): VersionSummary {
    const p = this.pending.get(committed.model);
    if (!p || this.settle(committed.model, p)) return committed;
    return p.before;
  }

  /** Moves `before` on to the newest appended state on disk; true (and forgotten) once all of them are. */
  private settle(model: string, p: Pending): boolean {
    let newest = p.appended.length - 1;
    while (newest >= 0 && !this.isDurable(p.appended[newest]!.mark)) newest--;
    if (newest === p.appended.length - 1) {
      this.pending.delete(model);
      return true;
    }
    if (newest >= 0) {
      p.before = p.appended[newest]!.summary;
      p.appended.splice(0, newest + 1);
    }
    return false;
  }
}
