import { Type } from '@sinclair/typebox';
import { nullable, stringEnum } from '../http/schema-types.ts';

const JobStateT = stringEnum(['queued', 'running', 'succeeded', 'failed']);

export const JobData = Type.Object({
  id: Type.String(),
  type: Type.String({ description: 'what the job does: fit, infer, …' }),
  model: nullable(Type.String()),
  state: JobStateT,
  progress: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  result: Type.Optional(Type.Unknown({ description: "when succeeded: what the synchronous request would have answered in `data`" })),
  error: Type.Optional(
    Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) }, { description: 'when failed' }),
  ),
  createdAt: Type.String(),
  startedAt: nullable(Type.String()),
  finishedAt: nullable(Type.String()),
  expiresAt: nullable(Type.String({ description: 'when the finished job and its result will be deleted (--job-ttl)' })),
});

export const JobParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export const JobQuery = Type.Object(
  {
    wait: Type.Optional(Type.String({ description: 'long-poll: wait up to this long (e.g. 10s, at most 60s) for the job to finish' })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: 'a result with `items` (bulk work): the first item to return' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1000, description: 'a result with `items`: how many to return' })),
  },
  { additionalProperties: false },
);

export const JobListQuery = Type.Object(
  {
    state: Type.Optional(JobStateT),
    model: Type.Optional(Type.String({ maxLength: 64 })),
    type: Type.Optional(Type.String({ maxLength: 32 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  },
  { additionalProperties: false },
);
