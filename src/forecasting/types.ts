/**
 * The engine's contract (DESIGN.md "The forecasting engine"). Everything here is plain data so a
 * fitted model can be stored as JSON and rebuilt in another worker with identical forecasts.
 */

/** Options that every fit may carry, whatever the kind. */
export interface FitContext {
  /** Checked between expensive steps; throwing from it aborts the fit. Optional for pure callers. */
  checkpoint?: () => void;
}

/** A fitted model: plain, JSON-serialisable data. */
export interface Fitted<Params = unknown> {
  kind: string;
  spec: unknown;
  params: Params;
  /** Summary figures the registry shows (n, sigma2, aicc, loglik, method, …). Finite numbers or strings. */
  metrics: Record<string, number | string | null>;
}

export interface Interval {
  level: number;
  lower: Float64Array;
  upper: Float64Array;
}

export interface Forecast {
  mean: Float64Array;
  intervals: Interval[];
}

/** What a forecast may need beyond the model: future values of its regressors, by name. */
export interface ForecastInputs {
  regressors?: Record<string, unknown>;
}

export interface ModelKind<Spec = unknown, Params = unknown> {
  name: string;
  /** Validates user options (already stripped of `data`); throws EngineError naming the field. */
  parseSpec(input: Record<string, unknown>): Spec;
  /**
   * Cheap checks that the series can be fitted with this spec (length, variance, …), run before a
   * version number is allocated so that bad input changes nothing stored. Throws EngineError.
   */
  check(y: Float64Array, spec: Spec): void;
  fit(y: Float64Array, spec: Spec, ctx: FitContext): Fitted<Params>;
  forecast(model: Fitted<Params>, h: number, levels: number[], inputs?: ForecastInputs): Forecast;
  /** Names of the regressors whose future values `forecast` needs (none: a plain GET forecast works). */
  regressorNames?(model: Fitted<Params>): string[];
  update?(model: Fitted<Params>, newY: Float64Array): Fitted<Params>;
  /**
   * True when forecast(model, h, levels) is closed-form and small, costing about what handing it to
   * another thread does (tens of microseconds): the daemon then computes it where it already holds the
   * state. Kinds that simulate, or whose cost grows with a long season, say no (or leave it out).
   */
  cheapForecast?(model: Fitted<Params>, h: number, levels: number[]): boolean;
}
