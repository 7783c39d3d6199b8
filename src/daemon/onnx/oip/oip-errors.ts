import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiError } from '../../errors.ts';
import { fromFastify } from '../../http/error-handler.ts';

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

/** An error as a /v2 answer: status, the headers its status calls for, and `{"error": "…"}`. */
export interface OipErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: { error: string };
  /** Not one of ours: the caller logs it (the answer names only the request id). */
  unexpected: boolean;
}

export function oipErrorAnswer(err: unknown, requestId: string): OipErrorAnswer {
  const known = toApiError(err);
  const api = known ?? new ApiError('MODELAPI_ERR_INTERNAL', `internal error (request id ${requestId}); see the daemon log`);
  const headers: Record<string, string> = { ...api.headers };
  if (api.retryAfterSeconds !== undefined) headers['retry-after'] = String(api.retryAfterSeconds);
  return { status: oipStatus(api), headers, body: { error: api.message }, unexpected: known === undefined };
}

/** On /v2 errors leave as `{"error": "…"}`, the protocol's own form, not JSend. */
export function installOipErrors(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const answer = oipErrorAnswer(err, req.id);
    if (answer.unexpected) req.log.error({ err }, 'unexpected error');
    return reply.code(answer.status).headers(answer.headers).send(answer.body);
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: `no route ${req.method} ${req.url.split('?')[0]}` }));
}
