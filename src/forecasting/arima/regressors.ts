/**
 * External regressors for regression with ARIMA errors (R's Arima(y, xreg = X)): the `regressors`
 * option `{name: [values…]}`, one finite value per observation, and the future values a forecast of
 * such a model needs. Kept in the spec in the form given, so a parsed spec parses again to itself.
 */
import { invalidSpec, unfittable } from '../errors.ts';
import type { Options } from '../options.ts';

export type Regressors = Record<string, number[]>;

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
/** Names the model already uses for its own coefficients. */
const RESERVED = new Set(['intercept', 'drift']);

function finiteColumn(field: string, v: unknown): number[] {
  if (!Array.isArray(v) || v.length === 0) throw invalidSpec(field, `${field} must be a non-empty array of numbers`);
  v.forEach((x, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) throw invalidSpec(field, `${field}[${i}] must be a finite number`);
  });
  return v as number[];
}

export function regressorsOption(input: Options): Regressors | null {
  const v = input.regressors;
  if (v === undefined || v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) throw invalidSpec('regressors', 'regressors must be an object {name: [values…]}');
  const names = Object.keys(v);
  if (names.length === 0) return null;
  if (names.length > 50) throw invalidSpec('regressors', 'at most 50 regressors');
  const out: Regressors = {};
  for (const name of names) {
    if (!NAME.test(name) || RESERVED.has(name)) throw invalidSpec(`regressors.${name}`, `regressor name '${name}' must be an identifier other than intercept or drift`);
    out[name] = finiteColumn(`regressors.${name}`, (v as Record<string, unknown>)[name]);
  }
  return out;
}

/** The columns aligned with a series of length n (checked: each exactly n values). */
export function regressorColumns(reg: Regressors | null, n: number): { names: string[]; cols: Float64Array[] } {
  if (!reg) return { names: [], cols: [] };
  const names = Object.keys(reg);
  for (const name of names) {
    if (reg[name]!.length !== n) throw unfittable(`regressor '${name}' has ${reg[name]!.length} values for ${n} observations`, `regressors.${name}`);
  }
  return { names, cols: names.map((name) => Float64Array.from(reg[name]!)) };
}

/** Future values of the model's regressors for h steps: each present, at least h long, finite. */
export function futureColumns(names: readonly string[], future: Record<string, unknown> | undefined, h: number): Float64Array[] {
  if (names.length === 0) return [];
  if (!future) throw invalidSpec('regressors', `this model has regressors (${names.join(', ')}): a forecast needs their future values`);
  return names.map((name) => {
    const field = `regressors.${name}`;
    if (future[name] === undefined) throw invalidSpec(field, `regressor '${name}' is missing: give its next ${h} values`);
    const col = finiteColumn(field, future[name]);
    if (col.length < h) throw invalidSpec(field, `regressor '${name}' has ${col.length} future values; the forecast needs ${h}`);
    return Float64Array.from(col.slice(0, h));
  });
}
