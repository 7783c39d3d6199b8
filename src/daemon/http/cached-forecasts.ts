import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdmitsPlainly } from './access.ts';
import { encodedHeaders, readyBytes, type CompressibleText } from './send-forecast.ts';

/**
 * `GET /v1/models/<name>/forecast?h=<n>` and nothing else in the URL. Any other form (levels, history,
 * another parameter, an escaped name) goes through Fastify, whose answer for it may differ.
 */
const PLAIN_FORECAST = /^\/v1\/models\/([A-Za-z0-9_.-]{1,64})\/forecast\?h=([1-9]\d{0,5})$/;
export const FORECAST_ROUTE = '/v1/models/:name/forecast';

export interface CachedForecastDeps {
  /** ModelService.sendSettledForecast at the default levels, without history. */
  sendSettled(name: string, h: number, send: (answer: CompressibleText) => boolean): boolean;
  /** Every write a forecast of the model could report is on disk (http/durable-answers.ts waits otherwise). */
  isDurable(name: string): boolean;
  admitsPlainly: AdmitsPlainly;
  isReady(): boolean;
  /** The onResponse hook's figures (request stats, metrics). */
  record(method: string, route: string, status: number, ms: number): void;
}

/** Answers a request before Fastify sees it, or returns false and leaves it to Fastify. */
export type EarlyResponder = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * The request a model server gets most is the same forecast again, of a model no fit is changing, whose
 * answer is cached as bytes. Fastify's routing, hooks and reply for it cost more CPU than the bytes'
 * write (under wrk at 32 connections the daemon spent ~80 µs a request against a bare node:http
 * server's ~35 µs; docs/benchmarks.md). So that one case is answered here, from the same cache, with
 * what Fastify would send: the same bytes, status and headers (a test compares the two byte for byte).
 *
 * Every condition under which Fastify's path would do anything else sends the request there instead:
 * shutting down, any Host, Origin or token the access hook would refuse or decorate, a request body,
 * a fit holding or waiting for the model's lock (the forecast must wait for it), an answer not yet
 * computed or not yet encoded in the form the client accepts, or writes it reports not yet on disk.
 */
export function cachedForecastResponder(deps: CachedForecastDeps): EarlyResponder {
  return (req, res) => {
    if (req.method !== 'GET' || !deps.isReady()) return false;
    const m = PLAIN_FORECAST.exec(req.url ?? '');
    if (m === null || req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined) return false;
    const name = m[1]!;
    if (!deps.admitsPlainly(req) || !deps.isDurable(name)) return false;
    const start = performance.now();
    return deps.sendSettled(name, Number(m[2]), (answer) => {
      const ready = readyBytes(answer, req.headers['accept-encoding']);
      if (!ready) return false;
      res.writeHead(200, { ...encodedHeaders(ready.gzipped), 'content-length': ready.bytes.length });
      res.end(ready.bytes);
      deps.record('GET', FORECAST_ROUTE, 200, performance.now() - start);
      return true;
    });
  };
}
