import type { FastifyPluginAsync } from 'fastify';
import type { EventStream } from './event-stream.ts';
import type { Metrics } from './metrics.ts';
import { SNAPSHOT_MODELS, type StatusReporter } from './status.ts';

/** What the dashboard and monitoring read: the status snapshot, the live event stream, Prometheus metrics. */
export const observeRoutes =
  (status: StatusReporter, stream: EventStream, metrics: Metrics): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Querystring: { limit?: number; offset?: number } }>(
      '/v1/status',
      {
        schema: {
          summary: 'A snapshot of the daemon, its pools, models (a page of them, by name) and request rates',
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: {
              limit: { type: 'integer', minimum: 0, maximum: 1000, default: SNAPSHOT_MODELS },
              offset: { type: 'integer', minimum: 0, default: 0 },
            },
          },
        },
      },
      async (req) => ({ status: 'success', data: status.snapshot({ limit: req.query.limit!, offset: req.query.offset! }) }),
    );

    app.get('/v1/events', { schema: { summary: 'Server-sent events: fit.*, version.published, forecast.waited, stats (every second)' } }, (_req, reply) => {
      reply.hijack();
      stream.add(reply.raw);
    });

    app.get('/metrics', { schema: { summary: 'Prometheus metrics (text format)' } }, async (_req, reply) => {
      reply.type(metrics.registry.contentType);
      return metrics.registry.metrics();
    });
  };
