import { Type } from '@sinclair/typebox';


export const BulkFitJson = Type.Object(
  {
    defaults: Type.Optional(
      Type.Object({}, { additionalProperties: true, description: 'fit options every series gets unless it sets its own: kind, period, labels, …' }),
    ),
    series: Type.Array(
      Type.Object(
        {
          model: Type.Unknown({ description: 'the model name (a bad one fails that series alone)' }),
          data: Type.Optional(Type.Unknown({ description: 'the series, oldest first; null for missing' })),
        },
        { additionalProperties: true, description: 'and any fit option: kind, period, labels, timestamps, …' },
      ),
      { minItems: 1, maxItems: 1_000_000 },
    ),
  },
  { additionalProperties: false },
);

export const BulkFitQuery = Type.Object(
  {
    id_column: Type.Optional(Type.String({ maxLength: 128, description: 'long format: the column naming the series (default unique_id)' })),
    date_column: Type.Optional(Type.String({ maxLength: 128, description: 'long format: the date column (default ds; optional in the data)' })),
    value_column: Type.Optional(Type.String({ maxLength: 128, description: 'long format: the value column (default y)' })),
    defaults: Type.Optional(Type.String({ maxLength: 65_536, description: 'long format: the defaults as a JSON object, e.g. {"kind":"auto","labels":{"chain":"acme"}}' })),
  },
  { additionalProperties: false },
);

export const BulkForecastBody = Type.Object(
  {
    models: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 1_000_000 })),
    label: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String(), { maxItems: 32 })], { description: 'key=value, or several (all must match)' })),
    kind: Type.Optional(Type.String({ maxLength: 64 })),
    h: Type.Integer({ minimum: 1, maximum: 100_000 }),
    level: Type.Optional(Type.Union([Type.String(), Type.Array(Type.Number())], { description: 'interval levels in percent (default 80,95)' })),
  },
  { additionalProperties: false },
);

