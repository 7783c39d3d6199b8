export { startDaemon } from './daemon.ts';
export type { Daemon } from './daemon.ts';
export { resolveConfig, ConfigError, FLAGS } from './config.ts';
export type { DaemonConfig, RawConfig } from './config.ts';
export { DatabaseLockedError, StoreOpenError, backupDatabase } from '../store/index.ts';
export { defaultDbPath } from './config.ts';
