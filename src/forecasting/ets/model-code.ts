/**
 * The ETS option set and model codes: parsing `model` ("ZZZ", "MAdM", …), `damped`, `period`,
 * `allowMultiplicativeTrend`, and the list of candidate structures R's ets() would try.
 */
import { invalidSpec } from '../errors.ts';
import { boolOption, periodOption, rejectUnknown, type Options } from '../options.ts';

export type ErrorCode = 'A' | 'M';
export type TrendCode = 'N' | 'A' | 'M';
export type SeasonCode = 'N' | 'A' | 'M';

export interface EtsSpec {
  /** Three letters, each may be Z (choose); a damped trend is carried by `damped`, never by a 'd'. */
  model: string;
  period: number;
  /** true/false fixes the damping; null lets the selection try both, as R's damped = NULL. */
  damped: boolean | null;
  allowMultiplicativeTrend: boolean;
}

/** One fully specified member of the family. */
export interface Structure {
  error: ErrorCode;
  trend: TrendCode;
  season: SeasonCode;
  damped: boolean;
  /** Seasonal period; 1 for non-seasonal structures, whatever the series' period. */
  m: number;
}

const ALLOWED = ['model', 'period', 'damped', 'allowMultiplicativeTrend'] as const;

export function parseEtsSpec(input: Options): EtsSpec {
  rejectUnknown(input, ALLOWED);
  const period = periodOption(input);
  const allowMultiplicativeTrend = boolOption(input, 'allowMultiplicativeTrend', false);
  let damped: boolean | null = null;
  if (input.damped !== undefined && input.damped !== null) {
    if (typeof input.damped !== 'boolean') throw invalidSpec('damped', 'damped must be true, false or null');
    damped = input.damped;
  }
  const raw = input.model ?? 'ZZZ';
  if (typeof raw !== 'string') throw invalidSpec('model', 'model must be a string such as "ZZZ" or "MAdM"');
  // "AAdA" style: the 'd' after the trend letter is R's printed form of damped = TRUE.
  const m4 = /^([AMZ])([NAMZ])(d?)([NAMZ])$/.exec(raw);
  if (!m4) {
    throw invalidSpec('model', `model '${raw}' is not an ETS code: error A/M/Z, trend N/A/Ad/M/Md/Z, season N/A/M/Z (e.g. "ZZZ", "MAdM")`);
  }
  const [, e, t, d, s] = m4 as unknown as [string, string, string, string, string];
  if (d === 'd') {
    if (damped === false) throw invalidSpec('damped', `model '${raw}' is damped but damped is false`);
    if (t === 'N') throw invalidSpec('model', 'a damped trend needs a trend (A, M or Z)');
    damped = true;
  }
  if (damped === true && t === 'N') throw invalidSpec('damped', 'damped is true but the model has no trend');
  if (e === 'A' && (t === 'M' || s === 'M')) {
    throw invalidSpec('model', `ETS(${e},${t},${s}) is a forbidden combination (additive error with a multiplicative component)`);
  }
  if (e === 'M' && t === 'M' && s === 'A') throw invalidSpec('model', 'ETS(M,M,A) is a forbidden combination');
  if ((s === 'A' || s === 'M') && period < 2) {
    throw invalidSpec('period', `a seasonal model (season '${s}') needs period ≥ 2`);
  }
  return { model: e + t + s, period, damped, allowMultiplicativeTrend };
}

/** R's printed name, e.g. ETS(M,Ad,M). */
export function modelName(s: Structure): string {
  return `ETS(${s.error},${s.trend}${s.damped ? 'd' : ''},${s.season})`;
}

/** Free parameters R counts in length(par): smoothing parameters plus initial states (m−1 seasonal). */
export function parameterCount(s: Structure): number {
  let k = 2; // alpha, l0
  if (s.trend !== 'N') k += 2; // beta, b0
  if (s.damped) k += 1; // phi
  if (s.season !== 'N') k += s.m; // gamma and m−1 free seasonal states
  return k;
}

/**
 * The structures R's ets() loop would try for this spec and data, in R's order. R first counts the
 * parameters the spec's fixed letters imply (a Z letter adds nothing) and, when n ≤ that + 4, falls
 * back to HoltWinters; we return no candidate instead, so the spec is unfittable. Then, like R's
 * etsmodel, a candidate with at least n − 1 parameters is skipped.
 */
export function candidates(spec: EtsSpec, nObs: number, positive: boolean): Structure[] {
  const [e, t, s] = spec.model.split('') as [string, string, string];
  let specPars = 2;
  if (t === 'A' || t === 'M') specPars += 2;
  if (s === 'A' || s === 'M') specPars += spec.period;
  if (spec.damped) specPars += 1;
  if (nObs <= specPars + 4) return [];
  const errors: ErrorCode[] = e === 'Z' ? ['A', 'M'] : [e as ErrorCode];
  const trends: TrendCode[] = t === 'Z' ? (spec.allowMultiplicativeTrend ? ['N', 'A', 'M'] : ['N', 'A']) : [t as TrendCode];
  let seasons: SeasonCode[] = s === 'Z' ? ['N', 'A', 'M'] : [s as SeasonCode];
  // R drops a chosen season when the series is not longer than one period (or has period 1).
  if (s === 'Z' && (spec.period < 2 || nObs <= spec.period)) seasons = ['N'];
  const dampings = spec.damped === null ? [true, false] : [spec.damped];
  const out: Structure[] = [];
  for (const er of errors) {
    for (const tr of trends) {
      for (const se of seasons) {
        for (const dm of dampings) {
          if (tr === 'N' && dm) continue;
          if (er === 'A' && (tr === 'M' || se === 'M')) continue;
          if (er === 'M' && tr === 'M' && se === 'A') continue;
          if (!positive && (er === 'M' || se === 'M' || tr === 'M')) continue;
          const st: Structure = { error: er, trend: tr, season: se, damped: dm, m: se === 'N' ? 1 : spec.period };
          if (se !== 'N' && nObs <= spec.period) continue;
          if (parameterCount(st) >= nObs - 1) continue;
          out.push(st);
        }
      }
    }
  }
  return out;
}
