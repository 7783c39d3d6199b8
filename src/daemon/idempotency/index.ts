export { IdempotencyService, fingerprint, type Answer } from './idempotency-service.ts';
export { acceptedAnswer, sendIdempotent, type IdempotentRoutes } from './send.ts';
