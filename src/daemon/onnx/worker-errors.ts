import { QueueFullError } from '../../pool/index.ts';
import { ApiError } from '../errors.ts';

/** A pool task that threw (queue full, worker died) as the error the client gets. */
export function workerFailure(err: unknown, doing: string): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof QueueFullError) return new ApiError('MODELAPI_ERR_QUEUE_FULL', err.message, { retryAfterSeconds: 1 });
  return new ApiError('MODELAPI_ERR_WORKER_CRASHED', `the worker failed while ${doing}: ${(err as Error).message}`);
}
