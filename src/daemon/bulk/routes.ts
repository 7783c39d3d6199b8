import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApiError } from '../errors.ts';
import { ErrorResponse, FailResponse } from '../http/jsend-schemas.ts';
import { sendAccepted, type JobService } from '../jobs/index.ts';
import { JobData } from '../jobs/schemas.ts';
import { parseLabelFilters } from '../models/labels.ts';
import { parseLevels } from '../models/levels.ts';
import type { ModelService } from '../models/model-service.ts';
import { runBulkFit, type BulkSeries } from './bulk-fit.ts';
import { bulkForecasts, csvHeader, csvRows, ndjsonRow } from './bulk-forecast.ts';
import { LONG_DEFAULTS, parseCsv, parseNdjson, seriesFromRows } from './long-format.ts';
import { BulkFitJson, BulkFitQuery, BulkForecastBody } from './schemas.ts';

const errors = { 400: FailResponse, 404: FailResponse, 413: FailResponse, 415: FailResponse, 500: ErrorResponse, 503: ErrorResponse };

function parseDefaults(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw ApiError.field('MODELAPI_ERR_VALIDATION', 'defaults', `is not JSON: ${(err as Error).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw ApiError.field('MODELAPI_ERR_VALIDATION', 'defaults', 'must be a JSON object');
  return value as Record<string, unknown>;
}

/** POST /v1/fits (many series as one job) and POST /v1/forecasts (many forecasts as one stream). */
export const bulkRoutes = (service: ModelService, jobs: JobService, bulkThreads: number): FastifyPluginAsync => async (root) => {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  // Long-format bodies: only these routes read them (the parsers are scoped to this plugin).
  app.addContentTypeParser(['text/csv', 'application/x-ndjson'], { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.post('/v1/fits', {
    schema: {
      summary: 'Fit many series as one job: JSON {defaults, series}, or long-format CSV / NDJSON (unique_id, ds, y)',
      querystring: BulkFitQuery,
      body: {
        content: {
          'application/json': { schema: BulkFitJson },
          'text/csv': { schema: Type.String() },
          'application/x-ndjson': { schema: Type.String() },
        },
      },
      response: { 202: Type.Object({ status: Type.Literal('success'), data: JobData }), ...errors },
    },
  }, async (req, reply) => {
    let defaults: Record<string, unknown>;
    let series: BulkSeries[];
    if (typeof req.body === 'string') {
      const cols = { id: req.query.id_column ?? LONG_DEFAULTS.id, date: req.query.date_column ?? LONG_DEFAULTS.date, value: req.query.value_column ?? LONG_DEFAULTS.value };
      const csv = (req.headers['content-type'] ?? '').startsWith('text/csv');
      series = seriesFromRows(csv ? parseCsv(req.body) : parseNdjson(req.body), cols, csv ? 'CSV header' : 'first NDJSON row') as BulkSeries[];
      defaults = parseDefaults(req.query.defaults);
    } else {
      const body = req.body as { defaults?: Record<string, unknown>; series: BulkSeries[] };
      defaults = body.defaults ?? {};
      series = body.series;
    }
    // Two fits a thread in flight: while one thread fits, the next series is validated and stored.
    const job = jobs.submit({ type: 'bulk-fit', run: (ctx) => runBulkFit(service, ctx, defaults, series, 2 * bulkThreads) });
    return sendAccepted(reply, job);
  });

  app.post('/v1/forecasts', {
    schema: {
      summary: 'Forecasts of many models, streamed: NDJSON (one line a model) or long-format CSV (Accept: text/csv)',
      body: BulkForecastBody,
    },
  }, async (req, reply) => {
    const { models, label, kind, h, level } = req.body;
    if (models && label !== undefined) throw ApiError.field('MODELAPI_ERR_VALIDATION', 'models', 'give either models or label, not both');
    const levels = parseLevels(Array.isArray(level) ? level.map(String) : level);
    const lines = bulkForecasts(service, { models, labels: parseLabelFilters(label), kind, h, levels });
    const csv = (req.headers.accept ?? '').includes('text/csv');
    async function* text() {
      if (csv) yield csvHeader(levels);
      for await (const line of lines) yield csv ? csvRows(line, levels) : ndjsonRow(line);
    }
    reply.type(csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson');
    return reply.send(Readable.from(text()));
  });
};
