// The worker thread's entry. Normally it loads the bundled worker (plain JavaScript, see
// worker-bundle.ts; a kinds module in TypeScript registers tsx for itself, see kinds-module.ts).
// Without a bundle it registers tsx — worker threads do not inherit the main thread's tsx hooks on
// Node 20 — and loads worker.ts.
import { workerData } from 'node:worker_threads';

let worker;
if (workerData?.bundle) {
  worker = await import(workerData.bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  worker = await import('./worker.ts');
}
export default worker.default;
