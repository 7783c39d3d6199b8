import type { FastifyPluginAsync } from 'fastify';
import type { EventStream } from './event-stream.ts';
import type { Metrics } from './metrics.ts';
import type { StatusReporter } from './status.ts';

/** What the dashboard and monitoring read: the status snapshot, the live event stream, Prometheus metrics. */
export const observeRoutes =
  (status: StatusReporter, stream: EventStream, metrics: Metrics): FastifyPluginAsync =>
  async (app) => {
    app.get('/v1/status', { schema: { summary: 'A snapshot of the daemon, its pools, models and request rates' } }, async () => ({
      status: 'success',
      data: status.snapshot(),
    }));

    app.get('/v1/events', { schema: { summary: 'Server-sent events: fit.*, version.published, forecast.waited, stats (every second)' } }, (_req, reply) => {
      reply.hijack();
      stream.add(reply.raw);
    });

    app.get('/metrics', { schema: { summary: 'Prometheus metrics (text format)' } }, async (_req, reply) => {
      reply.type(metrics.registry.contentType);
      return metrics.registry.metrics();
    });
  };
