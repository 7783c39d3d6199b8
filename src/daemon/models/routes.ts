import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { kindNames } from '../../forecasting/index.ts';
import { ApiError } from '../errors.ts';
import { parseLevels } from './levels.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { parseLabelFilters } from './labels.ts';
import { reportsWritesUpTo } from '../http/durable-answers.ts';
import { OWN_COMPRESSION, sendCompressible } from '../http/send-forecast.ts';
import type { BacktestService } from './backtest-service.ts';
import type { ModelService } from './model-service.ts';
import { acceptedAnswer, sendIdempotent, type IdempotentRoutes } from '../idempotency/index.ts';
import { JobData } from '../jobs/schemas.ts';
import { fitWork, refitWork, submitFitJob } from './fit-jobs.ts';
import {
  BacktestBody, BacktestData, ErrorResponse, FailResponse, FitBody, FitData, FitQuery, ForecastBody, ForecastData, ForecastQuery, ModelData,
  ModelListQuery, ModelParams, ModelPatchBody, VersionData, VersionParams, success,
} from './schemas.ts';

const errors = { 400: FailResponse, 404: FailResponse, 409: FailResponse, 413: FailResponse, 415: FailResponse, 422: FailResponse, 500: ErrorResponse, 503: ErrorResponse, 504: ErrorResponse };

