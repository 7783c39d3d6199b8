import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { installErrorHandlers } from './error-handler.ts';
import { installJsonParser } from './json-body.ts';
import type { ModelService } from './model-service.ts';
import { compatRoutes } from './routes/compat.ts';
import { modelRoutes } from './routes/models.ts';
import { validatorCompiler } from './validation.ts';

export interface AppOptions {
  service: ModelService;
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
    req.log.debug({ method: req.method, url: req.url, status: reply.statusCode, ms: reply.elapsedTime }, 'request');
    done();
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { schema: { summary: 'Liveness' } }, async () => ({ status: 'success', data: { alive: true } }));
  app.get('/readyz', { schema: { summary: 'Readiness' } }, async (_req, reply) => {
    if (opts.isReady()) return { status: 'success', data: { ready: true } };
    return reply.code(503).send({ status: 'error', code: 'MODELAPI_ERR_SHUTTING_DOWN', message: 'the daemon is shutting down' });
  });

  await app.register(modelRoutes(opts.service));
  await app.register(compatRoutes(opts.service));
  return app;
}
