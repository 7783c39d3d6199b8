/**
 * How `harmonic` chooses K and the ARIMA errors on long series (observations × regressors over EXACT_WORK,
 * kind.ts), where the exact way — a full auto_arima search with 2K Fourier regressors for every K —
 * took 88–425 s at n = 60,000 on a loaded machine, and still 14 s at n = 9,000 with two long periods on an
 * idle one. In two stages, as regression with ARIMA errors is often fitted by hand:
 *   1. the Fourier coefficients by least squares for every K; the ARIMA order (differencing included)
 *      by the auto_arima search on the residuals of the largest K, what is left once the seasons are
 *      out;
 *   2. K by the AICc of each K's residuals under stage 1's ARMA coefficients (their conditional sum of
 *      squares; the regression's coefficients counted as parameters). Re-estimating the ARMA part for
 *      each K cost 0.8 s at n = 60,000 and chose the same K on bench:engine's two long series and the
 *      simulated one of test/regressors/harmonic-long-series.test.ts; holding it
 *      fixed favours the larger K slightly, as leftover seasonality is not absorbed. Then the chosen K
 *      and order are fitted jointly by exact likelihood from stage 1's coefficients, as the exact way
 *      ends, and that fit's AICc is the model's.
 * A K whose joint fit fails the root and variance checks gives way to the next best.
 */
import { cssObjective, narmaOf, prepare } from '../arima/problem.ts';
import { scoreModel, type SearchContext } from '../arima/auto/candidate.ts';
import { nestedOlsResiduals } from '../arima/auto/ols-residuals.ts';
import { outcomeOf, searchArima, type SearchOutcome } from '../arima/auto/search.ts';
import type { AutoArimaSpec } from '../arima/auto/kind.ts';
import { countObserved } from '../arima/spec.ts';
import { ncoef, type Structure } from '../arima/structure.ts';
import { unfittable } from '../errors.ts';

export interface KChoice {
  /** The regression columns for this K: Fourier terms, then the caller's regressors. */
  xreg: { names: string[]; cols: Float64Array[] };
}

export interface LargeOutcome {
  /** Index of the chosen K among the choices. */
  index: number;
  found: SearchOutcome;
  /** Stage 2's AICc for every K (null: its CSS fit failed). */
  approx: (number | null)[];
}

export function chooseLarge(y: Float64Array, choices: KChoice[], arimaSpec: AutoArimaSpec, checkpoint: () => void): LargeOutcome {
  let first = 0;
  while (first < y.length && Number.isNaN(y[first]!)) first++;
  const x = y.slice(first);
  const n = countObserved(x);
  // Every K's columns are among the largest K's (the last choice; K grows along the choices and the
  // caller's regressors are in each): its columns serve all, and one pass of cross products fits them.
  const largest = choices[choices.length - 1]!.xreg;
  const largestCols = largest.cols.map((col) => col.slice(first));
  const subsets = choices.map((c) =>
    c.xreg.names.map((name) => {
      const j = largest.names.indexOf(name);
      if (j < 0) throw new Error(`harmonic: regressor ${name} is not among the largest K's`);
      return j;
    }),
  );
  const cols = subsets.map((subset) => subset.map((j) => largestCols[j]!));
  const residuals = nestedOlsResiduals(x, largestCols, subsets);
  const stage1 = searchArima(residuals[residuals.length - 1]!, arimaSpec, checkpoint);
  const order = stage1.s;
  const arma = stage1.coef.subarray(0, narmaOf(order));
  // The residuals have mean zero, the series not: with no differencing the joint model keeps an
  // intercept, whatever the search on the residuals preferred.
  const bare: Structure = { ...order, reg: order.d + order.D === 0 ? 'intercept' : order.reg };
  const onResiduals: Structure = { ...bare, reg: bare.reg === 'intercept' ? 'none' : bare.reg };
  const nstar = n - bare.d - bare.D * bare.m;
  const atStage1 = onResiduals.reg === 'none' ? arma : stage1.coef;
  const approx = residuals.map((e, i) => {
    checkpoint();
    const sigma2 = Math.exp(2 * cssObjective(prepare(onResiduals, e))(Float64Array.from(atStage1)));
    const npar = ncoef(bare) + cols[i]!.length + 1;
    const aicc = nstar * Math.log(sigma2) + 2 * npar + (2 * npar * (npar + 1)) / (nstar - npar - 1);
    return Number.isFinite(aicc) ? aicc : null;
  });
  const ranked = approx.map((a, i) => [a ?? Infinity, i] as const).sort((a, b) => a[0] - b[0]);
  for (const [, index] of ranked) {
    const ctx: SearchContext = { x, n, approximation: false, offset: 0, checkpoint, xreg: { names: choices[index]!.xreg.names, cols: cols[index]! } };
    const cand = scoreModel(ctx, bare, false, { arma });
    if (Number.isFinite(cand.ic)) return { index, found: outcomeOf(ctx, cand, stage1.tried + 1), approx };
  }
  throw unfittable(`harmonic: no Fourier regression with ARIMA(${bare.p},${bare.d},${bare.q}) errors passed the checks for any K`);
}
