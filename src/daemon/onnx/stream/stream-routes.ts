import type { FastifyPluginAsync } from 'fastify';
import websocket from '@fastify/websocket';
import { ApiError } from '../../errors.ts';
import { ModelParams } from '../../http/jsend-schemas.ts';
import { inferReply } from '../oip/binary-tensors.ts';
import type { InferService } from '../infer-service.ts';
import { toApiError } from '../oip/oip-errors.ts';
import { readInferJson } from '../oip/oip-request.ts';
import type { StreamCounts } from './streams.ts';
import { StreamPacer } from './stream-pacer.ts';

// Stands for a binary frame, which is refused: requests are JSON text.
const BINARY = '\u0000binary';

/**
 * GET /v1/models/:name/stream: a WebSocket on which each text message is an OIP infer request and each
 * reply its result or `{id, error}`; many requests may be in flight, replies come in completion order.
 */
export const streamRoutes = (infers: InferService, counts: StreamCounts, maxPayload: number): FastifyPluginAsync => async (app) => {
  await app.register(websocket, { options: { maxPayload } });
  app.get('/v1/models/:name/stream', { websocket: true, schema: { summary: 'Open Inference Protocol requests over a WebSocket', params: ModelParams } }, (socket, req) => {
    const { name } = req.params as { name: string };
    const pacer = new StreamPacer(socket, counts, answer);
    socket.on('close', () => pacer.close());
    socket.on('message', (data, isBinary) => pacer.message(isBinary ? BINARY : data.toString()));

    async function answer(text: string): Promise<string> {
      let id: unknown = null;
      try {
        if (text === BINARY) throw ApiError.field('MODELAPI_ERR_VALIDATION', 'message', 'send each request as a text message of JSON');
        const body = readInferJson(text);
        id = body.id ?? null;
        const target = await infers.target(name);
        // Replies are text: outputs are always JSON here, whatever binary flags the request carries.
        const json = { ...body, parameters: { ...body.parameters, binary_data_output: false }, outputs: body.outputs?.map((o) => ({ name: o.name })) };
        return JSON.stringify(inferReply(target.model, target.version, json, await infers.infer(target, json)).header);
      } catch (err) {
        const known = toApiError(err);
        if (!known) req.log.error({ err }, 'unexpected stream error');
        return JSON.stringify({ id, error: known?.message ?? (err as Error).message });
      }
    }
  });
};
