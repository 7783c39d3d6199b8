/** Thrown when a pool's queue is full; the daemon answers 503. */
export class QueueFullError extends Error {
  constructor(pool: string, why?: string) {
    super(`the ${pool} queue is full${why ? `: ${why}` : ''}`);
    this.name = 'QueueFullError';
  }
}
