// Preloaded with --import by tests: records the native libraries the MAIN thread loads and prints them
// on exit, so a test can check that onnxruntime is loaded by worker threads only.
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  const loaded = [];
  const dlopen = process.dlopen;
  process.dlopen = function (module, filename, ...rest) {
    loaded.push(filename);
    return dlopen.call(this, module, filename, ...rest);
  };
  process.on('exit', () => process.stderr.write(`\nmain-thread dlopen: ${JSON.stringify(loaded)}\n`));
}
