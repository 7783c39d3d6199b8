import { threadId } from 'node:worker_threads';
import { UnservableModelError } from '../onnx/index.ts';
import { SessionCache, inspectModel } from '../onnx/session-cache.ts';
import { readStore } from './read-store.ts';
import type { InferResult, InferTask, OnnxValidateResult, OnnxValidateTask, WorkerConfig } from './tasks.ts';

/** The worker's ONNX operations: validating a file, and running a version through its cached session. */
export function onnxOps(config: WorkerConfig) {
  const sessions = new SessionCache(config.sessions, (model, version) => {
    const bytes = readStore(config.dbPath).getArtifact(model, version);
    if (!bytes) throw new Error(`version ${model}@${version} has no model file in the store`);
    return bytes;
  });

  async function validate(task: OnnxValidateTask): Promise<OnnxValidateResult> {
    const started = performance.now();
    if (task.bytes.byteLength === 0) return { ok: false, code: 'MODELAPI_ERR_INVALID_MODEL', field: 'model', message: 'the file is empty' };
    try {
      const signature = await inspectModel(task.bytes);
      return { ok: true, signature, loadMs: performance.now() - started };
    } catch (err) {
      const reason = err instanceof UnservableModelError ? err.message : `onnxruntime cannot load it: ${(err as Error).message}`;
      return { ok: false, code: 'MODELAPI_ERR_INVALID_MODEL', field: 'model', message: reason };
    }
  }

  async function infer(task: InferTask): Promise<InferResult> {
    try {
      const outputs = await sessions.run(task.model, task.version, task.current, task.inputs, task.outputs);
      return { ok: true, outputs, sessions: sessions.size, threadId };
    } catch (err) {
      // Inputs were checked against the signature before they were sent, so what is left is the model's own failure.
      return { ok: false, code: 'MODELAPI_ERR_INFER_FAILED', message: `onnxruntime failed: ${(err as Error).message}` };
    }
  }

  return { validate, infer };
}
