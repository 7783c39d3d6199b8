import { QueueFullError } from '../../pool/index.ts';
import { ApiError } from '../errors.ts';

export interface FitWorkLimits {
  /** Running time of one fit or backtest, from the moment a fit thread takes it. */
  fitTimeoutMs: number;
  /** Waiting time for a fit thread (the lock timeout: one bound on every wait). */
  queueTimeoutMs: number;
}

/**
 * Runs work in the fit pool with its two bounds kept apart: the wait for a thread (503 + Retry-After,
 * nothing ran) and the running time (504, the worker is stopped). `abort` also stops it from outside
 * (shutdown); that error is the caller's to name.
 */
export async function runFitWork<R>(
  what: string,
  limits: FitWorkLimits,
  abort: AbortController,
  start: (signal: AbortSignal, onStart: () => void) => Promise<R>,
): Promise<R> {
  let phase = 'queued' as 'queued' | 'queue-timeout' | 'running' | 'run-timeout';
  let timer = setTimeout(() => {
    phase = 'queue-timeout';
    abort.abort();
  }, limits.queueTimeoutMs);
  const onStart = () => {
    clearTimeout(timer);
    phase = 'running';
    timer = setTimeout(() => {
      phase = 'run-timeout';
      abort.abort();
    }, limits.fitTimeoutMs);
  };
  try {
    return await start(abort.signal, onStart);
  } catch (err) {
    if (phase === 'run-timeout') throw new ApiError('MODELAPI_ERR_FIT_TIMEOUT', `the ${what} ran past the fit timeout of ${limits.fitTimeoutMs} ms and was stopped`);
    if (phase === 'queue-timeout') {
      throw new ApiError('MODELAPI_ERR_QUEUE_TIMEOUT', `the ${what} waited ${limits.queueTimeoutMs} ms for a fit worker without getting one; nothing ran`, {
        retryAfterSeconds: Math.max(1, Math.ceil(limits.queueTimeoutMs / 4000)),
      });
    }
    if (err instanceof QueueFullError) throw new ApiError('MODELAPI_ERR_QUEUE_FULL', err.message, { retryAfterSeconds: 1 });
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
