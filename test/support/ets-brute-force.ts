import { estimate } from '../../src/forecasting/ets/estimate.ts';
import { candidatesOrThrow, criteria, seriesFacts } from '../../src/forecasting/ets/select.ts';
import { etsKind } from '../../src/forecasting/ets/index.ts';

/**
 * The lowest AICc of every ETS candidate estimated on its own: no search context, so each run is neither
 * abandoned nor left unpolished. What the model search's shortcuts (deferred polish, abandoning) must reach.
 */
export function bruteForceAicc(y: Float64Array, period: number): number {
  const spec = etsKind.parseSpec({ period });
  const scale = seriesFacts(y).scale;
  let best = Infinity;
  for (const s of candidatesOrThrow(y, spec)) {
    const fit = estimate(y, s, scale, null);
    if (fit) best = Math.min(best, criteria(fit).aicc);
  }
  return best;
}
