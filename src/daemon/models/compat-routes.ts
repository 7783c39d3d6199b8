import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { parseLevels } from './levels.ts';
import { OWN_COMPRESSION, sendCompressible } from '../http/send-forecast.ts';
import type { ModelService } from './model-service.ts';
import { CompatForecastQuery, ErrorResponse, FailResponse, FitBody, FitData, FitQuery, ForecastData, StepsParams, success } from './schemas.ts';
import { acceptedAnswer, sendIdempotent, type IdempotentRoutes } from '../idempotency/index.ts';
import { JobData } from '../jobs/schemas.ts';
import { fitWork, submitFitJob } from './fit-jobs.ts';

const errors = { 400: FailResponse, 404: FailResponse, 413: FailResponse, 415: FailResponse, 422: FailResponse, 500: ErrorResponse, 503: ErrorResponse, 504: ErrorResponse };
const DEFAULT_MODEL = 'default';

/** The original system's two routes, kept so its clients keep working; they act on model `default`. */
export const compatRoutes = (service: ModelService, deps: IdempotentRoutes): FastifyPluginAsync => async (root) => {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/api/fit_model', {
    schema: {
      summary: 'Compatibility: fit model "default"', body: FitBody, querystring: FitQuery,
      response: { 200: success(FitData), 201: success(FitData), 202: success(JobData), ...errors },
    },
  }, async (req, reply) => sendIdempotent(req, reply, deps, DEFAULT_MODEL, async () => {
    const work = fitWork(service, DEFAULT_MODEL, req.body);
    if (req.query.async) return acceptedAnswer(submitFitJob(deps.jobs, 'fit', DEFAULT_MODEL, req.id, work));
    const fit = await work({ requestId: req.id });
    return { status: fit.reused ? 200 : 201, body: { status: 'success', data: fit } };
  }));

  app.get('/api/forecast/:steps', {
    ...OWN_COMPRESSION,
    schema: { summary: 'Compatibility: forecast model "default"', params: StepsParams, querystring: CompatForecastQuery, response: { 200: success(ForecastData), ...errors } },
  }, async (req, reply) => {
    const { level, history = 0 } = req.query;
    const answer = await service.forecast(DEFAULT_MODEL, { h: req.params.steps, levels: parseLevels(level), history });
    return sendCompressible(req, reply, answer);
  });
};
