import { createRequire } from 'node:module';
import type { Logger } from 'pino';
import { WorkerPools, loadKindsModule } from '../pool/index.ts';
import { ModelStore } from '../store/index.ts';
import { buildApp } from './app.ts';
import type { DaemonConfig } from './config.ts';
import { ServiceEventBus } from './events.ts';
import { JobService } from './jobs/index.ts';
import { BacktestService } from './models/backtest-service.ts';
import { EventStream } from './observe/event-stream.ts';
import { Metrics } from './observe/metrics.ts';
import { ModelService } from './models/model-service.ts';
import { RequestStats } from './observe/request-stats.ts';
import { StatusReporter } from './observe/status.ts';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };
export const MODELAPI_VERSION = pkg.version;

export interface Daemon {
  url: string;
  config: DaemonConfig;
  events: ServiceEventBus;
  /** Stops accepting, lets in-flight requests finish (bounded), then closes pools and the database. */
  close(): Promise<void>;
}

/** Starts the whole daemon: store, pools, service, HTTP. */
export async function startDaemon(config: DaemonConfig, logger: Logger): Promise<Daemon> {
  await loadKindsModule(config.kindsModule);
  const store = ModelStore.open(config.dbPath);
  const interrupted = store.failInterruptedFits();
  if (interrupted > 0) logger.warn({ interrupted }, 'marked fits interrupted by a previous crash as failed');

  const pools = new WorkerPools({
    dbPath: config.dbPath,
    kindsModule: config.kindsModule,
    cacheSize: config.workerCacheSize,
    fitWorkers: config.fitWorkers,
    bulkWorkers: config.bulkWorkers,
    forecastWorkers: config.forecastWorkers,
    maxQueue: config.maxQueue,
  });
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
  const service = new ModelService(store, pools, events, {
    lockTimeoutMs: config.lockTimeoutMs,
    fitTimeoutMs: config.fitTimeoutMs,
    keepVersions: config.keepVersions,
  });
  const jobs = new JobService(store.jobs, events, { ttlMs: config.jobTtlMs });
  const requestStats = new RequestStats();
  const status = new StatusReporter(MODELAPI_VERSION, config.dbPath, service, pools, requestStats);
  const stream = new EventStream(events, status);
  status.eventClients = () => stream.size;
  const metrics = new Metrics(service, pools, events);
  let ready = true;
  const app = await buildApp({
    service,
    jobs,
    bulkThreads: pools.bulkThreads,
    backtests: new BacktestService(pools, config.fitTimeoutMs),
    status,
    stream,
    metrics,
    requestStats,
    logger,
    maxBodyBytes: config.maxBodyBytes,
    version: MODELAPI_VERSION,
    isReady: () => ready,
  });
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    await pools.close();
    store.close();
    throw err;
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
        await pools.close();
        store.close();
      }
    })());

  return { url: status.url, config, events, close };
}
