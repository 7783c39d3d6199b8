// The checkpointer's thread (see checkpointer.ts). Plain JavaScript: it starts without tsx or a bundle.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.dbPath, { fileMustExist: true });
// The default synchronous = FULL of this connection is what makes the checkpoint fsync the WAL before
// copying it and the database after, so the WAL is never reused before its frames are safe.
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

function run() {
  try {
    const { busy, log, checkpointed } = checkpoint.get();
    // A checkpoint with nothing to copy is the idle case: say nothing.
    if (checkpointed > 0) parentPort.postMessage({ busy, log, checkpointed });
  } catch (err) {
    parentPort.postMessage({ error: String(err?.message ?? err) });
  }
}

const timer = setInterval(run, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  db.close();
  // The writer waits for this before it closes its own connection (see Checkpointer.stop).
  Atomics.store(workerData.closed, 0, 1);
  Atomics.notify(workerData.closed, 0);
  parentPort.close();
});
