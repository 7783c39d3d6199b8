import { EngineError } from './errors.ts';
import type { FitContext } from './types.ts';

/**
 * Runs an estimation so that an abort thrown by the caller's checkpoint passes through untouched
 * (optimisers catch errors from their objective, so the abort is recognised by identity), engine
 * errors keep their codes, and anything else — a numerical breakdown of ours — becomes FIT_FAILED.
 */
export function guardedFit<T>(ctx: FitContext, what: string, run: (checkpoint: () => void) => T): T {
  let aborted: unknown = undefined;
  const checkpoint = () => {
    try {
      ctx.checkpoint?.();
    } catch (err) {
      aborted = err ?? new Error('aborted');
      throw aborted;
    }
  };
  try {
    return run(checkpoint);
  } catch (err) {
    if ((aborted !== undefined && err === aborted) || err instanceof EngineError) throw err;
    throw new EngineError('MODELAPI_ERR_FIT_FAILED', `${what} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
