import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jobRoutes, type JobService } from './jobs/index.ts';
import { bulkRoutes } from './bulk/routes.ts';
import type { BacktestService } from './models/backtest-service.ts';
import { createServer } from 'node:http';
import { clientErrorHandler, frameworkErrors, installErrorHandlers, send } from './http/error-handler.ts';
import { installAccessControl, type AccessOptions } from './http/access.ts';
import type { EarlyResponder } from './http/early-responder.ts';
import { plainForecastResponder } from './http/plain-forecasts.ts';
import { parseLevels } from './models/levels.ts';
import { ForecastQuery } from './models/schemas.ts';
import { ApiError } from './errors.ts';
import { installDurableAnswers, untilDurable, type Durability } from './http/durable-answers.ts';
import { installJsonParser } from './http/json-body.ts';
import { lazyChildLogger } from './http/lazy-child-logger.ts';
import { requestIdOf } from './http/request-id.ts';
import { installRequestDecompression } from './http/request-decompression.ts';
import compress from '@fastify/compress';
import type { ModelService } from './models/model-service.ts';
import type { ObservationService } from './observations/observation-service.ts';
import type { IdempotencyService } from './idempotency/index.ts';
import { observationRoutes } from './observations/routes.ts';
import type { EventStream } from './observe/event-stream.ts';
import type { Metrics } from './observe/metrics.ts';
import type { RequestStats } from './observe/request-stats.ts';
import { compatRoutes } from './models/compat-routes.ts';
import { observeRoutes } from './observe/routes.ts';
import type { StatusReporter } from './observe/status.ts';
import { modelRoutes } from './models/routes.ts';
import { validatorCompiler } from './http/validation.ts';
import { onnxPlugin, type OnnxDeps } from './onnx/plugin.ts';
import { earlyInferResponder } from './onnx/oip/early-infer.ts';
import { inferAnswer } from './onnx/oip/infer-answer.ts';

// @fastify/compress checks every answer against the fetch API's Response, a global that Node loads (its
// whole fetch implementation) on first use: 20-50 ms inside the daemon's first answer. Touched here, it
// loads while this module is imported, which the daemon does while the worker threads start.
void globalThis.Response;

export interface AppOptions {
  service: ModelService;
  jobs: JobService;
  /** Bulk fits in flight at once: the bulk pool's threads. */
  bulkThreads: number;
  observations: ObservationService;
  idempotency: IdempotencyService;
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
  onnx: OnnxDeps;
  /** Why the store cannot take writes (its file deleted or replaced): /readyz fails saying so. */
  storeProblem: () => string | undefined;
  /** Answers wait until the writes they report are on disk. */
  durability: Durability;
  /** Token, Host and Origin checks (issue 12). */
  access: AccessOptions;
  /** Bounds on how long and how large a request may be while it arrives. */
  http: HttpLimits;
}

export interface HttpLimits {
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  maxHeaderBytes: number;
}

/** Node's own HTTP limits; they are checked every connectionsCheckingInterval, so that follows the timeout. */
function httpServerFactory(limits: HttpLimits, early: EarlyResponder) {
  return (handler: NonNullable<Parameters<typeof createServer>[1]>) =>
    createServer(
      {
        requestTimeout: limits.requestTimeoutMs,
        headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
        maxHeaderSize: limits.maxHeaderBytes,
        connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(limits.requestTimeoutMs / 10))),
      },
      (req, res) => {
        if (!early(req, res, () => handler(req, res))) handler(req, res);
      },
    );
}

