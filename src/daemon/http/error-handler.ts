import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, storeApiError } from '../errors.ts';
import { validationFields } from './validation.ts';

/** The JSend body of an error: `error` for the server's problems, `fail` with fields for the caller's. */
export function jsendBody(err: ApiError): Record<string, unknown> {
  if (err.status >= 500) return { status: 'error', code: err.code, message: err.message };
  const data = Object.keys(err.fields).length ? err.fields : { request: err.message };
  return { status: 'fail', code: err.code, data };
}

/** Every failure leaves as JSend with a stable code; nothing leaks a stack trace to the client. */
export function send(reply: FastifyReply, err: ApiError): FastifyReply {
  if (err.retryAfterSeconds !== undefined) reply.header('retry-after', String(err.retryAfterSeconds));
  for (const [name, value] of Object.entries(err.headers)) reply.header(name, value);
  return reply.code(err.status).send(jsendBody(err));
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
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return ApiError.field('MODELAPI_ERR_URI_TOO_LONG', 'url', 'a path segment is too long (model names have at most 64 characters)');
    case 'FST_ERR_BAD_URL':
      return ApiError.field('MODELAPI_ERR_BAD_REQUEST', 'url', 'is not a valid URL (bad percent-encoding?)');
  }
  if (err.statusCode === 408) return ApiError.field('MODELAPI_ERR_REQUEST_TIMEOUT', 'request', 'the request took longer than --request-timeout');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return ApiError.field('MODELAPI_ERR_VALIDATION', 'request', err.message);
  }
  return undefined;
}

/**
 * Errors Node's HTTP parser meets before there is a request (malformed HTTP, headers over the limit,
 * a request slower than --request-timeout) reach no route: they are written to the socket here, still
 * as JSend, and the connection is closed.
 */
export function clientErrorHandler(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const apiErr =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? ApiError.field('MODELAPI_ERR_REQUEST_TIMEOUT', 'request', 'the request (headers and body) took longer than --request-timeout')
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? ApiError.field('MODELAPI_ERR_HEADERS_TOO_LARGE', 'headers', 'are larger than the daemon accepts (see --max-header-size)')
        : ApiError.field('MODELAPI_ERR_BAD_REQUEST', 'request', `is not valid HTTP (${err.code ?? 'parse error'})`);
  this.log.debug({ code: err.code }, 'client error');
  if (socket.writable) {
    const body = JSON.stringify(jsendBody(apiErr));
    socket.write(
      `HTTP/1.1 ${apiErr.status} ${statusText(apiErr.status)}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

const statusText = (status: number) =>
  ({ 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' })[status] ?? 'Error';

/** Route patterns by method, to tell "no such route" (404) from "not with this method" (405). */
function routeTable(app: FastifyInstance): (path: string) => string[] {
  const routes: { pattern: RegExp; methods: string[] }[] = [];
  app.addHook('onRoute', (route) => {
    const source = route.url.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[^/]+/g, '[^/]+').replace(/\*/g, '.*');
    const methods = ([] as string[]).concat(route.method);
    routes.push({ pattern: new RegExp(`^${source}/?$`), methods });
  });
  return (path) => [...new Set(routes.filter((r) => r.pattern.test(path)).flatMap((r) => r.methods))];
}

export function installErrorHandlers(app: FastifyInstance): void {
  const methodsOf = routeTable(app);
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const known = err instanceof ApiError ? err : (storeApiError(err) ?? fromFastify(err));
    if (known) {
      if (known.status >= 500) req.log.warn({ code: known.code, msg: known.message }, 'request failed');
      return send(reply, known);
    }
    req.log.error({ err }, 'unexpected error');
    return send(reply, new ApiError('MODELAPI_ERR_INTERNAL', `internal error (request id ${req.id}); see the daemon log`));
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    const allowed = methodsOf(path);
    if (allowed.length > 0) {
      return send(
        reply,
        new ApiError('MODELAPI_ERR_METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}`, {
          fields: { method: `${req.method} is not allowed here (allowed: ${allowed.join(', ')})` },
          headers: { allow: allowed.join(', ') },
        }),
      );
    }
    return send(reply, ApiError.field('MODELAPI_ERR_ROUTE_NOT_FOUND', 'route', `no route ${req.method} ${path}`));
  });
}

/** Fastify's router errors (a bad URL, a path segment over maxParamLength) in the same JSend. */
export function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  send(reply, fromFastify(err) ?? ApiError.field('MODELAPI_ERR_BAD_REQUEST', 'request', err.message));
}
