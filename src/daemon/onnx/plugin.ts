import type { FastifyPluginAsync } from 'fastify';
import type { ModelStore } from '../../store/index.ts';
import type { JobService } from '../jobs/index.ts';
import type { DeployService } from './deploy-service.ts';
import { deployRoutes } from './deploy-routes.ts';
import type { InferService } from './infer-service.ts';
import type { Batcher } from './batcher.ts';
import type { ModelLocks } from '../models/model-locks.ts';
import { oipRoutes } from './oip/oip-routes.ts';
import { streamRoutes } from './stream/stream-routes.ts';
import type { StreamCounts } from './stream/streams.ts';
import type { OnnxVersions } from './onnx-versions.ts';

export interface OnnxDeps {
  store: ModelStore;
  versions: OnnxVersions;
  deploys: DeployService;
  infers: InferService;
  batcher: Batcher;
  locks: ModelLocks;
  streams: StreamCounts;
  /** Live onnxruntime sessions in the forecast pool's workers. */
  sessions: () => number;
  maxModelBytes: number;
  maxSyncRows: number;
}

/** Everything ONNX over HTTP: the deploy route on /v1 and the Open Inference Protocol on /v2. */
export const onnxPlugin = (deps: OnnxDeps, server: { serverVersion: string; isReady: () => boolean; maxBodyBytes: number; jobs: JobService }): FastifyPluginAsync => async (app) => {
  await app.register(deployRoutes(deps.deploys, deps.maxModelBytes));
  await app.register(streamRoutes(deps.infers, deps.streams, server.maxBodyBytes));
  await app.register(oipRoutes({ ...deps, ...server }), { prefix: '/v2' });
};