/** Builds the HTTP app; `listen` is the caller's business so tests and `serve` share it. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  // Set once the hooks it stands in for are installed; until then everything goes through Fastify.
  let early: EarlyResponder = () => false;
  const app = Fastify({
    loggerInstance: opts.logger,
    bodyLimit: opts.maxBodyBytes,
    // Keep-alive connections must not hold shutdown open; in-flight requests still finish.
    forceCloseConnections: 'idle',
    // Per-request lines are logged at debug level by our own hook, not at info by Fastify.
    logController: new LogController({ disableRequestLogging: true }),
    // Our onRequest hook answers 503 in JSend instead of Fastify's own body.
    return503OnClosing: false,
    // The client's X-Request-Id when it is short and plain (the CLI's fit progress follows it on /v1/events).
    requestIdHeader: false,
    genReqId: (req) => requestIdOf(req.headers),
    // req.log's child (with reqId) is made when a line is written, not for every request.
    childLoggerFactory: lazyChildLogger,
    serverFactory: httpServerFactory(opts.http, (req, res, fallback) => early(req, res, fallback)),
    clientErrorHandler,
    frameworkErrors,
  });
  app.setValidatorCompiler(validatorCompiler);
  installJsonParser(app);
  installRequestDecompression(app, opts.maxBodyBytes);
  // Responses: gzip/deflate for clients that accept it, above 1 KiB; bodies we already compressed
  // (cached forecasts) carry Content-Encoding and pass through untouched.
  await app.register(compress, { globalDecompression: false, encodings: ['gzip', 'deflate'], threshold: 1024 });
  installErrorHandlers(app);
  const admitsPlainly = installAccessControl(app, opts.access);
  installDurableAnswers(app, opts.durability);
  app.addHook('onRequest', (req, reply, done) => {
    if (opts.isReady() || req.url === '/healthz' || req.url === '/readyz') return done();
    reply.header('connection', 'close');
    send(reply, new ApiError('MODELAPI_ERR_SHUTTING_DOWN', 'the daemon is shutting down', { retryAfterSeconds: 1 }));
  });

  await app.register(swagger, {
    openapi: {
      // 3.1: its schemas are JSON Schema, so `type: ['integer', 'null']` and `{type: 'null'}` are valid
      // there (3.0 knew neither).
      openapi: '3.1.0',
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

  const record = (method: string, route: string, status: number, ms: number) => {
    opts.requestStats.record(`${method} ${route}`, ms, status);
    opts.metrics.observeRequest(route, method, status, ms / 1000);
  };
  app.addHook('onResponse', (req, reply, done) => {
    const ms = reply.elapsedTime;
    record(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, ms);
    req.log.debug({ method: req.method, url: req.url, status: reply.statusCode, ms }, 'request');
    done();
  });
  // At debug level every request is logged by the hook above, so all of them go through Fastify.
  if (opts.logger.level !== 'debug' && opts.logger.level !== 'trace') {
    const forecast = plainForecastResponder({
      sendSettled: (name, h, sendAnswer) => opts.service.sendSettledForecast(name, { h, levels: parseLevels(undefined), history: 0 }, sendAnswer),
      computeSettled: (name, h) => opts.service.computeSettledForecast(name, { h, levels: parseLevels(undefined), history: 0 }),
      maxH: ForecastQuery.properties.h.maximum!,
      isDurable: (name) => opts.durability.isDurable(opts.service.writeMarkOf(name)),
      admitsPlainly,
      isReady: opts.isReady,
      record,
    });
    const infer = earlyInferResponder({
      answer: (call) => inferAnswer({ jobs: opts.jobs, infers: opts.onnx.infers, maxSyncRows: opts.onnx.maxSyncRows }, call),
      untilDurable: () => untilDurable(opts.durability, undefined),
      admitsPlainly,
      isReady: opts.isReady,
      maxBodyBytes: opts.maxBodyBytes,
      record,
      logUnexpected: (err, reqId) => opts.logger.error({ err, reqId }, 'unexpected error'),
    });
    early = (req, res, fallback) => forecast(req, res, fallback) || infer(req, res, fallback);
  }
  // Open event streams would keep the server from closing.
  app.addHook('preClose', (done) => {
    opts.stream.close();
    done();
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { schema: { summary: 'Liveness' } }, async () => ({ status: 'success', data: { alive: true } }));
  app.get('/readyz', { schema: { summary: 'Readiness' } }, async (_req, reply) => {
    if (!opts.isReady()) return reply.code(503).send({ status: 'error', code: 'MODELAPI_ERR_SHUTTING_DOWN', message: 'the daemon is shutting down' });
    const problem = opts.storeProblem();
    if (problem) return reply.code(503).send({ status: 'error', code: 'MODELAPI_ERR_STORE_UNAVAILABLE', message: problem });
    return { status: 'success', data: { ready: true } };
  });

  await app.register(modelRoutes(opts.service, opts.backtests, opts));
  await app.register(compatRoutes(opts.service, opts));
  await app.register(jobRoutes(opts.jobs));
  await app.register(bulkRoutes(opts.service, opts.jobs, opts.bulkThreads));
  await app.register(observationRoutes(opts.observations, opts));
  await app.register(observeRoutes(opts.status, opts.stream, opts.metrics));
  await app.register(onnxPlugin(opts.onnx, { serverVersion: opts.version, isReady: opts.isReady, maxBodyBytes: opts.maxBodyBytes, jobs: opts.jobs }));
  return app;
}
