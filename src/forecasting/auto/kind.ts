import { EngineError, unfittable } from '../errors.ts';
import { countObserved } from '../stats.ts';
import type { Fitted, ModelKind } from '../types.ts';
import { combineForecasts } from './combine.ts';
import { blowsUp, clipAtFloor, plausibleRange, type PlausibleRange } from './guard.ts';
import { autoSeasons } from './period.ts';
import { parseAutoSpec, type AutoSpec } from './spec.ts';
import { validate, validationPlan, type Member } from './validate.ts';

interface MemberFit {
  kind: string;
  spec: unknown;
  params: unknown;
  metrics: Fitted['metrics'];
}

interface AutoParams {
  /** The seasons modelled (after the strength test), ascending. */
  periods: number[];
  periodSource: string;
  /** 'combination' or the one kind chosen. */
  choice: string;
  members: MemberFit[];
  /**
   * The blow-up guard (guard.ts): forecasts leaving `range` are replaced by the fallback's; those of a
   * series that never was negative are clipped at its floor.
   */
  range: PlausibleRange;
  fallback: MemberFit[];
}

/**
 * Longest single period the one-season kinds (auto_arima, ets) model directly. Longer, several or
 * non-integer periods go through MSTL: on melbourne (365) and taylor (48 and 336) MSTL with ARIMA for
 * the adjusted series measured 0.696 and 0.736 MASE where auto_arima + ets gave 1.031 and 0.737
 * (docs/forecasting.md).
 */
const SHORT_SEASON = 24;

/**
 * A single long period this regular (seasonal strength) is also modelled by auto_arima, whose seasonal
 * difference repeats the last cycle exactly, in an equal-weight combination with MSTL. A noisier season
 * is MSTL's alone: repeating the last cycle repeats a cycle of noise, where MSTL's seasonal part is
 * smoothed over 11 cycles. Measured: taylor [336] (strength 1.0) auto_arima 0.711, MSTL 0.788, both
 * 0.722; melbourne [365] (0.63) auto_arima 1.015, MSTL 0.696, both 0.750. Validation one season
 * ahead chose wrongly on taylor (MSTL 0.605 against auto_arima 0.833 on the last training week).
 */
const REGULAR_SEASON = 0.9;

/**
 * The two model families that auto combines or chooses between. The rule (measured on the dev series,
 * docs/benchmarks.md): seasonal series get their equal-weight combination — validating on one season
 * was too noisy to choose reliably, and the combination beat the validated choice on 4 of 6 seasonal
 * series; non-seasonal series are validated, because ETS has no autoregressive part for cycles (lynx,
 * sunspots) and validation detects that. theta and the naive baselines lost every comparison there.
 */
const FAMILIES = ['auto_arima', 'ets'];

const round3 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : null);

/**
 * The default kind: chooses among auto_arima, ets, theta and a seasonal/plain naive baseline, or their
 * equal-weight combination, by rolling-origin validation on the end of the training data. Kinds are
 * looked up through `resolve` (the registry), which cannot be imported here without a cycle.
 */
