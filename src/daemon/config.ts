import { availableParallelism, homedir } from 'node:os';
import { join } from 'node:path';
import { parseBytes, parseDuration } from './units.ts';

export interface DaemonConfig {
  host: string;
  port: number;
  dbPath: string;
  fitWorkers: number;
  forecastWorkers: number;
  /** Threads for bulk fits, started on demand: every core, so bulk work is not confined to the fit pool's half. */
  bulkWorkers: number;
  lockTimeoutMs: number;
  fitTimeoutMs: number;
  maxBodyBytes: number;
  logLevel: string;
  /** Module exporting extra model kinds (plugins; the tests' slow kinds). */
  kindsModule: string | undefined;
  /** Tasks that may wait for a worker, per pool, before requests get 503. */
  maxQueue: number;
  /** Fitted models each worker keeps deserialised. */
  workerCacheSize: number;
  /** How long a shutdown waits for in-flight requests before aborting them. */
  shutdownTimeoutMs: number;
  /** How long a finished job and its result are kept. */
  jobTtlMs: number;
  /** Versions kept per model after each publish (the current one always); 0 keeps all. */
  keepVersions: number;
}

/** Raw option values as the CLI or the environment give them (strings), before validation. */
export type RawConfig = Partial<Record<keyof DaemonConfig, string | number | undefined>>;

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_DATA_HOME ||
    (process.platform === 'win32'
      ? env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local')
      : process.platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support')
        : join(homedir(), '.local', 'share'));
  return join(base, 'modelapi', 'modelapi.db');
}

export function daemonDefaults(env: NodeJS.ProcessEnv = process.env): DaemonConfig {
  const cores = availableParallelism();
  return {
    host: '127.0.0.1',
    port: 5000,
    dbPath: defaultDbPath(env),
    fitWorkers: Math.max(1, Math.floor(cores / 2)),
    forecastWorkers: Math.max(1, cores - Math.floor(cores / 2)),
    bulkWorkers: cores,
    lockTimeoutMs: 60_000,
    fitTimeoutMs: 300_000,
    maxBodyBytes: 50 * 1024 * 1024,
    logLevel: 'info',
    kindsModule: undefined,
    maxQueue: 1000,
    workerCacheSize: 64,
    shutdownTimeoutMs: 10_000,
    jobTtlMs: 24 * 3_600_000,
    keepVersions: 20,
  };
}

/** The environment variable that sets each option (options beat the environment, which beats defaults). */
export const ENV_NAMES: Record<keyof DaemonConfig, string> = {
  host: 'MODELAPI_HOST',
  port: 'MODELAPI_PORT',
  dbPath: 'MODELAPI_DB',
  fitWorkers: 'MODELAPI_FIT_WORKERS',
  forecastWorkers: 'MODELAPI_FORECAST_WORKERS',
  bulkWorkers: 'MODELAPI_BULK_WORKERS',
  lockTimeoutMs: 'MODELAPI_LOCK_TIMEOUT',
  fitTimeoutMs: 'MODELAPI_FIT_TIMEOUT',
  maxBodyBytes: 'MODELAPI_MAX_BODY',
  logLevel: 'MODELAPI_LOG_LEVEL',
  kindsModule: 'MODELAPI_KINDS_MODULE',
  maxQueue: 'MODELAPI_MAX_QUEUE',
  workerCacheSize: 'MODELAPI_WORKER_CACHE',
  shutdownTimeoutMs: 'MODELAPI_SHUTDOWN_TIMEOUT',
  jobTtlMs: 'MODELAPI_JOB_TTL',
  keepVersions: 'MODELAPI_KEEP_VERSIONS',
};

export class ConfigError extends Error {
  readonly code = 'MODELAPI_ERR_CONFIG';
  constructor(readonly option: string, message: string) {
    super(`${option}: ${message}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** The command-line flag of each option, for error messages. */
const FLAGS: Record<keyof DaemonConfig, string> = {
  host: '--host',
  port: '--port',
  dbPath: '--db',
  fitWorkers: '--fit-workers',
  forecastWorkers: '--forecast-workers',
  bulkWorkers: '--bulk-workers',
  lockTimeoutMs: '--lock-timeout',
  fitTimeoutMs: '--fit-timeout',
  maxBodyBytes: '--max-body',
  logLevel: '--log-level',
  kindsModule: '--kinds-module',
  maxQueue: '--max-queue',
  workerCacheSize: '--worker-cache',
  shutdownTimeoutMs: '--shutdown-timeout',
  jobTtlMs: '--job-ttl',
  keepVersions: '--keep-versions',
};

type Parser = (text: string, where: string) => DaemonConfig[keyof DaemonConfig];

const integer = (min: number, max: number): Parser => (text, where) => {
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(where, `must be an integer from ${min} to ${max}, got '${text}'`);
  return n;
};
const duration: Parser = (text, where) => {
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) throw new ConfigError(where, `must be a positive duration like 60s, 500ms or 5m, got '${text}'`);
  return ms;
};
const size: Parser = (text, where) => {
  const bytes = parseBytes(text);
  if (bytes === undefined || bytes < 1024) throw new ConfigError(where, `must be a size of at least 1kb like 50mb, got '${text}'`);
  return bytes;
};
const text: Parser = (value) => value;
const level: Parser = (value, where) => {
  if (!LOG_LEVELS.includes(value)) throw new ConfigError(where, `must be one of ${LOG_LEVELS.join(', ')}`);
  return value;
};

const PARSERS: Record<keyof DaemonConfig, Parser> = {
  host: text,
  port: integer(0, 65535),
  dbPath: text,
  fitWorkers: integer(1, 256),
  forecastWorkers: integer(1, 256),
  bulkWorkers: integer(1, 256),
  lockTimeoutMs: duration,
  fitTimeoutMs: duration,
  maxBodyBytes: size,
  logLevel: level,
  kindsModule: text,
  maxQueue: integer(1, 1_000_000),
  workerCacheSize: integer(1, 100_000),
  shutdownTimeoutMs: duration,
  jobTtlMs: duration,
  keepVersions: integer(0, 1_000_000),
};

/** Merges options over MODELAPI_* variables over defaults, validating each and naming the bad one. */
export function resolveConfig(options: RawConfig, env: NodeJS.ProcessEnv = process.env): DaemonConfig {
  const config: Record<string, unknown> = { ...daemonDefaults(env) };
  for (const key of Object.keys(PARSERS) as (keyof DaemonConfig)[]) {
    const fromOption = options[key];
    const fromEnv = env[ENV_NAMES[key]];
    if (fromOption !== undefined && fromOption !== '') config[key] = PARSERS[key](String(fromOption), FLAGS[key]);
    else if (fromEnv !== undefined && fromEnv !== '') config[key] = PARSERS[key](fromEnv, ENV_NAMES[key]);
  }
  return config as unknown as DaemonConfig;
}
