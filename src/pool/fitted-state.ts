import { getKind, type Fitted } from '../forecasting/index.ts';
import type { ModelStore, ObservationChunk } from '../store/index.ts';

/** The version a task names is not in the store: its model was deleted after the daemon chose the version. */
export class VersionGone extends Error {}

/** A version's fitted state after its first `nObs` observations, with the series it has seen. */
export interface FittedState {
  model: string;
  version: number;
  nObs: number;
  fitted: Fitted;
  /** The series so far (training + appended); a view of a buffer that `advance` may extend in place. */
  series: Float64Array;
  /** The stored params' JSON length, to weigh the state in a cache (an update keeps their size). */
  paramsLength: number;
}

/**
 * Rebuilds a version's state at `nObs` from the store: its fitted parameters, then the kind's `update`
 * once per appended chunk, in order. The daemon (to check an append) and every worker (to forecast)
 * go through this one path with the same chunks, so they compute bit-identical states.
 */
export function loadState(store: ModelStore, model: string, version: number, nObs: number): FittedState {
  const row = store.getVersion(model, version);
  if (!row) throw new VersionGone(`model '${model}' was deleted`);
  if (row.state !== 'ready') throw new Error(`version ${model}@${version} is not ready in the store`);
  const kind = getKind(row.kind);
  const fitted: Fitted = { kind: row.kind, spec: kind.parseSpec(row.spec), params: row.params, metrics: (row.metrics ?? {}) as Fitted['metrics'] };
  const state: FittedState = { model, version, nObs: row.nFit, fitted, series: row.series, paramsLength: row.paramsLength };
  return catchUp(store, state, nObs);
}

/** Applies the chunks appended after `state.nObs` up to `nObs`; the state must not be ahead of `nObs`. */
export function catchUp(store: ModelStore, state: FittedState, nObs: number): FittedState {
  if (state.nObs === nObs) return state;
  const chunks = store.observations.chunks(state.model, state.version, state.nObs, nObs);
  let next = state;
  for (const c of chunks) next = advance(next, c);
  if (next.nObs !== nObs) throw new Error(`version ${state.model}@${state.version} has ${next.nObs} observations in the store, not ${nObs}`);
  return next;
}

/** The state after one more chunk (the kind's update with the same parameters). */
export function advance(state: FittedState, chunk: ObservationChunk): FittedState {
  const kind = getKind(state.fitted.kind);
  if (!kind.update) throw new Error(`kind ${state.fitted.kind} cannot update`);
  const fitted = kind.update(state.fitted, chunk.points);
  return { ...state, nObs: chunk.endObs, fitted, series: extend(state.series, chunk.points) };
}

/**
 * Appends in place when the series' buffer has room beyond the view (views of earlier states never look
 * past their own length, so they are unaffected); otherwise copies into a buffer twice as large, so a
 * run of appends costs amortised O(new points), not O(series) each.
 */
function extend(series: Float64Array, points: Float64Array): Float64Array {
  const length = series.length + points.length;
  const capacity = series.buffer.byteLength / 8 - series.byteOffset / 8;
  const buffer =
    capacity >= length && series.byteOffset % 8 === 0
      ? new Float64Array(series.buffer, series.byteOffset, length)
      : copyInto(new Float64Array(Math.max(16, length * 2)), series).subarray(0, length);
  buffer.set(points, series.length);
  return buffer;
}

function copyInto(to: Float64Array, from: Float64Array): Float64Array {
  to.set(from);
  return to;
}
