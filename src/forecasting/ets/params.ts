/** The fitted model's stored form (plain JSON) and the filter run from an initial state. */
import { codesOf, likelihood, newSums, runFilter, type Smoothing, type State } from './filter.ts';
import type { InitState } from './init-states.ts';
import type { Structure } from './model-code.ts';

export interface FinalState {
  level: number;
  slope: number;
  /** seas[k] is the seasonal index of the observation k + 1 steps ahead. */
  seas: number[];
}

/** Everything a forecast or an update needs; plain JSON. */
export interface EtsParams {
  structure: Structure;
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  init: InitState;
  last: FinalState;
  sse: number;
  sumLogF: number;
  nObs: number;
  npar: number;
  /**
   * Simulated intervals for the default levels, made at fit time for structures without closed-form
   * ones, so a forecast at those levels reads them instead of simulating 5000 paths (some 2 ms).
   * Dropped when an update moves the state; then forecasts simulate again.
   */
  stored?: StoredIntervals;
  /** Set when the structure was chosen on the series' last values only (select.ts, SEARCH_WINDOW). */
  searchedLast?: number;
}

/** Simulated bounds per level for steps 1..h: exactly what simulatedIntervals gives for those steps. */
export interface StoredIntervals {
  /** The final state they were simulated from; any other state (after an update) does not use them. */
  from: { level: number; nObs: number };
  h: number;
  levels: number[];
  lower: number[][];
  upper: number[][];
}

/** Runs the filter from an initial state and packs the result. */
export function filterFromInit(y: Float64Array, s: Structure, p: Smoothing, init: InitState, resid: Float64Array | null) {
  const codes = codesOf(s);
  const st: State = { level: init.level, slope: init.slope, seas: seasBuffer(init.seas, codes.m), pos: 0 };
  const sums = runFilter(y, codes, p, st, resid, newSums());
  return { sums, last: finalState(st, codes.m), lik: likelihood(sums, codes.error) };
}

export function seasBuffer(seas: number[], m: number): Float64Array {
  const b = new Float64Array(m);
  if (seas.length === m) b.set(seas);
  return b;
}

export function finalState(st: State, m: number): FinalState {
  const seas: number[] = [];
  if (m > 1) for (let k = 0; k < m; k++) seas.push(st.seas[(st.pos + k) % m]!);
  return { level: st.level, slope: st.slope, seas };
}
