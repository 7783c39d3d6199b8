import { Type } from '@sinclair/typebox';
import { stringEnum } from '../http/schema-types.ts';
import { FitBody, TimeSummary, Timestamps } from '../models/schemas.ts';

export const ObserveBody = Type.Object(
  {
    data: Type.Array(FitBody.properties.data.items, { minItems: 1, description: 'new values, oldest first; null marks a missing value' }),
    timestamps: Type.Optional(Timestamps),
  },
  { additionalProperties: false },
);

export const ObserveData = Type.Object({
  model: Type.String(),
  version: Type.Integer({ description: 'the version forecasts now use: unchanged after an update, new after a refit' }),
  nObs: Type.Integer({ description: 'observations in the series now' }),
  added: Type.Integer({ description: 'points added (missing values filling a gap between timestamps included)' }),
  method: stringEnum(['update', 'refit'], { description: "update: the state moved on with the same parameters; refit: the kind cannot update, so the whole series was fitted again" }),
  reason: Type.Optional(Type.String({ description: 'why it was refitted' })),
  ms: Type.Number({ description: 'time to update the state (or to refit)' }),
  timestamps: TimeSummary,
});