export function makeAutoKind(resolve: (name: string) => ModelKind<any, any> | undefined): ModelKind<AutoSpec, AutoParams> {
  const kindOf = (name: string) => {
    const k = resolve(name);
    if (!k) throw new Error(`auto: kind ${name} is not registered`);
    return k;
  };
  const fitMembers = (y: Float64Array, names: string[], options: Record<string, unknown>, ctx: Parameters<ModelKind['fit']>[2]): MemberFit[] =>
    names.flatMap((name) => {
      const kind = kindOf(name);
      try {
        const spec = kind.parseSpec(options);
        kind.check(y, spec);
        const f = kind.fit(y, spec, ctx);
        return [{ kind: name, spec: f.spec, params: f.params, metrics: f.metrics }];
      } catch (err) {
        if (err instanceof EngineError) return [];
        throw err;
      }
    });

  return {
    name: 'auto',
    parseSpec: parseAutoSpec,
    check(y) {
      const observed = countObserved(y);
      if (observed < 4) throw unfittable(`auto needs at least 4 observed values; the series has ${observed}`);
    },
    fit(y, spec, ctx) {
      const seasons = autoSeasons(y, spec.period, spec.intervalSeconds);
      const periods = seasons.periods;
      const short = periods.length === 0 || (periods.length === 1 && Number.isInteger(periods[0]) && periods[0]! <= SHORT_SEASON);
      const period = short ? (periods[0] ?? 1) : Math.floor(periods[periods.length - 1]!);
      const options = period > 1 ? { period } : {};
      const metrics: Fitted['metrics'] = {};
      let choice = 'combination';
      let why = 'equal-weight combination (method combine)';
      let members: MemberFit[];
      if (short) {
        const automatic = FAMILIES.filter((n) => resolve(n));
        const validateHere = spec.method === 'select' || (spec.method === 'validate' && period === 1);
        const plan = validateHere ? validationPlan(y.length, period, spec.horizon) : null;
        if (plan) {
          const candidates: Member[] = automatic.map((n) => ({ kind: kindOf(n), options }));
          const v = validate(y, period, plan, candidates, automatic, ctx);
          const scored: [string, number][] = [...v.single].filter(([, m]) => Number.isFinite(m));
          if (spec.method === 'validate' && Number.isFinite(v.combined)) scored.push(['combination', v.combined]);
          scored.sort((a, b) => a[1] - b[1]);
          if (scored.length > 0) choice = scored[0]![0];
          for (const [name, m] of v.single) metrics[`validationMase.${name}`] = round3(m);
          metrics['validationMase.combination'] = round3(v.combined);
          why = `lowest validation MASE over ${plan.windows} window(s) of ${plan.h}: ${scored.map(([n, m]) => `${n} ${m.toFixed(3)}`).join(', ')}`;
        } else if (validateHere) {
          why = 'series too short to validate: equal-weight combination';
        } else if (spec.method === 'validate') {
          why = `seasonal (period ${period}): equal-weight combination of ${automatic.join(' and ')}`;
        }
        members = fitMembers(y, choice === 'combination' ? automatic : [choice], options, ctx);
      } else {
        const mstlOptions = { period: periods, method: 'arima' };
        const strength = seasons.tested.find((t) => t.period === periods[0])?.strength ?? 0;
        if (periods.length === 1 && Number.isInteger(periods[0]) && strength >= REGULAR_SEASON) {
          why = `one long period ${period} of strength ${strength.toFixed(2)}: equal-weight combination of auto_arima and mstl (ARIMA)`;
          members = [...fitMembers(y, ['auto_arima'], options, ctx), ...fitMembers(y, ['mstl'], mstlOptions, ctx)];
        } else {
          choice = 'mstl';
          why = `period${periods.length > 1 ? 's' : ''} ${periods.join(', ')}: mstl with ARIMA for the seasonally adjusted series`;
          members = fitMembers(y, ['mstl'], mstlOptions, ctx);
        }
      }
      const baseline = period > 1 ? 'snaive' : 'naive';
      const fallback = fitMembers(y, [baseline], options, ctx);
      if (members.length === 0) members = fallback;
      if (members.length === 0) throw unfittable('auto: none of the candidate kinds could be fitted to this series');
      const describe = (m: MemberFit) => (typeof m.metrics.model === 'string' ? `${m.kind} ${m.metrics.model}` : m.kind);
      for (const t of seasons.tested) metrics[`strength.${t.period}`] = round3(t.strength);
      Object.assign(metrics, {
        model: members.length > 1 ? `combination of ${members.map(describe).join(', ')}` : describe(members[0]!),
        chosen: choice,
        why,
        period: periods.length <= 1 ? period : periods.join(', '),
        periodSource: seasons.source,
        n: y.length,
      });
      const params: AutoParams = { periods, periodSource: seasons.source, choice, members, range: plausibleRange(y), fallback };
      return { kind: 'auto', spec, params, metrics };
    },
    forecast(model, h, levels) {
      const run = (members: MemberFit[]) => {
        const forecasts = members.map((m) => {
          const kind = kindOf(m.kind);
          return kind.forecast({ kind: m.kind, spec: kind.parseSpec(m.spec as Record<string, unknown>), params: m.params, metrics: m.metrics }, h, levels);
        });
        return forecasts.length === 1 ? forecasts[0]! : combineForecasts(forecasts);
      };
      const fc = run(model.params.members);
      const { range, fallback } = model.params;
      // Versions stored before the guard existed have neither field.
      const guarded = fallback?.length && range && blowsUp(fc, range) ? run(fallback) : fc;
      return range?.floor === undefined ? guarded : clipAtFloor(guarded, range.floor);
    },
    // Cheap when every member's forecast is, and the guard's fallback's too (it may run instead).
    cheapForecast(model, h, levels) {
      const cheap = (m: MemberFit) => {
        const kind = kindOf(m.kind);
        return kind.cheapForecast?.({ kind: m.kind, spec: kind.parseSpec(m.spec as Record<string, unknown>), params: m.params, metrics: m.metrics }, h, levels) ?? false;
      };
      return model.params.members.every(cheap) && (model.params.fallback ?? []).every(cheap);
    },
    // Same choice, same members, each member's own update; a member kind without one declines for all.
    // The guard's fallback moves on too, so a replaced forecast starts from the latest observations.
    update(model, newY) {
      const advance = (m: MemberFit): MemberFit => {
        const kind = kindOf(m.kind);
        if (!kind.update) throw new EngineError('MODELAPI_ERR_UPDATE_UNSUPPORTED', `auto: its member ${m.kind} cannot take new observations`);
        const f = kind.update({ kind: m.kind, spec: kind.parseSpec(m.spec as Record<string, unknown>), params: m.params, metrics: m.metrics }, newY);
        return { kind: m.kind, spec: f.spec, params: f.params, metrics: f.metrics };
      };
      const members = model.params.members.map(advance);
      // Versions stored before the guard existed have no fallback.
      const fallback = model.params.fallback?.map(advance);
      const n = typeof model.metrics.n === 'number' ? model.metrics.n + newY.length : null;
      return { ...model, params: { ...model.params, members, ...(fallback ? { fallback } : {}) }, metrics: { ...model.metrics, n } };
    },
  };
}
