import pino from 'pino';
import { ConfigError, resolveConfig, startDaemon, type RawConfig } from '../../daemon/index.ts';
import { CliError, EXIT } from '../exit.ts';

interface ServeFlags {
  host?: string;
  port?: string;
  db?: string;
  fitWorkers?: string;
  forecastWorkers?: string;
  bulkWorkers?: string;
  lockTimeout?: string;
  fitTimeout?: string;
  maxBody?: string;
  logLevel?: string;
  kindsModule?: string;
  jobTtl?: string;
  keepVersions?: string;
}

/** `modelapi serve`: runs until SIGINT/SIGTERM, then shuts down cleanly. */
export async function serve(flags: ServeFlags): Promise<void> {
  const raw: RawConfig = {
    host: flags.host,
    port: flags.port,
    dbPath: flags.db,
    fitWorkers: flags.fitWorkers,
    forecastWorkers: flags.forecastWorkers,
    bulkWorkers: flags.bulkWorkers,
    lockTimeoutMs: flags.lockTimeout,
    fitTimeoutMs: flags.fitTimeout,
    maxBodyBytes: flags.maxBody,
    logLevel: flags.logLevel,
    kindsModule: flags.kindsModule,
    jobTtlMs: flags.jobTtl,
    keepVersions: flags.keepVersions,
  };
  let config;
  try {
    config = resolveConfig(raw);
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message, EXIT.usage);
    throw err;
  }
  // Logs go to stderr so that stdout carries only the address line that scripts and tests read.
  const logger = pino({ level: config.logLevel }, pino.destination({ fd: 2, sync: false }));
  let daemon;
  try {
    daemon = await startDaemon(config, logger);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new CliError(`${config.host}:${config.port} is already in use; pick another --port`, EXIT.usage);
    throw err;
  }
  process.stdout.write(`modelapi listening on ${daemon.url}\n`);
  logger.info({ url: daemon.url, db: config.dbPath, fitWorkers: config.fitWorkers, forecastWorkers: config.forecastWorkers }, 'modelapi started');

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      // A second signal means "now": skip the graceful wait.
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      daemon.close().then(resolve, (err) => {
        logger.error({ err }, 'error during shutdown');
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  logger.info('stopped');
  logger.flush();
}
