import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiError } from '../errors.ts';
import { fromFastify } from '../http/error-handler.ts';

/**
 * The Open Inference Protocol's statuses: 400 bad input (our 409 and 422 included: the request cannot
 * be served as sent), 404 unknown model or version, 413 too large, 503 not ready or busy, 500 internal;
 * and HTTP's own 401/403 for the access checks (token, Host, Origin), which KServe's clients expect as such.
 */
function oipStatus(err: ApiError): number {
  if ([401, 403, 404, 413, 503].includes(err.status)) return err.status;
  return err.status >= 500 ? 500 : 400;
}

export function toApiError(err: unknown): ApiError | undefined {
  return err instanceof ApiError ? err : fromFastify(err as FastifyError);
}

/** On /v2 errors leave as `{"error": "…"}`, the protocol's own form, not JSend. */
export function installOipErrors(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const known = toApiError(err);
    if (!known) req.log.error({ err }, 'unexpected error');
    const api = known ?? new ApiError('MODELAPI_ERR_INTERNAL', `internal error (request id ${req.id}); see the daemon log`);
    if (api.retryAfterSeconds !== undefined) reply.header('retry-after', String(api.retryAfterSeconds));
    for (const [name, value] of Object.entries(api.headers)) reply.header(name, value);
    return reply.code(oipStatus(api)).send({ error: api.message });
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: `no route ${req.method} ${req.url.split('?')[0]}` }));
}
