import { availableParallelism, homedir } from 'node:os';
import { join } from 'node:path';
import { parseBytes, parseDuration } from './units.ts';

export interface DaemonConfig {
  host: string;
  port: number;
  dbPath: string;
  fitWorkers: number;
  forecastWorkers: number;
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
    lockTimeoutMs: 60_000,
    fitTimeoutMs: 300_000,
    maxBodyBytes: 50 * 1024 * 1024,
    logLevel: 'info',
    kindsModule: undefined,
    maxQueue: 1000,
    workerCacheSize: 64,
    shutdownTimeoutMs: 10_000,
  };
}

/** The environment variable that sets each option (options beat the environment, which beats defaults). */
export const ENV_NAMES: Record<keyof DaemonConfig, string> = {
  host: 'MODELAPI_HOST',
  port: 'MODELAPI_PORT',
  dbPath: 'MODELAPI_DB',
  fitWorkers: 'MODELAPI_FIT_WORKERS',
  forecastWorkers: 'MODELAPI_FORECAST_WORKERS',
  lockTimeoutMs: 'MODELAPI_LOCK_TIMEOUT',
  fitTimeoutMs: 'MODELAPI_FIT_TIMEOUT',
  maxBodyBytes: 'MODELAPI_MAX_BODY',
  logLevel: 'MODELAPI_LOG_LEVEL',
  kindsModule: 'MODELAPI_KINDS_MODULE',
  maxQueue: 'MODELAPI_MAX_QUEUE',
  workerCacheSize: 'MODELAPI_WORKER_CACHE',
  shutdownTimeoutMs: 'MODELAPI_SHUTDOWN_TIMEOUT',
};

export class ConfigError extends Error {
  readonly code = 'MODELAPI_ERR_CONFIG';
  constructor(readonly option: string, message: string) {
    super(`${option}: ${message}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function int(name: string, v: string | number, min: number, max: number): number {
  const n = typeof v === 'number' ? v : Number(v.trim());
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(name, `must be an integer from ${min} to ${max}, got '${v}'`);
  return n;
}

/** Merges options over MODELAPI_* variables over defaults, validating each and naming the bad one. */
export function resolveConfig(options: RawConfig, env: NodeJS.ProcessEnv = process.env): DaemonConfig {
  const d = daemonDefaults(env);
  const pick = (key: keyof DaemonConfig): string | number | undefined => {
    const v = options[key];
    if (v !== undefined && v !== '') return v;
    const e = env[ENV_NAMES[key]];
    return e === undefined || e === '' ? undefined : e;
  };
  const label = (key: keyof DaemonConfig) => (options[key] !== undefined ? `--${kebab(key)}` : ENV_NAMES[key]);
  const cfg = { ...d };
  const v = (key: keyof DaemonConfig) => pick(key);
  if (v('host') !== undefined) cfg.host = String(v('host'));
  if (v('port') !== undefined) cfg.port = int(label('port'), v('port')!, 0, 65535);
  if (v('dbPath') !== undefined) cfg.dbPath = String(v('dbPath'));
  if (v('fitWorkers') !== undefined) cfg.fitWorkers = int(label('fitWorkers'), v('fitWorkers')!, 1, 256);
  if (v('forecastWorkers') !== undefined) cfg.forecastWorkers = int(label('forecastWorkers'), v('forecastWorkers')!, 1, 256);
  if (v('maxQueue') !== undefined) cfg.maxQueue = int(label('maxQueue'), v('maxQueue')!, 1, 1_000_000);
  if (v('workerCacheSize') !== undefined) cfg.workerCacheSize = int(label('workerCacheSize'), v('workerCacheSize')!, 1, 100_000);
  for (const key of ['lockTimeoutMs', 'fitTimeoutMs', 'shutdownTimeoutMs'] as const) {
    const raw = v(key);
    if (raw !== undefined) {
      const ms = parseDuration(String(raw));
      if (ms === undefined || ms <= 0) throw new ConfigError(label(key), `must be a positive duration like 60s, 500ms or 5m, got '${raw}'`);
      cfg[key] = ms;
    }
  }
  const body = v('maxBodyBytes');
  if (body !== undefined) {
    const bytes = parseBytes(String(body));
    if (bytes === undefined || bytes < 1024) throw new ConfigError(label('maxBodyBytes'), `must be a size of at least 1kb like 50mb, got '${body}'`);
    cfg.maxBodyBytes = bytes;
  }
  const level = v('logLevel');
  if (level !== undefined) {
    if (!LOG_LEVELS.includes(String(level))) throw new ConfigError(label('logLevel'), `must be one of ${LOG_LEVELS.join(', ')}`);
    cfg.logLevel = String(level);
  }
  if (v('kindsModule') !== undefined) cfg.kindsModule = String(v('kindsModule'));
  return cfg;
}

function kebab(key: string): string {
  const named: Record<string, string> = { dbPath: 'db', lockTimeoutMs: 'lock-timeout', fitTimeoutMs: 'fit-timeout', maxBodyBytes: 'max-body', shutdownTimeoutMs: 'shutdown-timeout', kindsModule: 'kinds-module', workerCacheSize: 'worker-cache' };
  return named[key] ?? key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
