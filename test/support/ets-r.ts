import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { filterFromInit, type EtsParams } from '../../src/forecasting/ets/params.ts';
import { parameterCount, type Structure } from '../../src/forecasting/ets/model-code.ts';

/**
 * fixtures/ets-reference.json (R 4.2.2 / forecast 8.20) and the adapter from R's state order to ours:
 * R's initstate is (l, b, s1, …, sm) with s1 the most recent seasonal index and sm the oldest; our
 * InitState.seas[j] is the index of observation j, so seas[j] = s(m − j).
 */
export type Bands = { '80': number[]; '95': number[] };
export interface RCase {
  id: string;
  series: { file: string; n: number; frequency: number; first: number; last: number };
  model: string;
  components: [string, string, string, string];
  m: number;
  n: number;
  params: { alpha: number; beta: number | null; gamma: number | null; phi: number | null };
  initstate: Record<string, number>;
  final_state: Record<string, number>;
  sigma2: number;
  loglik: number;
  /** R's log-likelihood re-evaluated at the fitted values without optimising. */
  loglik_refit: number;
  npar_optimised: number;
  aic: number;
  aicc: number;
  bic: number;
  forecast: { h: number; method: 'class1' | 'class2' | 'class3' | 'simulated'; mean: number[]; lower: Bands; upper: Bands };
  point_state_path: number[];
  simulated?: { npaths: number; mean: number[]; lower: Bands; upper: Bands };
  [more: string]: unknown;
}

const root = new URL('../../', import.meta.url);
export const rCases: RCase[] = Object.values(
  (JSON.parse(readFileSync(new URL('fixtures/ets-reference.json', root), 'utf8')) as { cases: Record<string, RCase> }).cases,
);

/** The series R fitted, from the dev fixtures (train + test), checked against what R recorded. */
export function seriesOf(c: RCase): Float64Array {
  const d = JSON.parse(readFileSync(new URL(c.series.file, root), 'utf8'));
  const y = Float64Array.from([...d.train, ...d.test]);
  assert.equal(y.length, c.n);
  assert.equal(y[0], c.series.first);
  assert.equal(y[y.length - 1], c.series.last);
  return y;
}

export function structureOf(c: RCase): Structure {
  const [error, trend, season, damped] = c.components;
  return {
    error: error as Structure['error'],
    trend: trend as Structure['trend'],
    season: season as Structure['season'],
    damped: damped === 'TRUE',
    m: season === 'N' ? 1 : c.m,
  };
}

/** R's fitted model as our EtsParams: R's parameters and initial states, our filter run once. */
export function paramsFromR(c: RCase, y: Float64Array): EtsParams {
  const s = structureOf(c);
  const smoothing = { alpha: c.params.alpha, beta: c.params.beta ?? 0, gamma: c.params.gamma ?? 0, phi: c.params.phi ?? 1 };
  const seas = s.season === 'N' ? [] : Array.from({ length: c.m }, (_, j) => c.initstate[`s${c.m - j}`]!);
  const init = { level: c.initstate.l!, slope: c.initstate.b ?? 0, seas };
  const run = filterFromInit(y, s, smoothing, init, null);
  assert.ok(run.sums.ok, `${c.id}: filter broke down`);
  return { structure: s, ...smoothing, init, last: run.last, sse: run.sums.sse, sumLogF: run.sums.sumLogF, nObs: run.sums.nObs, npar: parameterCount(s) };
}
