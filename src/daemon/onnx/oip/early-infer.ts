import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdmitsPlainly } from '../../http/access.ts';
import type { EarlyResponder } from '../../http/early-responder.ts';
import { ApiError } from '../../errors.ts';
import { parseJsonBody } from '../../http/json-body.ts';
import { requestIdOf } from '../../http/request-id.ts';
import type { HttpAnswer, InferCall } from './infer-answer.ts';
import { oipErrorAnswer } from './oip-errors.ts';
import { checkOipRequest } from './oip-request.ts';

/** `POST /v2/models/<name>[/versions/<n>]/infer`, nothing else in the URL (a query goes through Fastify). */
const PLAIN_INFER = /^\/v2\/models\/([A-Za-z0-9_.-]{1,64})\/(?:versions\/(\d{1,16})\/)?infer$/;
const MODEL_ROUTE = '/v2/models/:name/infer';
const VERSION_ROUTE = '/v2/models/:name/versions/:version/infer';
const JSON_TYPES = new Set(['application/json', 'application/json; charset=utf-8']);

export interface EarlyInferDeps {
  /** infer-answer.ts, as the Fastify route calls it. */
  answer(call: InferCall): Promise<HttpAnswer>;
  /** The durability hook's wait before an answer leaves (http/durable-answers.ts untilDurable). */
  untilDurable(): Promise<void> | undefined;
  admitsPlainly: AdmitsPlainly;
  isReady(): boolean;
  maxBodyBytes: number;
  /** The onResponse hook's figures (request stats, metrics). */
  record(method: string, route: string, status: number, ms: number): void;
  /** An error that is not one of ours (the answer names only its request id). */
  logUnexpected(err: unknown, requestId: string): void;
}

/**
 * JSON infers are what a model server gets most, and under load the daemon's thread spent ~100 µs on
 * each, half of it in Fastify's routing, body parser, hooks and reply (the WebSocket path, which has
 * none of them, served 1.3–1.5× the rows; docs/benchmarks.md). So a plain JSON infer is taken here:
 * the body read and parsed by the same functions, the answer made by the route's own function,
 * errors in the protocol's form by the route's own error answer (a test compares both paths byte
 * for byte, errors included).
 *
 * Every request whose Fastify answer could differ goes there instead: shutting down, any Host, Origin
 * or token the access hook would refuse or decorate, a query (?async), a body that is not plain JSON
 * of a known length within the limit (binary tensors, chunked, compressed, empty, too large), and a
 * client that accepts a compressed answer (the compress plugin's business).
 */
export function earlyInferResponder(deps: EarlyInferDeps): EarlyResponder {
  return (req, res) => {
    if (req.method !== 'POST' || !deps.isReady()) return false;
    const m = PLAIN_INFER.exec(req.url ?? '');
    if (m === null) return false;
    const h = req.headers;
    const length = Number(h['content-length']);
    if (!(length >= 2 && length <= deps.maxBodyBytes) || !JSON_TYPES.has(h['content-type']?.toLowerCase() ?? '')) return false;
    if (h['transfer-encoding'] !== undefined || h['content-encoding'] !== undefined || !identityOnly(h['accept-encoding'])) return false;
    if (!deps.admitsPlainly(req)) return false;
    const call = { name: m[1]!, versionText: m[2] };
    const route = call.versionText === undefined ? MODEL_ROUTE : VERSION_ROUTE;
    const started = performance.now();
    readText(req)
      .then(
        async (text) => deps.record('POST', route, await respond(deps, req, res, text, call), performance.now() - started),
        // The client went away while sending: nobody to answer.
        () => res.destroy(),
      )
      .catch((err: unknown) => {
        deps.logUnexpected(err, requestIdOf(req.headers));
        res.destroy();
      });
    return true;
  };
}

/** No Accept-Encoding, or one that allows nothing but identity: the compress plugin would not act. */
const identityOnly = (header: string | undefined) => header === undefined || header.trim().toLowerCase() === 'identity';

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve((chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8')));
    req.once('error', reject);
  });
}

/** Answers the request; resolves with the status sent. */
async function respond(deps: EarlyInferDeps, req: IncomingMessage, res: ServerResponse, text: string, call: { name: string; versionText?: string }): Promise<number> {
  let answer: HttpAnswer;
  try {
    const body = checkOipRequest(parseRefusing(text));
    answer = await deps.answer({ ...call, body, async: false });
  } catch (err) {
    answer = errorAnswer(deps, req, err);
    // Fastify closes the connection after a body its parser refused; so does this path.
    if (err instanceof BodyRefused) answer.headers.connection = 'close';
  }
  try {
    await deps.untilDurable();
  } catch (err) {
    answer = errorAnswer(deps, req, err);
  }
  return send(res, answer);
}

/** A body the JSON parser refused, told apart from the checks after it. */
class BodyRefused extends ApiError {}

function parseRefusing(text: string): unknown {
  try {
    return parseJsonBody(text);
  } catch (err) {
    const api = err as ApiError;
    throw new BodyRefused(api.code, api.message, { fields: api.fields });
  }
}

function send(res: ServerResponse, answer: HttpAnswer): number {
  res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
  res.end(answer.body);
  return answer.status;
}

function errorAnswer(deps: EarlyInferDeps, req: IncomingMessage, err: unknown): HttpAnswer {
  const requestId = requestIdOf(req.headers);
  const answer = oipErrorAnswer(err, requestId);
  if (answer.unexpected) deps.logUnexpected(err, requestId);
  return { status: answer.status, headers: { 'content-type': 'application/json; charset=utf-8', ...answer.headers }, body: JSON.stringify(answer.body) };
}
