import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getKind } from '../../src/forecasting/index.ts';
import { candidatesOrThrow, criteria, SEARCH_WINDOW, seriesFacts } from '../../src/forecasting/ets/select.ts';
import { estimate } from '../../src/forecasting/ets/estimate.ts';
import type { EtsParams } from '../../src/forecasting/ets/params.ts';
import type { EtsSpec } from '../../src/forecasting/ets/model-code.ts';
import { normals } from '../support/random.ts';

/** A local level with α = 0.3 (ETS(A,N,N)) from 20, then 5,000 values more than the window. */
function localLevel(n: number, alpha: number, seed: number): Float64Array {
  const noise = normals(seed);
  const y = new Float64Array(n);
  let level = 20;
  for (let t = 0; t < n; t++) {
    const e = noise();
    y[t] = level + e;
    level += alpha * e;
  }
  return y;
}

test('ets on a series longer than the search window chooses on its end, then estimates on every value', () => {
  const n = SEARCH_WINDOW + 5000;
  const y = localLevel(n, 0.3, 11);
  const ets = getKind('ets');
  const model = ets.fit(y, ets.parseSpec({ model: 'ZZN' }), {});
  const m = model.metrics as Record<string, number | string | null>;
  const p = model.params as EtsParams;
  assert.equal(m.searchedLast, SEARCH_WINDOW);
  assert.equal(m.n, n);
  assert.equal(p.structure.trend, 'N', `${m.model}`);
  // α's standard error at n = 15,000 is about 0.01.
  assert.ok(Math.abs((m.alpha as number) - 0.3) < 0.04, `alpha ${m.alpha}`);
  // The initial level is the whole series' (the best ℓ0 at the fitted α, found in closed form near
  // 20, where the series starts), not the window's (wherever the walk was when it began).
  const l0 = bestL0(y, m.alpha as number);
  const windowStart = y[n - SEARCH_WINDOW]!;
  assert.ok(Math.abs(windowStart - l0) > 5, `the walk is at ${windowStart} where the window starts`);
  assert.ok(Math.abs(p.init.level - l0) < 0.1, `initial level ${p.init.level}, best ${l0}`);
  // A series at the window's length is searched whole, as before.
  const short = ets.fit(y.slice(n - SEARCH_WINDOW), ets.parseSpec({ model: 'ZZN' }), {});
  assert.equal(short.metrics.searchedLast, undefined);
});

/**
 * Simple exponential smoothing at α from ℓ0: e_t = y_t − ℓ_{t−1}, ℓ_t = ℓ_{t−1} + α·e_t. The errors are
 * linear in ℓ0, e_t = a_t − c_t·ℓ0 (a_t the errors from ℓ0 = 0, c_t = (1 − α)^t), so the best ℓ0 and
 * the least SSE have closed forms.
 */
function sesSums(y: Float64Array, alpha: number): { saa: number; sac: number; scc: number } {
  let level = 0;
  let c = 1;
  let saa = 0;
  let sac = 0;
  let scc = 0;
  for (let t = 0; t < y.length; t++) {
    const a = y[t]! - level;
    saa += a * a;
    sac += a * c;
    scc += c * c;
    level += alpha * a;
    c *= 1 - alpha;
  }
  return { saa, sac, scc };
}

function bestL0(y: Float64Array, alpha: number): number {
  const { sac, scc } = sesSums(y, alpha);
  return sac / scc;
}

function sseAt(y: Float64Array, alpha: number): number {
  const { saa, sac, scc } = sesSums(y, alpha);
  return saa - (sac * sac) / scc;
}

test('ets(A,N,N) chosen on the window reaches the whole-series likelihood found by brute force', () => {
  const n = SEARCH_WINDOW + 5000;
  const y = localLevel(n, 0.3, 12);
  const ets = getKind('ets');
  const model = ets.fit(y, ets.parseSpec({ model: 'ANN' }), {});
  assert.equal(model.metrics.searchedLast, SEARCH_WINDOW);
  // R's −2·loglik for additive errors is n·log(SSE); a grid over α with the best ℓ0 at each.
  let best = Infinity;
  for (let alpha = 0.2; alpha <= 0.4; alpha += 0.0005) best = Math.min(best, n * Math.log(sseAt(y, alpha)));
  const lik = -2 * (model.metrics.loglik as number);
  assert.ok(lik <= best + 0.01, `fit ${lik} against the grid's ${best}`);
  assert.ok(lik > best - 0.5, `fit ${lik} below the grid's ${best} by more than the grid's resolution allows`);
});

