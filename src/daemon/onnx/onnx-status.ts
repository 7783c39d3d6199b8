import type { OnnxStatus } from '../observe/status.ts';
import type { OnnxDeps } from './plugin.ts';

/** The ONNX part of GET /v1/status. */
export function onnxStatus(deps: OnnxDeps): OnnxStatus {
  const queueDepth: Record<string, number> = {};
  for (const m of deps.store.listModels()) {
    const lock = deps.locks.counts(m.name);
    queueDepth[m.name] = lock.readersWaiting + lock.writersWaiting + deps.batcher.waitingFor(m.name);
  }
  return { sessions: { forecast: deps.sessions() }, streams: { ...deps.streams }, queueDepth };
}
