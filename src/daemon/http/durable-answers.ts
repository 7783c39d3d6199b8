import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.ts';

/** The store's side of durability: has anything been committed that is not on disk yet, and wait for it. */
export interface Durability {
  hasUnsyncedWrites(): boolean;
  durable(): Promise<void>;
}

/**
 * No answer leaves before the writes it could report are on disk. Commits return without an fsync (see
 * store/wal-sync.ts); here, just before a reply is sent, it waits for the shared fsync that covers them,
 * so a 201 after a fit or a 200 after an append means the write survives a crash or power loss. Requests
 * that arrive while nothing is unsynced (most reads) pay one counter check.
 */
export function installDurableAnswers(app: FastifyInstance, store: Durability): void {
  app.addHook('onSend', (_req, _reply, _payload, done) => {
    if (!store.hasUnsyncedWrites()) return done();
    store.durable().then(
      () => done(),
      (err: Error) => done(new ApiError('MODELAPI_ERR_STORE_UNAVAILABLE', `the write was committed but could not be made durable (${err.message}); check the disk`, { retryAfterSeconds: 30 })),
    );
  });
}
