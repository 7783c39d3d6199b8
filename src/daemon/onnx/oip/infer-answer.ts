import type { OipRequest } from '../../../onnx/index.ts';
import { acceptedBody, jobLocation, type JobService } from '../../jobs/index.ts';
import { HEADER_LENGTH, inferReply } from './binary-tensors.ts';
import { parseVersion, type CheckedInfer, type InferService } from '../infer-service.ts';

export interface InferAnswerDeps {
  jobs: JobService;
  infers: InferService;
  /** Infers over this many rows (or asked to be async) become jobs: 202 + Location: /v1/jobs/:id. */
  maxSyncRows: number;
}

/** One infer request as routed: the model, its version segment if any, the body read and parsed. */
export interface InferCall {
  name: string;
  versionText?: string;
  body: OipRequest;
  /** Tensors after the JSON header (the binary tensor extension). */
  binary?: Uint8Array;
  /** ?async=true */
  async: boolean;
}

/** An answer as it leaves: status, headers besides the length, and the body's text or bytes. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** Rows of a request: the largest first dimension among its inputs. */
const rowsOf = (c: CheckedInfer) => c.inputs.reduce((m, t) => Math.max(m, t.shape[0] ?? 1), 0);

/**
 * An infer, from the routed request to the answer's bytes: the version (waiting for a deploy in
 * progress), the checks against its signature, then the run, or a job when the request is large or
 * asks for one. Both ways in use it: the Fastify route and the early path (early-infer.ts). Errors
 * are thrown, for the caller to answer in the protocol's form (oip-errors.ts).
 */
export async function inferAnswer(deps: InferAnswerDeps, call: InferCall): Promise<HttpAnswer> {
  const { name, body } = call;
  const target = await deps.infers.target(name, parseVersion(name, call.versionText));
  const checked = deps.infers.check(target, body, call.binary);
  if (call.async || rowsOf(checked) > deps.maxSyncRows) {
    // A job's result is JSON in the store: binary output flags do not apply to it.
    const job = deps.jobs.submit({
      type: 'infer',
      model: name,
      run: async (ctx) => {
        ctx.running();
        return inferReply(target.model, target.version, { ...body, parameters: {}, outputs: undefined }, await deps.infers.run(target, checked)).header;
      },
    });
    return { status: 202, headers: { 'content-type': JSON_TYPE, location: jobLocation(job) }, body: JSON.stringify(acceptedBody(job)) };
  }
  const answer = inferReply(target.model, target.version, body, await deps.infers.run(target, checked));
  const header = JSON.stringify(answer.header);
  if (!answer.binary) return { status: 200, headers: { 'content-type': JSON_TYPE }, body: header };
  const headerBytes = Buffer.from(header);
  return {
    status: 200,
    headers: { 'content-type': 'application/octet-stream', [HEADER_LENGTH]: String(headerBytes.byteLength) },
    body: Buffer.concat([headerBytes, answer.binary]),
  };
}