test('ets searches the whole series when its last 10,000 values are mostly gaps or constant', () => {
  const n = SEARCH_WINDOW + 5000;
  const ets = getKind('ets');
  const gappy = localLevel(n, 0.3, 13);
  for (let t = n - SEARCH_WINDOW; t < n; t++) if (t % 3 !== 0) gappy[t] = NaN;
  const g = ets.fit(gappy, ets.parseSpec({ model: 'ANN' }), {});
  assert.equal(g.metrics.searchedLast, undefined);
  const flat = localLevel(n, 0.3, 14);
  flat.fill(flat[4999]!, n - SEARCH_WINDOW);
  const f = ets.fit(flat, ets.parseSpec({ model: 'ANN' }), {});
  assert.equal(f.metrics.searchedLast, undefined);
  assert.equal(f.metrics.n, n);
});

/** An ETS process without season: additive errors of sd 5, or (mult) multiplicative ones of sd 1%. */
function etsProcess(n: number, p: { alpha: number; beta: number; phi: number; trend: boolean; mult: boolean }, seed: number): Float64Array {
  const z = normals(seed);
  const y = new Float64Array(n);
  let level = 1000;
  let slope = p.trend ? 2 : 0;
  for (let t = 0; t < n; t++) {
    const f = level + p.phi * slope;
    const e = p.mult ? 0.01 * z() : 5 * z();
    y[t] = p.mult ? f * (1 + e) : f + e;
    const err = p.mult ? f * e : e;
    level = f + p.alpha * err;
    slope = p.trend ? p.phi * slope + p.beta * err : 0;
  }
  return y;
}

// The window search of a long non-seasonal series starts each candidate from the best optimum before
// it (select.ts, windowedSelect). Its answer must be the process's structure, estimated as well as the
// multi-start search (estimate() without a search context: R's start and the alternatives, polished)
// estimates that structure on the whole series.
for (const [code, p, seed] of [
  ['ETS(A,A,N)', { alpha: 0.6, beta: 0.1, phi: 1, trend: true, mult: false }, 21],
  ['ETS(A,Ad,N)', { alpha: 0.4, beta: 0.05, phi: 0.9, trend: true, mult: false }, 22],
  ['ETS(M,N,N)', { alpha: 0.7, beta: 0, phi: 1, trend: false, mult: true }, 23],
] as const) {
  test(`ets on a long ${code} process: the warm-started window search finds it, as well estimated as a multi-start fit`, () => {
    const y = etsProcess(SEARCH_WINDOW + 5000, p, seed);
    const ets = getKind('ets');
    const model = ets.fit(y, ets.parseSpec({ model: 'ZZN' }), {});
    assert.equal(model.metrics.model, code);
    assert.equal(model.metrics.searchedLast, SEARCH_WINDOW);
    const s = (model.params as EtsParams).structure;
    const reference = estimate(y, s, seriesFacts(y).scale, null);
    assert.ok(reference, 'the multi-start fit found no admissible parameters');
    const aicc = model.metrics.aicc as number;
    assert.ok(aicc <= criteria(reference).aicc + 0.5, `AICc ${aicc}, multi-start ${criteria(reference).aicc}`);
    // The structure is the one every candidate's multi-start fit on the same window ranks first.
    const tail = y.subarray(y.length - SEARCH_WINDOW);
    const ranked = candidatesOrThrow(tail, ets.parseSpec({ model: 'ZZN' }) as EtsSpec)
      .map((c) => ({ c, fit: estimate(tail, c, seriesFacts(tail).scale, null) }))
      .filter((r) => r.fit)
      .sort((a, b) => criteria(a.fit!).aicc - criteria(b.fit!).aicc);
    assert.deepEqual(ranked[0]!.c, s);
  });
}
