export { startDaemon, MODELAPI_VERSION } from './daemon.ts';
export type { Daemon } from './daemon.ts';
export { resolveConfig, ConfigError } from './config.ts';
export type { DaemonConfig, RawConfig } from './config.ts';
