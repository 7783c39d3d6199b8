// Run as a worker thread by test/pool/thread-priority.test.ts: lowers its own priority and reports it.
// Worker threads do not inherit the main thread's tsx hooks on Node 20, so this registers them.
import { getPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { lowerThreadPriority } = await import('../../src/pool/thread-priority.ts');
const before = getPriority(0);
const lowered = lowerThreadPriority(workerData);
parentPort.postMessage({ before, lowered, after: getPriority(0) });
