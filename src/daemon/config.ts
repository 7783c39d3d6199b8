import { availableParallelism, homedir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
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
  /**
   * Fitted models each worker keeps deserialised. The bytes bound below is what guards memory; this
   * count only bounds the entries' own overhead, so it is well above the number of models a client
   * rotates over (a worker that drops a state rebuilds it from its version and every appended chunk).
   */
  workerCacheSize: number;
  /** Idle ONNX sessions each worker keeps open (they hold native memory the bytes bound does not see). */
  workerSessions: number;
  /** How long a shutdown waits for in-flight requests before aborting them. */
  shutdownTimeoutMs: number;
  /** Largest ONNX model file a deploy accepts. */
  maxModelBytes: number;
  /** How long an infer waits for others to share its batch; 0 turns dynamic batching off. */
  batchDelayMs: number;
  /** Rows (first-dimension entries, not requests) in one batch at most. */
  maxBatchRows: number;
  /** Infers over this many rows are run as jobs (202 + Location). */
  maxSyncRows: number;
  /** How long a finished job and its result are kept. */
  jobTtlMs: number;
  /** Versions kept per model after each publish (the current one always); 0 keeps all. */
  keepVersions: number;
  /** How long an Idempotency-Key's first answer is replayed to retries. */
  idempotencyTtlMs: number;
  // --- issue 12: safety limits and access control ---
  /** Longest time to receive a whole request, headers and body (slow clients get 408). */
  requestTimeoutMs: number;
  /** Longest time to receive the request headers. */
  headersTimeoutMs: number;
  /** Largest request head (431 above it). */
  maxHeaderBytes: number;
  /** Bytes of fitted models each worker keeps deserialised (least recently used go first). */
  workerCacheBytes: number;
  /** Fits and backtests waiting for a fit worker, by count and by the bytes of their series (503 past either). */
  maxQueuedFits: number;
  maxQueuedFitBytes: number;
  /** Bearer token every route but /healthz and /readyz requires; from --token, MODELAPI_TOKEN or --token-file. */
  token: string | undefined;
  tokenFile: string | undefined;
  /** Allows a non-loopback --host without a token (something in front authenticates). */
  insecure: boolean;
  /** Origins whose browser requests are allowed (CORS); none by default. */
  corsOrigins: string[];
  /** How long a write waits while another connection (a backup, a tool) holds the database's lock. */
  dbBusyTimeoutMs: number;
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
    workerCacheSize: 4096,
    workerSessions: 64,
    shutdownTimeoutMs: 10_000,
    maxModelBytes: 200 * 1024 * 1024,
    batchDelayMs: 2,
    maxBatchRows: 64,
    maxSyncRows: 10_000,
    jobTtlMs: 24 * 3_600_000,
    keepVersions: 20,
    idempotencyTtlMs: 24 * 3_600_000,
    requestTimeoutMs: 60_000,
    headersTimeoutMs: 10_000,
    maxHeaderBytes: 16 * 1024,
    workerCacheBytes: 256 * 1024 * 1024,
    maxQueuedFits: 100,
    maxQueuedFitBytes: 512 * 1024 * 1024,
    token: undefined,
    tokenFile: undefined,
    insecure: false,
    corsOrigins: [],
    dbBusyTimeoutMs: 5_000,
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
  workerSessions: 'MODELAPI_WORKER_SESSIONS',
  shutdownTimeoutMs: 'MODELAPI_SHUTDOWN_TIMEOUT',
  maxModelBytes: 'MODELAPI_MAX_MODEL',
  batchDelayMs: 'MODELAPI_BATCH_DELAY',
  maxBatchRows: 'MODELAPI_MAX_BATCH',
  maxSyncRows: 'MODELAPI_MAX_SYNC_ROWS',
  jobTtlMs: 'MODELAPI_JOB_TTL',
  keepVersions: 'MODELAPI_KEEP_VERSIONS',
  idempotencyTtlMs: 'MODELAPI_IDEMPOTENCY_TTL',
  requestTimeoutMs: 'MODELAPI_REQUEST_TIMEOUT',
  headersTimeoutMs: 'MODELAPI_HEADERS_TIMEOUT',
  maxHeaderBytes: 'MODELAPI_MAX_HEADER_SIZE',
  workerCacheBytes: 'MODELAPI_WORKER_CACHE_BYTES',
  maxQueuedFits: 'MODELAPI_MAX_QUEUED_FITS',
  maxQueuedFitBytes: 'MODELAPI_MAX_QUEUED_FIT_BYTES',
  token: 'MODELAPI_TOKEN',
  tokenFile: 'MODELAPI_TOKEN_FILE',
  insecure: 'MODELAPI_INSECURE',
  corsOrigins: 'MODELAPI_CORS_ORIGIN',
  dbBusyTimeoutMs: 'MODELAPI_DB_BUSY_TIMEOUT',
};

