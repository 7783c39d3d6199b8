import { Type, type Static } from '@sinclair/typebox';
export { ModelParams, success, FailResponse, ErrorResponse } from '../http/jsend-schemas.ts';
import { nullable, stringEnum } from '../http/schema-types.ts';

// The shapes the routes take and give; also the OpenAPI document.

const LabelsT = Type.Record(Type.String(), Type.String(), { description: 'labels: key → value' });
export const Timestamps = Type.Array(Type.Union([Type.String(), Type.Number()]), {
  description: 'one per value: ISO 8601 (UTC unless an offset is given) or epoch seconds/milliseconds; regularly spaced, gaps become missing values',
});

export const TimeSummary = Type.Union([
  Type.Object({ first: Type.String(), last: Type.String(), spacing: Type.String() }),
  Type.Null(),
], { description: "the model's time axis, when it was fitted with timestamps" });

export const FitBody = Type.Object(
  {
    data: Type.Array(Type.Unsafe<number | null>({ type: ['number', 'null'] }), {
      description: 'the series, oldest first; null marks a missing value',
    }),
    kind: Type.Optional(Type.String({ description: 'model kind (default: naive); see GET /v1/kinds' })),
    timestamps: Type.Optional(Timestamps),
    refit: Type.Optional(Type.Unknown({ description: 'refit policy stored on the model: {"every": N} observations or {"after": "24h"}; null clears it' })),
    period: Type.Optional(
      Type.Union([Type.Number({ minimum: 1 }), Type.Array(Type.Number({ minimum: 1 }), { minItems: 1 })], {
        description: 'seasonal period(s): 12 monthly, 7 daily, [48, 336] half-hourly, [7, 365.25]; several or non-integer: kinds mstl, harmonic, auto',
      }),
    ),
    labels: Type.Optional(LabelsT),
  },
  {
    additionalProperties: true,
    description: 'Other fields are options of the kind; unknown ones are rejected by name.',
  },
);
export type FitBodyT = Static<typeof FitBody>;

export const FitQuery = Type.Object(
  { async: Type.Optional(Type.Boolean({ description: 'true: answer 202 with a job at once (Location: /v1/jobs/<id>) and fit in the background' })) },
  { additionalProperties: false },
);

export const ForecastQuery = Type.Object(
  {
    h: Type.Integer({ minimum: 1, maximum: 100_000, description: 'steps ahead' }),
    level: Type.Optional(
      Type.Union([Type.String(), Type.Array(Type.String())], {
        description: 'interval levels in percent, e.g. 80,95 (default) — comma-separated or repeated',
      }),
    ),
    history: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, description: 'also return the last N observations' })),
  },
  { additionalProperties: false },
);

/** POST forecast: the query's fields as a body, plus the future values of the model's regressors. */
export const ForecastBody = Type.Object(
  {
    h: ForecastQuery.properties.h,
    level: Type.Optional(Type.Union([Type.Number(), Type.String(), Type.Array(Type.Union([Type.Number(), Type.String()]))], { description: 'interval levels in percent (default 80, 95)' })),
    history: ForecastQuery.properties.history,
    regressors: Type.Optional(
      Type.Record(Type.String(), Type.Array(Type.Number()), { description: 'future values of each regressor the model was fitted with, at least h each' }),
    ),
  },
  { additionalProperties: false },
);

export const StepsParams = Type.Object({ steps: Type.Integer({ minimum: 1, maximum: 100_000 }) });
export const CompatForecastQuery = Type.Object(
  { level: ForecastQuery.properties.level, history: ForecastQuery.properties.history },
  { additionalProperties: false },
);

const Interval = Type.Object({
  level: Type.Number(),
  lower: Type.Array(nullable(Type.Number())),
  upper: Type.Array(nullable(Type.Number())),
});

export const ForecastData = Type.Object({
  model: Type.String(),
  version: Type.Integer(),
  nObs: Type.Integer({ description: 'observations the forecast used: the version\'s training data plus appended ones' }),
  kind: Type.String(),
  h: Type.Integer(),
  forecast: Type.Array(nullable(Type.Number())),
  intervals: Type.Array(Interval),
  history: Type.Optional(Type.Array(nullable(Type.Number()))),
  timestamps: Type.Optional(Type.Array(Type.String(), { description: 'the time of each forecast step (models fitted with timestamps)' })),
  historyTimestamps: Type.Optional(Type.Array(Type.String(), { description: 'the time of each history value' })),
});

