import { setFlagsFromString } from 'node:v8';
import pino from 'pino';
import { ConfigError, DatabaseLockedError, FLAGS, StoreOpenError, resolveConfig, startDaemon, type RawConfig } from '../../daemon/index.ts';
import { CliError, EXIT } from '../exit.ts';
import { stopWhenNpmParentExits } from './parent-watch.ts';

/** Commander's name for a flag's value: --fit-timeout → fitTimeout. */
const flagKey = (flag: string) => flag.slice(2).replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/** `modelapi serve`: runs until SIGINT/SIGTERM, then shuts down cleanly. */
export async function serve(flags: Record<string, string | boolean | undefined>): Promise<void> {
  // V8's allocation-site pretenuring (allocating a site's objects straight in the old generation, once
  // feedback says they live long) sent some daemons, started the same way, into a mode that lasts their
  // whole life: every scavenge of the main thread copies and promotes ~3.5 MB of request garbage and
  // pauses 10–20 ms instead of ~0.6 ms, tripling the p99. It happened in 4 of 8 daemons with default
  // flags and in none of 8 started with --no-allocation-site-pretenuring, nor in any of 10 that set it
  // here, at run time, before the daemon starts (`npm run bench:gc`; docs/benchmarks.md, "2026-12-06").
  // The flag is process-wide; the engine's fits in the worker threads took the same time with it.
  setFlagsFromString('--no-allocation-site-pretenuring');
  // Every option of the daemon's config table has its flag; values are validated by resolveConfig.
  const raw: RawConfig = {};
  for (const [key, flag] of Object.entries(FLAGS) as [keyof RawConfig, string][]) {
    const value = flags[flagKey(flag)];
    if (value !== undefined) raw[key] = String(value);
  }
  let config;
  try {
    config = resolveConfig(raw);
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message, EXIT.usage);
    throw err;
  }
  // Logs go to stderr so that stdout carries only the address line that scripts and tests read.
  const logger = pino({ level: config.logLevel }, pino.destination({ fd: 2, sync: false }));
  // Listening for the stop before starting: a SIGTERM during start-up stops the daemon once it is up.
  const stopRequested = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
    stopWhenNpmParentExits(process.env, resolve);
  });
  let daemon;
  try {
    daemon = await startDaemon(config, logger);
  } catch (err) {
    logger.flush();
    throw startupFailure(err, config.logLevel);
  }
  process.stdout.write(`modelapi listening on ${daemon.url}\n`);
  logger.info({ url: daemon.url, db: config.dbPath, fitWorkers: config.fitWorkers, forecastWorkers: config.forecastWorkers }, 'modelapi started');

  const reason = await stopRequested;
  logger.info({ reason }, 'shutting down');
  // A second signal means "now": skip the graceful wait.
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
  try {
    await daemon.close();
  } catch (err) {
    logger.error({ err }, 'error during shutdown');
  }
  logger.info('stopped');
  logger.flush();
}

/** One line that names the path or option and what to do; the stack only when asked for (debug). */
function startupFailure(err: unknown, logLevel: string): CliError {
  if (err instanceof ConfigError || err instanceof StoreOpenError) return new CliError(err.message, EXIT.usage);
  if (err instanceof DatabaseLockedError) return new CliError(err.message, EXIT.dbInUse);
  const e = err as Error;
  const detail = logLevel === 'debug' || logLevel === 'trace' ? `\n${e.stack}` : ' (run with --log-level debug for details)';
  return new CliError(`could not start: ${e.message}${detail}`, EXIT.serverSaidNo);
}
