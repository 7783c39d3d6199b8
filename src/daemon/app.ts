import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jobRoutes, type JobService } from './jobs/index.ts';
import { bulkRoutes } from './bulk/routes.ts';
import type { BacktestService } from './models/backtest-service.ts';
import { installErrorHandlers } from './http/error-handler.ts';
import { installJsonParser } from './http/json-body.ts';
import type { ModelService } from './models/model-service.ts';
import type { EventStream } from './observe/event-stream.ts';
import type { Metrics } from './observe/metrics.ts';
import type { RequestStats } from './observe/request-stats.ts';
import { compatRoutes } from './models/compat-routes.ts';
import { observeRoutes } from './observe/routes.ts';
import type { StatusReporter } from './observe/status.ts';
import { modelRoutes } from './models/routes.ts';
import { validatorCompiler } from './http/validation.ts';

export interface AppOptions {
  service: ModelService;
  jobs: JobService;
  /** Bulk fits in flight at once: the bulk pool's threads. */
  bulkThreads: number;
  backtests: BacktestService;
  status: StatusReporter;
  stream: EventStream;
  metrics: Metrics;
  requestStats: RequestStats;
  logger: FastifyBaseLogger;
  maxBodyBytes: number;
  version: string;
  /** False once shutdown has begun: /readyz turns 503 so load balancers stop sending work. */
  isReady: () => boolean;
}

/** Builds the HTTP app; `listen` is the caller's business so tests and `serve` share it. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: opts.logger,
    bodyLimit: opts.maxBodyBytes,
    // Keep-alive connections must not hold shutdown open; in-flight requests still finish.
    forceCloseConnections: 'idle',
    // Per-request lines are logged at debug level by our own hook, not at info by Fastify.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    // Lets a client correlate its request with the events it sees on /v1/events (the CLI's fit progress).
    requestIdHeader: 'x-request-id',
  });
  app.setValidatorCompiler(validatorCompiler);
  installJsonParser(app);
  installErrorHandlers(app);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'modelapi',
        version: opts.version,
        description:
          'Fits forecasting models, keeps every version, serves forecasts. Responses are JSend: ' +
          '{status:"success",data} | {status:"fail",code,data:{field:message}} | {status:"error",code,message}.',
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const ms = reply.elapsedTime;
    opts.requestStats.record(`${req.method} ${route}`, ms, reply.statusCode);
    opts.metrics.observeRequest(route, req.method, reply.statusCode, ms / 1000);
    req.log.debug({ method: req.method, url: req.url, status: reply.statusCode, ms }, 'request');
    done();
  });
  // Open event streams would keep the server from closing.
  app.addHook('preClose', (done) => {
    opts.stream.close();
    done();
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { schema: { summary: 'Liveness' } }, async () => ({ status: 'success', data: { alive: true } }));
  app.get('/readyz', { schema: { summary: 'Readiness' } }, async (_req, reply) => {
    if (opts.isReady()) return { status: 'success', data: { ready: true } };
    return reply.code(503).send({ status: 'error', code: 'MODELAPI_ERR_SHUTTING_DOWN', message: 'the daemon is shutting down' });
  });

  await app.register(modelRoutes(opts.service, opts.backtests));
  await app.register(compatRoutes(opts.service));
  await app.register(jobRoutes(opts.jobs));
  await app.register(bulkRoutes(opts.service, opts.jobs, opts.bulkThreads));
  await app.register(observeRoutes(opts.status, opts.stream, opts.metrics));
  return app;
}
