import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorResponse, FailResponse, ModelParams, success } from '../models/schemas.ts';
import { sendIdempotent, type IdempotentRoutes } from '../idempotency/index.ts';
import type { ObservationService } from './observation-service.ts';
import { ObserveBody, ObserveData } from './schemas.ts';

const errors = { 400: FailResponse, 404: FailResponse, 409: FailResponse, 413: FailResponse, 415: FailResponse, 422: FailResponse, 500: ErrorResponse, 503: ErrorResponse, 504: ErrorResponse };

/** Appending observations to a model: its state moves on, no new version (unless the kind must refit). */
export const observationRoutes = (observations: ObservationService, deps: IdempotentRoutes): FastifyPluginAsync => async (root) => {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/v1/models/:name/observations', {
    // Its answers are summaries of a few hundred bytes, under the compress plugin's 1 KiB threshold: the
    // plugin's two hooks would only look, on the route that takes the most requests.
    compress: false,
    schema: {
      summary: "Append observations to a model's series: same parameters, updated state, durable before the answer",
      params: ModelParams, body: ObserveBody,
      response: { 200: success(ObserveData), ...errors },
    },
  }, async (req, reply) => sendIdempotent(req, reply, deps, req.params.name, async () => ({
    status: 200,
    body: { status: 'success', data: await observations.observe(req.params.name, req.body, req.id) },
  })));
};
