// Worker threads do not inherit the main thread's tsx hooks on Node 20, so each worker registers them
// itself before loading the TypeScript worker module.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./worker.ts');
export default worker.default;
