import type { Logger } from 'pino';
import { WorkerPools, workerBundleUrl, loadKindsModule } from '../pool/index.ts';
import { ModelStore } from '../store/index.ts';
import { ConfigError, isLoopbackHost, type DaemonConfig } from './config.ts';
import { ServiceEventBus } from './events.ts';
import { JobService } from './jobs/index.ts';
import { BacktestService } from './models/backtest-service.ts';
import { EventStream } from './observe/event-stream.ts';
import { Metrics } from './observe/metrics.ts';
import { ModelService } from './models/model-service.ts';
import { ModelLocks } from './models/model-locks.ts';
import { createOnnx, onnxStatus, registerOnnxMetrics } from './onnx/index.ts';
import { AppendWriter } from './observations/append-writer.ts';
import { ObservationService } from './observations/observation-service.ts';
import { RefitScheduler } from './observations/refit-policy.ts';
import { IdempotencyService } from './idempotency/index.ts';
import { RequestStats } from './observe/request-stats.ts';
import { StatusReporter } from './observe/status.ts';
import { MODELAPI_VERSION } from '../version.ts';

export interface Daemon {
  url: string;
  config: DaemonConfig;
  events: ServiceEventBus;
  /** Stops accepting, lets in-flight requests finish (bounded), then closes pools and the database. */
  close(): Promise<void>;
}

/** Starts the whole daemon: store, pools, service, HTTP. */
export async function startDaemon(config: DaemonConfig, logger: Logger): Promise<Daemon> {
  try {
    await loadKindsModule(config.kindsModule);
  } catch (err) {
    throw new ConfigError('--kinds-module', `cannot load ${config.kindsModule}: ${(err as Error).message}`);
  }
  // Bundling the worker code runs in esbuild's own process while the store opens.
  const bundle = workerBundleUrl();
  const store = ModelStore.open(config.dbPath);
  const crashed = store.previousHolder;
  if (crashed) logger.warn({ db: config.dbPath, previous: crashed }, 'took the database over from a daemon that stopped without releasing it');
  const interrupted = store.failInterruptedFits();
  if (interrupted > 0) logger.warn({ interrupted }, 'marked fits interrupted by a previous crash as failed');

  const workerCode = await bundle;
  logger.debug({ workerCode: workerCode ?? 'src/pool/worker.ts through tsx' }, 'worker code');
  const pools = new WorkerPools({
    dbPath: config.dbPath,
    kindsModule: config.kindsModule,
    cacheSize: config.workerCacheSize,
    cacheBytes: config.workerCacheBytes,
    sessions: config.workerSessions,
    maxQueuedFits: config.maxQueuedFits,
    maxQueuedFitBytes: config.maxQueuedFitBytes,
    fitWorkers: config.fitWorkers,
    bulkWorkers: config.bulkWorkers,
    forecastWorkers: config.forecastWorkers,
    maxQueue: config.maxQueue,
    bundle: workerCode,
  });
  // The HTTP layer's modules (Fastify, schemas, routes) load while the worker threads load theirs.
  const httpLayer = import('./app.ts');
  try {
    await pools.warmUp();
  } catch (err) {
    await pools.close();
    store.close();
    throw err;
  }
  const events = new ServiceEventBus();
  events.onEvent('fit.finished', (e) => logger.info(e, 'fit finished'));
  events.onEvent('fit.failed', (e) => logger.warn(e, 'fit failed'));
  // One lock per model name for both kinds: a deploy holds it exactly as a fit does.
  const locks = new ModelLocks();
  const service = new ModelService(store, pools, events, {
    lockTimeoutMs: config.lockTimeoutMs,
    fitTimeoutMs: config.fitTimeoutMs,
    storeWaitMs: config.dbBusyTimeoutMs,
    keepVersions: config.keepVersions,
  }, locks);
  const onnx = createOnnx(store, pools, events, locks, config);
  const jobs = new JobService(store.jobs, events, { ttlMs: config.jobTtlMs });
  const refits = new RefitScheduler(service, jobs, (name, payload) => events.emitEvent(name, payload));
  const observations = new ObservationService(service, service.recentStates, store, new AppendWriter(store), events, (v) => refits.afterAppend(v));
  const idempotency = new IdempotencyService(store.idempotency, config.idempotencyTtlMs);
  const requestStats = new RequestStats();
  const status = new StatusReporter(MODELAPI_VERSION, config.dbPath, service, pools, requestStats);
  const stream = new EventStream(events, status);
  status.eventClients = () => stream.size;
  status.onnx = () => onnxStatus(onnx);
  const metrics = new Metrics(service, pools, events, store);
  registerOnnxMetrics(metrics.registry, events, onnx);
  let ready = true;
  const { buildApp } = await httpLayer;
  const app = await buildApp({
    service,
    jobs,
    bulkThreads: pools.bulkThreads,
    observations,
    idempotency,
    backtests: new BacktestService(pools, { fitTimeoutMs: config.fitTimeoutMs, queueTimeoutMs: config.lockTimeoutMs }),
    status,
    stream,
    metrics,
    requestStats,
    logger,
    maxBodyBytes: config.maxBodyBytes,
    version: MODELAPI_VERSION,
    isReady: () => ready,
    storeProblem: () => service.storeProblem(),
    durability: store,
    access: { token: config.token, loopbackOnly: isLoopbackHost(config.host), corsOrigins: config.corsOrigins },
    http: { requestTimeoutMs: config.requestTimeoutMs, headersTimeoutMs: config.headersTimeoutMs, maxHeaderBytes: config.maxHeaderBytes },
    onnx,
  });
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    await pools.close();
    store.close();
    throw explainListenError(err, config);
  }
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  status.url = `http://${host}:${port}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      ready = false;
      // In-flight fits get the shutdown timeout to finish; after that they are stopped and marked failed.
      const deadline = setTimeout(() => service.abortRunningFits(), config.shutdownTimeoutMs);
      try {
        await Promise.all([app.close(), jobs.close(config.shutdownTimeoutMs)]);
      } finally {
        clearTimeout(deadline);
        idempotency.close();
        await pools.close();
        store.close();
      }
    })());

  return { url: status.url, config, events, close };
}

/** What the operator can do about a failed listen: the option to change, in one line. */
function explainListenError(err: unknown, config: DaemonConfig): Error {
  const where = `${config.host}:${config.port}`;
  switch ((err as { code?: string }).code) {
    case 'EADDRINUSE':
      return new ConfigError('--port', `${where} is already in use; pick another --port`);
    case 'EACCES':
      return new ConfigError('--port', `not allowed to listen on ${where} (ports below 1024 need privileges); pick another --port`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ConfigError('--host', `'${config.host}' is not an address of this machine; use 127.0.0.1, 0.0.0.0 or one of its addresses`);
  }
  return err as Error;
}
