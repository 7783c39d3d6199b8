// The worker thread's entry. Normally it loads the bundled worker (plain JavaScript, see
// worker-bundle.ts). Without a bundle, or with a kinds module (it imports the engine's TypeScript
// sources, and its kinds' errors must be the worker's own EngineError class), it registers tsx —
// worker threads do not inherit the main thread's tsx hooks on Node 20 — and loads worker.ts.
import { workerData } from 'node:worker_threads';

let worker;
if (workerData?.bundle && !workerData.kindsModule) {
  worker = await import(workerData.bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  worker = await import('./worker.ts');
}
export default worker.default;
