export { startDaemon, MODELAPI_VERSION } from './daemon.ts';
export type { Daemon } from './daemon.ts';
export { resolveConfig, daemonDefaults, defaultDbPath, ENV_NAMES, ConfigError } from './config.ts';
export type { DaemonConfig, RawConfig } from './config.ts';
export { ERROR_STATUS } from './errors.ts';
export type { ErrorCode } from './errors.ts';
