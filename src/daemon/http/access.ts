import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.ts';

export interface AccessOptions {
  /** Bearer token every route but the open ones requires; undefined: no authentication. */
  token: string | undefined;
  /** Bound to loopback: requests must name a loopback Host (DNS-rebinding protection). */
  loopbackOnly: boolean;
  /** Origins (scheme://host:port) whose cross-origin browser requests are allowed. */
  corsOrigins: string[];
}

/** Probes of orchestrators and load balancers, which carry no credentials and reveal nothing. */
const OPEN_ROUTES = new Set(['/healthz', '/readyz']);
const LOOPBACK_NAMES = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

const digest = (text: string) => createHash('sha256').update(text).digest();

/** The Host header without its port; `[::1]:5000` → `[::1]`. */
function hostName(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!;
}

/** What the checks read of a request: Fastify's or Node's own. */
interface RequestHead {
  headers: IncomingHttpHeaders;
}

/**
 * True when the hook below lets the request through untouched: its Host passes, it carries no Origin
 * (so no CORS answer or header), and its token is right when one is required. For answers sent before
 * Fastify's routing (http/plain-forecasts.ts), which leave every other request to the hook.
 */
export type AdmitsPlainly = (req: RequestHead) => boolean;

/**
 * One onRequest hook on every route, so routes added later are covered without doing anything:
 * Host (on loopback), then Origin (CORS), then the bearer token.
 */
export function installAccessControl(app: FastifyInstance, opts: AccessOptions): AdmitsPlainly {
  const expected = opts.token === undefined ? undefined : digest(opts.token);
  const allowedOrigins = new Set(opts.corsOrigins);
  const loopbackHosts = new LoopbackHosts();

  app.addHook('onRequest', (req, reply, done) => {
    // Refusals go to the route's error handler, so each protocol answers in its own form: JSend on
    // /v1 and /api, the Open Inference Protocol's {"error": …} on /v2.
    const refusal = checkHost(req, opts.loopbackOnly, loopbackHosts) ?? checkOrigin(req, reply, allowedOrigins);
    if (refusal) return void done(refusal);
    if (req.method === 'OPTIONS' && req.headers.origin && allowedOrigins.has(req.headers.origin)) {
      return void reply.code(204).send();
    }
    if (expected && !OPEN_ROUTES.has(req.url.split('?')[0]!) && !hasToken(req, expected)) {
      return void done(
        new ApiError('MODELAPI_ERR_UNAUTHORIZED', 'missing or wrong bearer token', {
          fields: { authorization: 'send Authorization: Bearer <token> (the daemon was started with a token)' },
          headers: { 'www-authenticate': 'Bearer realm="modelapi"' },
        }),
      );
    }
    done();
  });
  return (req) =>
    req.headers.origin === undefined &&
    checkHost(req, opts.loopbackOnly, loopbackHosts) === undefined &&
    (!expected || hasToken(req, expected));
}

function hasToken(req: RequestHead, expected: Buffer): boolean {
  const header = req.headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  // Digests have one length, so the comparison takes the same time whatever was sent.
  return m !== null && timingSafeEqual(digest(m[1]!), expected);
}

/**
 * Host headers already found to name loopback. Clients send the same one or two on every request, so
 * the check is a set lookup instead of a split and a regex on the hottest path. Refused hosts are not
 * kept, and the set stops growing at a bound: any client may send any Host.
 */
class LoopbackHosts {
  private static readonly MAX = 64;
  private readonly known = new Set<string>();

  isLoopback(host: string): boolean {
    if (this.known.has(host)) return true;
    if (!LOOPBACK_NAMES.test(hostName(host))) return false;
    if (this.known.size < LoopbackHosts.MAX) this.known.add(host);
    return true;
  }
}

/** A page on evil.example that re-binds its name to 127.0.0.1 still sends `Host: evil.example`. */
function checkHost(req: RequestHead, loopbackOnly: boolean, loopbackHosts: LoopbackHosts): ApiError | undefined {
  if (!loopbackOnly) return undefined;
  const host = req.headers.host ?? '';
  if (loopbackHosts.isLoopback(host)) return undefined;
  return ApiError.field(
    'MODELAPI_ERR_FORBIDDEN',
    'host',
    `'${host.slice(0, 100)}' is not a loopback name; this daemon listens on loopback and answers only requests for localhost, 127.0.0.1 or [::1]`,
  );
}

/**
 * Browsers send Origin on cross-origin requests. Same-origin (the /docs page) is fine; other origins
 * only when --cors-origin lists them, and then they get the CORS headers.
 */
function checkOrigin(req: FastifyRequest, reply: FastifyReply, allowed: Set<string>): ApiError | undefined {
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  let originHost: string | undefined;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = undefined;
  }
  if (originHost !== undefined && originHost === req.headers.host) return undefined;
  if (allowed.has(origin)) {
    reply.header('access-control-allow-origin', origin);
    reply.header('vary', 'Origin');
    reply.header('access-control-allow-headers', 'authorization, content-type, x-request-id');
    reply.header('access-control-allow-methods', 'GET, POST, PUT, DELETE');
    return undefined;
  }
  return ApiError.field('MODELAPI_ERR_FORBIDDEN', 'origin', `cross-origin requests from '${origin.slice(0, 100)}' are not allowed (see --cors-origin)`);
}
