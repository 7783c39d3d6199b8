import type { WorkerPools } from '../../pool/index.ts';
import type { ModelStore } from '../../store/index.ts';
import type { DaemonConfig } from '../config.ts';
import type { ServiceEventBus } from '../events.ts';
import type { ModelLocks } from '../models/model-locks.ts';
import { DeployService } from './deploy-service.ts';
import { DirectRunner, InferService } from './infer-service.ts';
import { OnnxVersions } from './onnx-versions.ts';
import { Batcher } from './batcher.ts';
import { StreamCounts } from './stream/streams.ts';
import type { OnnxDeps } from './plugin.ts';

export type { OnnxDeps } from './plugin.ts';

/** Builds the ONNX services over the daemon's store, pools and the per-model locks shared with fits. */
export function createOnnx(store: ModelStore, pools: WorkerPools, events: ServiceEventBus, locks: ModelLocks, config: DaemonConfig): OnnxDeps {
  const versions = new OnnxVersions(store);
  events.onEvent('model.deleted', (e) => versions.forget(e.model));
  const direct = new DirectRunner(pools);
  const batcher = new Batcher(direct, events, { delayMs: config.batchDelayMs, maxRows: config.maxBatchRows, concurrency: config.forecastWorkers });
  return {
    store,
    versions,
    deploys: new DeployService(store, pools, events, locks, versions, config.lockTimeoutMs),
    infers: new InferService(store, locks, versions, batcher, config.lockTimeoutMs, events),
    batcher,
    locks,
    streams: new StreamCounts(),
    sessions: () => direct.sessions(),
    maxModelBytes: config.maxModelBytes,
    maxSyncRows: config.maxSyncRows,
  };
}
export { registerOnnxMetrics } from './onnx-metrics.ts';
export { onnxStatus } from './onnx-status.ts';