/** The versioned API: fit, forecast and the model registry. */
export const modelRoutes = (service: ModelService, backtests: BacktestService, deps: IdempotentRoutes): FastifyPluginAsync => async (root) => {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { jobs } = deps;

  app.post('/v1/models/:name/fit', {
    schema: {
      summary: 'Fit a new version of a model',
      params: ModelParams, querystring: FitQuery, body: FitBody,
      response: { 200: success(FitData), 201: success(FitData), 202: success(JobData), ...errors },
    },
  }, async (req, reply) => sendIdempotent(req, reply, deps, req.params.name, async () => {
    const work = fitWork(service, req.params.name, req.body);
    if (req.query.async) return acceptedAnswer(submitFitJob(jobs, 'fit', req.params.name, req.id, work));
    const fit = await work({ requestId: req.id });
    return { status: fit.reused ? 200 : 201, body: { status: 'success', data: fit } };
  }));

  app.post('/v1/models/:name/refit', {
    schema: {
      summary: "Fit the current version's series and spec again, as a new version",
      params: ModelParams, querystring: FitQuery,
      response: { 201: success(FitData), 202: success(JobData), ...errors },
    },
  }, async (req, reply) => sendIdempotent(req, reply, deps, req.params.name, async () => {
    const work = refitWork(service, req.params.name);
    if (req.query.async) return acceptedAnswer(submitFitJob(jobs, 'refit', req.params.name, req.id, work));
    const fit = await work({ requestId: req.id });
    return { status: 201, body: { status: 'success', data: fit } };
  }));

  app.get('/v1/models/:name/forecast', {
    ...OWN_COMPRESSION,
    schema: {
      summary: "Forecast with the model's current version",
      params: ModelParams, querystring: ForecastQuery,
      response: { 200: success(ForecastData), ...errors },
    },
  }, async (req, reply) => {
    const { h, level, history = 0 } = req.query;
    const answer = await service.forecast(req.params.name, { h, levels: parseLevels(level), history });
    reportsWritesUpTo(req, service.writeMarkOf(req.params.name));
    return sendCompressible(req, reply, answer);
  });

  app.post('/v1/models/:name/forecast', {
    ...OWN_COMPRESSION,
    schema: {
      summary: "Forecast with the model's current version, given its regressors' future values",
      params: ModelParams, body: ForecastBody,
      response: { 200: success(ForecastData), ...errors },
    },
  }, async (req, reply) => {
    const { h, level, history = 0, regressors } = req.body;
    const levels = parseLevels(level === undefined ? undefined : (Array.isArray(level) ? level : [level]).map(String));
    const answer = await service.forecast(req.params.name, { h, levels, history, ...(regressors ? { regressors } : {}) });
    reportsWritesUpTo(req, service.writeMarkOf(req.params.name));
    return sendCompressible(req, reply, answer);
  });

  app.post('/v1/models/:name/backtest', {
    schema: {
      summary: 'Rolling-origin backtest: MASE, sMAPE and interval coverage per kind (stores nothing)',
      params: ModelParams, body: BacktestBody,
      response: { 200: success(BacktestData), ...errors },
    },
  }, async (req) => ({ status: 'success' as const, data: await backtests.run(req.params.name, req.body) }));

  app.get('/v1/models', {
    schema: {
      summary: 'List models, a page at a time (in name order; X-Next-Cursor and Link rel=next name the next page)',
      querystring: ModelListQuery,
      response: { 200: success(Type.Array(ModelData)), ...errors },
    },
  }, async (req, reply) => {
    const { label, kind, state, limit = 100, cursor } = req.query;
    const filter = { labels: parseLabelFilters(label), kind, state };
    const page = service.queryModels({ ...filter, after: decodeCursor(cursor, filter), limit });
    if (page.more) {
      const next = encodeCursor(page.models.at(-1)!.name, filter);
      const params = new URLSearchParams(req.url.split('?')[1] ?? '');
      params.set('cursor', next);
      reply.header('x-next-cursor', next).header('link', `</v1/models?${params}>; rel="next"`);
    }
    return { status: 'success' as const, data: page.models };
  });

  app.patch('/v1/models/:name', {
    schema: { summary: "Change a model's labels", params: ModelParams, body: ModelPatchBody, response: { 200: success(ModelData), ...errors } },
  }, async (req) => ({ status: 'success' as const, data: service.updateModel(req.params.name, req.body) }));

  app.delete('/v1/models/:name', {
    schema: {
      summary: 'Delete a model and all its versions (waits for its lock like a fit; the name keeps its numbering)',
      params: ModelParams,
      response: { 200: success(Type.Object({ model: Type.String(), deleted: Type.Boolean() })), ...errors },
    },
  }, async (req) => {
    await service.deleteModel(req.params.name);
    return { status: 'success' as const, data: { model: req.params.name, deleted: true } };
  });

  app.delete('/v1/models/:name/versions/:version', {
    schema: {
      summary: 'Delete one version that is not current',
      params: VersionParams,
      response: { 200: success(Type.Object({ model: Type.String(), version: Type.Integer(), deleted: Type.Boolean() })), ...errors },
    },
  }, async (req) => {
    service.deleteVersion(req.params.name, req.params.version);
    return { status: 'success' as const, data: { model: req.params.name, version: req.params.version, deleted: true } };
  });

  app.get('/v1/models/:name', {
    schema: { summary: 'One model', params: ModelParams, response: { 200: success(ModelData), ...errors } },
  }, async (req) => {
    const model = service.modelView(req.params.name);
    if (!model) throw ApiError.field('MODELAPI_ERR_MODEL_NOT_FOUND', 'model', `no model named '${req.params.name}'`);
    return { status: 'success' as const, data: model };
  });

  app.get('/v1/models/:name/versions', {
    schema: { summary: "A model's versions, oldest first", params: ModelParams, response: { 200: success(Type.Array(VersionData)), ...errors } },
  }, async (req) => {
    const versions = service.listVersions(req.params.name);
    if (!versions) throw ApiError.field('MODELAPI_ERR_MODEL_NOT_FOUND', 'model', `no model named '${req.params.name}'`);
    return { status: 'success' as const, data: versions };
  });

  app.get('/v1/kinds', {
    schema: { summary: 'Model kinds this daemon fits', response: { 200: success(Type.Array(Type.String())) } },
  }, async () => ({ status: 'success' as const, data: kindNames() }));
};
