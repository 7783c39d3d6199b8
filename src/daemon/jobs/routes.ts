import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApiError } from '../errors.ts';
import { ErrorResponse, FailResponse, success } from '../http/jsend-schemas.ts';
import { parseDuration } from '../units.ts';
import type { JobService } from './job-service.ts';
import { JobData, JobListQuery, JobParams, JobQuery } from './schemas.ts';

const MAX_WAIT_MS = 60_000;
const errors = { 400: FailResponse, 404: FailResponse, 409: FailResponse, 500: ErrorResponse, 503: ErrorResponse };

/**
 * Bulk results list every series (`items`): they are handed out a page at a time, with where the next
 * page starts, so polling a 100,000-series job does not move megabytes each time.
 */
function pageItems(result: unknown, offset: number, limit: number): unknown {
  if (!result || typeof result !== 'object' || !Array.isArray((result as { items?: unknown }).items)) return result;
  const items = (result as { items: unknown[] }).items;
  const end = Math.min(items.length, offset + limit);
  return { ...result, items: items.slice(offset, end), itemsTotal: items.length, nextOffset: end < items.length ? end : null };
}

function waitMs(text: string | undefined): number {
  if (text === undefined) return 0;
  const ms = parseDuration(text);
  if (ms === undefined || ms > MAX_WAIT_MS) throw ApiError.field('MODELAPI_ERR_VALIDATION', 'wait', `must be a duration of at most 60s, like 10s or 500ms, got '${text}'`);
  return ms;
}

/** GET /v1/jobs/:id (optionally long-polling), GET /v1/jobs, DELETE /v1/jobs/:id. */
export const jobRoutes = (jobs: JobService): FastifyPluginAsync => async (root) => {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/v1/jobs/:id', {
    schema: { summary: 'One job: its state, progress, and result or error', params: JobParams, querystring: JobQuery, response: { 200: success(JobData), ...errors } },
  }, async (req) => {
    const job = await jobs.waitFor(req.params.id, waitMs(req.query.wait));
    if (!job) throw ApiError.field('MODELAPI_ERR_JOB_NOT_FOUND', 'id', `no job '${req.params.id}' (finished jobs are kept for --job-ttl)`);
    return { status: 'success' as const, data: { ...job, result: pageItems(job.result, req.query.offset ?? 0, req.query.limit ?? 1000) } };
  });

  app.get('/v1/jobs', {
    schema: { summary: 'Jobs, newest first (without results)', querystring: JobListQuery, response: { 200: success(Type.Array(JobData)), ...errors } },
  }, async (req) => ({ status: 'success' as const, data: jobs.list(req.query) }));

  app.delete('/v1/jobs/:id', {
    schema: { summary: 'Cancel a queued or running job', params: JobParams, response: { 200: success(JobData), ...errors } },
  }, async (req) => ({ status: 'success' as const, data: jobs.cancel(req.params.id) }));
};
