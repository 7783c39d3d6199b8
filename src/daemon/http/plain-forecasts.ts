import type { AdmitsPlainly } from './access.ts';
import type { EarlyResponder } from './early-responder.ts';
import { encodedFor, encodedHeaders, readyBytes, type CompressibleText } from './send-forecast.ts';

/**
 * `GET /v1/models/<name>/forecast?h=<n>` and nothing else in the URL. Any other form (levels, history,
 * another parameter, an escaped name) goes through Fastify, whose answer for it may differ.
 */
const PLAIN_FORECAST = /^\/v1\/models\/([A-Za-z0-9_.-]{1,64})\/forecast\?h=([1-9]\d{0,5})$/;
const FORECAST_ROUTE = '/v1/models/:name/forecast';

export interface PlainForecastDeps {
  /** ModelService.sendSettledForecast at the default levels, without history. */
  sendSettled(name: string, h: number, send: (answer: CompressibleText) => boolean): boolean;
  /**
   * ModelService.computeSettledForecast at the default levels, without history: the answer, cached or
   * being computed, when no fit holds or waits for the model's lock; undefined otherwise.
   */
  computeSettled(name: string, h: number): Promise<CompressibleText> | undefined;
  /** The route's largest h: a larger one is the route's validation error. */
  maxH: number;
  /** Every write a forecast of the model could report is on disk (http/durable-answers.ts waits otherwise). */
  isDurable(name: string): boolean;
  admitsPlainly: AdmitsPlainly;
  isReady(): boolean;
  /** The onResponse hook's figures (request stats, metrics). */
  record(method: string, route: string, status: number, ms: number): void;
}

/**
 * The request a model server gets most is the same forecast again, of a model no fit is changing, whose
 * answer is cached as bytes. Fastify's routing, hooks and reply for it cost more CPU than the bytes'
 * write (under wrk at 32 connections the daemon spent ~80 µs a request against a bare node:http
 * server's ~35 µs; docs/benchmarks.md). So that one case is answered here, from the same cache, with
 * what Fastify would send: the same bytes, status and headers (a test compares the two byte for byte).
 * A forecast not cached yet, of such a model, is computed here the same way (the cache's computation,
 * shared with identical requests), and sent when it is there: a cold forecast (a model read from the
 * store) then takes ~5% less of the daemon's thread, ~12% while the daemon is new (docs/benchmarks.md,
 * 2026-12-07). If that computation fails, the request goes to Fastify, whose route answers it
 * (computing it again), so every error answer is the route's own.
 *
 * Every condition under which Fastify's path would do anything else sends the request there instead:
 * shutting down, any Host, Origin or token the access hook would refuse or decorate, a request body,
 * an h the route refuses, a fit holding or waiting for the model's lock (the forecast must wait for it),
 * no such model or no ready version of it (the route's error answers), or writes it reports not yet on
 * disk.
 */
export function plainForecastResponder(deps: PlainForecastDeps): EarlyResponder {
  return (req, res, fallback) => {
    if (req.method !== 'GET' || !deps.isReady()) return false;
    const m = PLAIN_FORECAST.exec(req.url ?? '');
    if (m === null || req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined) return false;
    const name = m[1]!;
    const h = Number(m[2]);
    if (h > deps.maxH || !deps.admitsPlainly(req) || !deps.isDurable(name)) return false;
    const start = performance.now();
    const accept = req.headers['accept-encoding'];
    const write = (ready: { bytes: Buffer; gzipped: boolean }) => {
      res.writeHead(200, { ...encodedHeaders(ready.gzipped), 'content-length': ready.bytes.length });
      res.end(ready.bytes);
      deps.record('GET', FORECAST_ROUTE, 200, performance.now() - start);
    };
    const sent = deps.sendSettled(name, h, (answer) => {
      const ready = readyBytes(answer, accept);
      if (ready) write(ready);
      return ready !== undefined;
    });
    if (sent) return true;
    const computing = deps.computeSettled(name, h);
    if (computing === undefined) return false;
    computing
      .then((answer) => encodedFor(answer, accept))
      .then(write, () => fallback())
      // Nothing is left to answer with if the write itself failed (the client is gone).
      .catch(() => res.destroy());
    return true;
  };
}
