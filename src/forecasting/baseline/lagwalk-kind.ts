import type { ModelKind } from '../types.ts';
import type { Options } from '../options.ts';
import type { BaselineSpec } from './common.ts';
import { lagWalkFitted, lagWalkForecast, walk, walkOrThrow, type LagWalkFlavour, type LagWalkParams } from './lagwalk.ts';
import { assertSeries } from './common.ts';
import { cheapByAnswerSize } from '../cheap-forecast.ts';

/** Builds a ModelKind from a lag-walk flavour; naive, snaive and drift differ only in lag, drift and spec rules. */
export function lagWalkKind(
  flavour: LagWalkFlavour,
  parseSpec: (input: Options) => BaselineSpec,
): ModelKind<BaselineSpec, LagWalkParams> {
  return {
    name: flavour.name,
    parseSpec,
    check(y, spec) {
      walkOrThrow(y, spec, flavour);
    },
    fit(y, spec, ctx) {
      ctx.checkpoint?.();
      return lagWalkFitted(walkOrThrow(y, spec, flavour), spec, flavour);
    },
    forecast(model, h, levels) {
      return lagWalkForecast(model, h, levels, flavour.drift);
    },
    // Closed form from the stored last season: O(h) per interval, whatever the lag.
    cheapForecast: cheapByAnswerSize,
    update(model, newY) {
      assertSeries(newY);
      return lagWalkFitted(walk(model.params, newY), model.spec as BaselineSpec, flavour);
    },
  };
}
