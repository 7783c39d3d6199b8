import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.ts';
import { validationFields } from './validation.ts';

/** Every failure leaves as JSend with a stable code; nothing leaks a stack trace to the client. */
export function send(reply: FastifyReply, err: ApiError): FastifyReply {
  if (err.retryAfterSeconds !== undefined) reply.header('retry-after', String(err.retryAfterSeconds));
  reply.code(err.status);
  if (err.status >= 500) return reply.send({ status: 'error', code: err.code, message: err.message });
  const data = Object.keys(err.fields).length ? err.fields : { request: err.message };
  return reply.send({ status: 'fail', code: err.code, data });
}

export function fromFastify(err: FastifyError): ApiError | undefined {
  if (err.validation) {
    return new ApiError('MODELAPI_ERR_VALIDATION', err.message, {
      fields: validationFields(err.validation as never, err.validationContext),
    });
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return ApiError.field('MODELAPI_ERR_BODY_TOO_LARGE', 'body', 'is larger than the daemon accepts (see --max-body)');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return ApiError.field('MODELAPI_ERR_UNSUPPORTED_MEDIA_TYPE', 'content-type', 'send the body as application/json');
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return ApiError.field('MODELAPI_ERR_VALIDATION', 'request', err.message);
  }
  return undefined;
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const known = err instanceof ApiError ? err : fromFastify(err);
    if (known) {
      if (known.status >= 500) req.log.warn({ code: known.code, msg: known.message }, 'request failed');
      return send(reply, known);
    }
    req.log.error({ err }, 'unexpected error');
    return send(reply, new ApiError('MODELAPI_ERR_INTERNAL', `internal error (request id ${req.id}); see the daemon log`));
  });
  app.setNotFoundHandler((req, reply) =>
    send(reply, ApiError.field('MODELAPI_ERR_ROUTE_NOT_FOUND', 'route', `no route ${req.method} ${req.url.split('?')[0]}`)),
  );
}