export class ConfigError extends Error {
  readonly code = 'MODELAPI_ERR_CONFIG';
  constructor(readonly option: string, message: string) {
    super(`${option}: ${message}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** The command-line flag of each option, for error messages (and `serve`'s flag names). */
export const FLAGS: Record<keyof DaemonConfig, string> = {
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
  workerSessions: '--worker-sessions',
  shutdownTimeoutMs: '--shutdown-timeout',
  maxModelBytes: '--max-model',
  batchDelayMs: '--batch-delay',
  maxBatchRows: '--max-batch',
  maxSyncRows: '--max-sync-rows',
  jobTtlMs: '--job-ttl',
  keepVersions: '--keep-versions',
  idempotencyTtlMs: '--idempotency-ttl',
  requestTimeoutMs: '--request-timeout',
  headersTimeoutMs: '--headers-timeout',
  maxHeaderBytes: '--max-header-size',
  workerCacheBytes: '--worker-cache-bytes',
  maxQueuedFits: '--max-queued-fits',
  maxQueuedFitBytes: '--max-queued-fit-bytes',
  token: '--token',
  tokenFile: '--token-file',
  insecure: '--insecure',
  corsOrigins: '--cors-origin',
  dbBusyTimeoutMs: '--db-busy-timeout',
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
const durationOrZero: Parser = (text, where) => {
  const ms = parseDuration(text);
  if (ms === undefined || ms > 1000) throw new ConfigError(where, `must be a duration from 0 to 1s like 2ms (0 turns it off), got '${text}'`);
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

const flag: Parser = (value, where) => {
  if (/^(1|true|yes)$/i.test(value)) return true;
  if (/^(0|false|no)$/i.test(value)) return false;
  throw new ConfigError(where, `must be true or false, got '${value}'`);
};
const secret: Parser = (value, where) => {
  const token = value.trim();
  if (token.length < 16 || /\s/.test(token)) throw new ConfigError(where, 'a token must be at least 16 characters without spaces (e.g. openssl rand -hex 32)');
  return token;
};
const origins: Parser = (value, where) =>
  value.split(',').map((o) => o.trim()).filter(Boolean).map((o) => {
    let url: URL;
    try {
      url = new URL(o);
    } catch {
      throw new ConfigError(where, `'${o}' is not an origin like https://app.example.com`);
    }
    if (url.origin !== o.replace(/\/$/, '')) throw new ConfigError(where, `'${o}' is not an origin (scheme://host[:port], no path)`);
    return url.origin;
  });

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
  workerSessions: integer(1, 10_000),
  shutdownTimeoutMs: duration,
  maxModelBytes: size,
  batchDelayMs: durationOrZero,
  maxBatchRows: integer(1, 1_000_000),
  maxSyncRows: integer(1, 100_000_000),
  jobTtlMs: duration,
  keepVersions: integer(0, 1_000_000),
  idempotencyTtlMs: duration,
  requestTimeoutMs: duration,
  headersTimeoutMs: duration,
  maxHeaderBytes: size,
  workerCacheBytes: size,
  maxQueuedFits: integer(1, 1_000_000),
  maxQueuedFitBytes: size,
  token: secret,
  tokenFile: text,
  insecure: flag,
  corsOrigins: origins,
  dbBusyTimeoutMs: duration,
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
  return checkAccess(readTokenFile(config as unknown as DaemonConfig));
}

function readTokenFile(config: DaemonConfig): DaemonConfig {
  if (config.token !== undefined || config.tokenFile === undefined) return config;
  let content: string;
  try {
    content = readFileSync(config.tokenFile, 'utf8');
  } catch (err) {
    throw new ConfigError('--token-file', `cannot read ${config.tokenFile} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return { ...config, token: secret(content, `--token-file ${config.tokenFile}`) as string };
}

export const isLoopbackHost = (host: string) => /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i.test(host);

/** Off loopback, anyone who can reach the port could fit and read models: that needs a token. */
function checkAccess(config: DaemonConfig): DaemonConfig {
  if (isLoopbackHost(config.host) || config.token !== undefined || config.insecure) return config;
  throw new ConfigError(
    '--host',
    `listening on ${config.host} exposes the daemon to the network without authentication; set a token ` +
      `(--token-file, MODELAPI_TOKEN or --token), or pass --insecure if a proxy in front authenticates`,
  );
}
