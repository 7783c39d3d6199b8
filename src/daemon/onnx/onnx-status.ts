import type { OnnxStatus } from '../observe/status.ts';
import type { OnnxDeps } from './plugin.ts';

/**
 * The ONNX part of GET /v1/status. Queue depth is listed for the models that have requests waiting (a
 * held or awaited lock, an open batch): bounded by what is in flight, not by the number of models.
 */
export function onnxStatus(deps: OnnxDeps): OnnxStatus {
  const queueDepth: Record<string, number> = {};
  for (const name of new Set([...deps.locks.busyModels, ...deps.batcher.modelsWaiting])) {
    const lock = deps.locks.counts(name);
    const n = lock.readersWaiting + lock.writersWaiting + deps.batcher.waitingFor(name);
    if (n > 0) queueDepth[name] = n;
  }
  return { sessions: { forecast: deps.sessions() }, streams: { ...deps.streams }, queueDepth };
}