const Json = Type.Unknown();

export const FitData = Type.Object({
  model: Type.String(),
  version: Type.Integer(),
  kind: Type.String(),
  spec: Json,
  reused: Type.Boolean({ description: 'true: the same data and spec as the current version; nothing was refitted' }),
  nObs: Type.Integer(),
  fitMs: nullable(Type.Number()),
  metrics: Json,
  timestamps: TimeSummary,
  createdAt: Type.String(),
});

export const VersionData = Type.Object({
  model: Type.String(),
  version: Type.Integer(),
  kind: Type.String(),
  spec: Json,
  state: stringEnum(['fitting', 'ready', 'failed']),
  error: nullable(Type.String()),
  metrics: Json,
  nObs: Type.Integer({ description: 'observations now: the training data plus those appended since' }),
  nFit: Type.Integer({ description: 'observations the version was fitted on' }),
  fitMs: nullable(Type.Number()),
  hash: Type.String(),
  createdAt: Type.String(),
  finishedAt: nullable(Type.String()),
});


export const ModelData = Type.Object({
  name: Type.String(),
  labels: LabelsT,
  currentVersion: nullable(Type.Integer()),
  kind: nullable(Type.String()),
  spec: Json,
  metrics: Json,
  nObs: nullable(Type.Integer()),
  fitMs: nullable(Type.Number()),
  state: stringEnum(['ready', 'fitting', 'failed']),
  versions: Type.Integer(),
  refit: Type.Unknown({ description: 'the refit policy: {every: N} | {after: "24h"} | null' }),
  lock: Type.Object({
    readersWaiting: Type.Integer(),
    writersWaiting: Type.Integer(),
    readersActive: Type.Integer(),
    writerActive: Type.Boolean(),
  }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const BacktestBody = Type.Object(
  {
    data: FitBody.properties.data,
    h: Type.Integer({ minimum: 1, maximum: 10_000, description: 'steps forecast in each window' }),
    windows: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, description: 'rolling origins (default 3)' })),
    period: Type.Optional(Type.Integer({ minimum: 1, description: 'seasonal period; also the MASE scaling lag' })),
    kinds: Type.Optional(Type.Array(Type.String(), { minItems: 1, maxItems: 10, description: 'kinds to compare (default: auto_arima, ets, theta and a naive baseline)' })),
    level: Type.Optional(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 100, description: 'interval level for coverage (default 95)' })),
  },
  { additionalProperties: false },
);

const ScoresSchema = Type.Object({ mase: nullable(Type.Number()), smape: nullable(Type.Number()), coverage: nullable(Type.Number()) });
export const BacktestData = Type.Object({
  model: Type.String(),
  h: Type.Integer(),
  windows: Type.Integer(),
  period: Type.Integer(),
  level: Type.Number(),
  nObs: Type.Integer(),
  best: nullable(Type.String({ description: 'the kind with the lowest mean MASE' })),
  results: Type.Array(
    Type.Object({
      kind: Type.String(),
      spec: Json,
      scores: Type.Union([ScoresSchema, Type.Null()], { description: 'means over the windows; null when the kind could not be fitted' }),
      windows: Type.Array(Type.Object({ trainEnd: Type.Integer(), fitMs: Type.Number(), mase: nullable(Type.Number()), smape: nullable(Type.Number()), coverage: nullable(Type.Number()) })),
      error: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()]),
    }),
  ),
});

export const ModelListQuery = Type.Object(
  {
    label: Type.Optional(
      Type.Union([Type.String(), Type.Array(Type.String())], { description: 'key=value; repeat for several (all must match)' }),
    ),
    kind: Type.Optional(Type.String({ maxLength: 64, description: "the current version's kind" })),
    state: Type.Optional(Type.Union([Type.Literal('ready'), Type.Literal('fitting')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'models per page (default 100)' })),
    cursor: Type.Optional(Type.String({ maxLength: 512, description: "the previous page's X-Next-Cursor" })),
  },
  { additionalProperties: false },
);

export const ModelPatchBody = Type.Object(
  {
    labels: Type.Optional(
      Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()]), { description: 'a string sets a label, null removes it; others stay' }),
    ),
    refit: Type.Optional(Type.Unknown({ description: 'the refit policy: {"every": N} observations, {"after": "24h"}, or null for none' })),
  },
  { additionalProperties: false },
);

export const VersionParams = Type.Object({ name: Type.String(), version: Type.Integer({ minimum: 1 }) });
