import type { FastifyError, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import { ApiError } from '../errors.ts';
import { ErrorResponse, FailResponse, ModelParams, success } from '../http/jsend-schemas.ts';
import type { DeployRequest, DeployService } from './deploy-service.ts';
import { parseMetadataText } from './metadata.ts';
import { DeployData } from './onnx-schemas.ts';

const DeployQuery = Type.Object(
  { allowSignatureChange: Type.Optional(Type.Boolean({ description: "accept a signature that differs from the current version's" })) },
  { additionalProperties: false },
);

const TOO_LARGE = new Set(['FST_ERR_CTP_BODY_TOO_LARGE', 'FST_REQ_FILE_TOO_LARGE']);

/** A multipart deploy: a `model` file part and an optional `metadata` JSON part; nothing else. */
async function readMultipart(req: FastifyRequest): Promise<Omit<DeployRequest, 'allowSignatureChange'>> {
  let bytes: Buffer | undefined;
  let metadata: Record<string, unknown> = {};
  for await (const part of req.parts()) {
    if (part.type === 'file' && part.fieldname === 'model') bytes = await part.toBuffer();
    else if (part.type === 'field' && part.fieldname === 'metadata') metadata = parseMetadataText(String(part.value));
    else {
      if (part.type === 'file') part.file.resume();
      throw ApiError.field('MODELAPI_ERR_VALIDATION', part.fieldname, 'is not a known part; send a `model` file and an optional `metadata` JSON field');
    }
  }
  if (!bytes) throw ApiError.field('MODELAPI_ERR_VALIDATION', 'model', 'the multipart body has no `model` file part');
  return { bytes, metadata };
}

/** PUT /v1/models/:name/onnx: raw .onnx bytes (application/octet-stream) or multipart/form-data. */
export const deployRoutes = (deploys: DeployService, maxModelBytes: number): FastifyPluginAsync => async (root) => {
  await root.register(multipart, { limits: { fileSize: maxModelBytes, files: 1, fields: 4, parts: 5 } });
  root.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: maxModelBytes }, (_req, body, done) => done(null, body));
  // Too large here means the model file: name the limit that applies (--max-model), not --max-body.
  root.setErrorHandler((err: FastifyError) => {
    if (TOO_LARGE.has(err.code)) throw ApiError.field('MODELAPI_ERR_BODY_TOO_LARGE', 'model', `is larger than --max-model (${maxModelBytes} bytes)`);
    throw err;
  });
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.put('/v1/models/:name/onnx', {
    bodyLimit: maxModelBytes,
    schema: {
      summary: 'Deploy an ONNX model file as a new version',
      description: 'Body: the .onnx bytes (application/octet-stream), or multipart/form-data with a `model` file and optional `metadata` JSON.',
      params: ModelParams,
      querystring: DeployQuery,
      response: { 200: success(DeployData), 201: success(DeployData), 400: FailResponse, 404: FailResponse, 409: FailResponse, 413: FailResponse, 415: FailResponse, 500: ErrorResponse, 503: ErrorResponse },
    },
  }, async (req, reply) => {
    const allowSignatureChange = req.query.allowSignatureChange ?? false;
    const body = req.isMultipart()
      ? await readMultipart(req)
      : Buffer.isBuffer(req.body)
        ? { bytes: req.body, metadata: {} }
        : undefined;
    if (!body) throw ApiError.field('MODELAPI_ERR_UNSUPPORTED_MEDIA_TYPE', 'content-type', 'send the model as application/octet-stream or multipart/form-data');
    const deployed = await deploys.deploy(req.params.name, { ...body, allowSignatureChange });
    return reply.code(deployed.reused ? 200 : 201).send({ status: 'success', data: deployed });
  });
};
