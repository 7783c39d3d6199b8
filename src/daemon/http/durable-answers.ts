import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.ts';

/** The store's side of durability: has anything been committed that is not on disk yet, and wait for it. */
export interface Durability {
  hasUnsyncedWrites(): boolean;
  durable(): Promise<void>;
  isDurable(mark: number): boolean;
  durableUpTo(mark: number): Promise<void>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by reportsWritesUpTo: the last write this request's answer reports. */
    reportedWriteMark: number | undefined;
  }
}

/**
 * Tells the hook below that this request's answer reports no write committed after `mark` (a forecast
 * reports its model's state, and `mark` was taken after that state's commit), so it waits only for
 * those writes to be on disk, not for the appends to other models committed since.
 */
export function reportsWritesUpTo(req: FastifyRequest, mark: number): void {
  req.reportedWriteMark = mark;
}

/**
 * No answer leaves before the writes it could report are on disk. Commits return without an fsync (see
 * store/wal-sync.ts); here, just before a reply is sent, it waits for the shared fsync that covers them,
 * so a 201 after a fit or a 200 after an append means the write survives a crash or power loss. Requests
 * that arrive while nothing is unsynced (most reads) pay one counter check. A request that named its
 * mark waits for the writes before it alone: under a steady stream of appends there is always an
 * unsynced write, and without the mark every forecast waited for an fsync of other models' appends.
 */
export function installDurableAnswers(app: FastifyInstance, store: Durability): void {
  // A request field declared up front, not a WeakMap keyed by request: a WeakMap entry per request was
  // ~1.5 µs of a cached forecast's ~50 µs of JavaScript, and ephemeron work for the GC.
  app.decorateRequest('reportedWriteMark', undefined);
  app.addHook('onSend', (req, _reply, _payload, done) => {
    const wait = untilDurable(store, req.reportedWriteMark);
    if (wait === undefined) return done();
    wait.then(() => done(), (err: ApiError) => done(err));
  });
}

/**
 * What an answer waits for before it is sent (see above): nothing (undefined) when the writes it could
 * report are on disk; else the fsync that covers them, which rejects with the 503 to send if it fails.
 * `mark` undefined: the answer could report any write committed so far.
 */
export function untilDurable(store: Durability, mark: number | undefined): Promise<void> | undefined {
  if (mark === undefined ? !store.hasUnsyncedWrites() : store.isDurable(mark)) return undefined;
  return (mark === undefined ? store.durable() : store.durableUpTo(mark)).catch((err: Error) => {
    throw new ApiError('MODELAPI_ERR_STORE_UNAVAILABLE', `the write was committed but could not be made durable (${err.message}); check the disk`, { retryAfterSeconds: 30 });
  });
}
