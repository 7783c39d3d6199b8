import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { OipRequest } from '../../../onnx/index.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ModelStore } from '../../../store/index.ts';
import { checkOipRequest } from './oip-request.ts';
import { HEADER_LENGTH, splitBinaryBody } from './binary-tensors.ts';
import { parseVersion } from '../infer-service.ts';
import { inferAnswer, type InferAnswerDeps } from './infer-answer.ts';
import { Type } from '@sinclair/typebox';
import { installOipErrors } from './oip-errors.ts';
import { oipModelMetadata } from './oip-metadata.ts';
import { OipError, OipModelMetadataSchema, OipModelParams, OipReady, OipVersionParams } from './oip-schemas.ts';
import type { OnnxVersions } from '../onnx-versions.ts';

export interface OipDeps extends InferAnswerDeps {
  store: ModelStore;
  versions: OnnxVersions;
  serverVersion: string;
  isReady: () => boolean;
}

/** The request body: JSON, or (binary tensor extension) a JSON header followed by raw tensors. */
function readInferBody(req: FastifyRequest): { body: OipRequest; binary?: Uint8Array } {
  const header = req.headers[HEADER_LENGTH] as string | undefined;
  const { json, binary } = Buffer.isBuffer(req.body) ? splitBinaryBody(req.body, header) : { json: req.body, binary: undefined };
  return { body: checkOipRequest(json), binary };
}

const InferQuery = Type.Object(
  { async: Type.Optional(Type.Boolean({ description: 'run as a job: 202 + Location: /v1/jobs/:id (also done above --max-sync-rows)' })) },
  { additionalProperties: false },
);

const errors = { 400: OipError, 404: OipError, 413: OipError, 500: OipError, 503: OipError };

/** The Open Inference Protocol (KServe / Triton V2) REST routes, under /v2. */
export const oipRoutes = (deps: OipDeps): FastifyPluginAsync => async (root) => {
  installOipErrors(root);
  // Binary tensor requests: the body is kept as bytes and split at Inference-Header-Content-Length.
  root.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Open Inference Protocol (V2)'];

  app.get('/health/live', { schema: { tags, summary: 'Liveness' } }, async () => ({ live: true }));
  app.get('/health/ready', { schema: { tags, summary: 'Readiness' } }, async (_req, reply) => {
    if (deps.isReady()) return { ready: true };
    return reply.code(503).send({ ready: false });
  });
  app.get('/', { schema: { tags, summary: 'Server metadata' } }, async () => ({
    name: 'modelapi',
    version: deps.serverVersion,
    extensions: ['binary_tensor_data'],
  }));

  const metadata = async (name: string, versionText?: string) =>
    oipModelMetadata(deps.store, deps.versions, name, parseVersion(name, versionText));
  app.get('/models/:name', { schema: { tags, summary: 'Model metadata', params: OipModelParams, response: { 200: OipModelMetadataSchema, ...errors } } }, async (req) =>
    metadata(req.params.name));
  app.get('/models/:name/versions/:version', { schema: { tags, summary: 'Model version metadata', params: OipVersionParams, response: { 200: OipModelMetadataSchema, ...errors } } }, async (req) =>
    metadata(req.params.name, req.params.version));

  const ready = async (name: string, versionText?: string) => {
    await metadata(name, versionText);
    return { name, ready: true };
  };
  app.get('/models/:name/ready', { schema: { tags, summary: 'Model readiness', params: OipModelParams, response: { 200: OipReady, ...errors } } }, async (req) =>
    ready(req.params.name));
  app.get('/models/:name/versions/:version/ready', { schema: { tags, summary: 'Model version readiness', params: OipVersionParams, response: { 200: OipReady, ...errors } } }, async (req) =>
    ready(req.params.name, req.params.version));

  const infer = async (req: FastifyRequest, reply: FastifyReply, name: string, versionText?: string) => {
    const { body, binary } = readInferBody(req);
    const answer = await inferAnswer(deps, { name, versionText, body, binary, async: (req.query as { async?: boolean }).async === true });
    return reply.code(answer.status).headers(answer.headers).send(answer.body);
  };
  const inferSchema = {
    tags, summary: 'Inference', querystring: InferQuery, response: errors,
    description: 'JSON body, or a JSON header + binary tensors (Inference-Header-Content-Length). Over --max-sync-rows rows, or with ?async=true: 202 and a job.',
  };
  app.post('/models/:name/infer', { schema: { ...inferSchema, params: OipModelParams } }, async (req, reply) =>
    infer(req, reply, req.params.name));
  app.post('/models/:name/versions/:version/infer', { schema: { ...inferSchema, params: OipVersionParams } }, async (req, reply) =>
    infer(req, reply, req.params.name, req.params.version));
};
