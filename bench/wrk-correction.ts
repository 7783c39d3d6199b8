/**
 * How wrk reports the lock contract's waits: wrk against bench/support/lock-imitation-server.mjs, a bare
 * server that holds the requests arriving during an 80 ms "fit" every 450 ms (about bench:serve's
 * same-model case) or 1,000 ms, and holds none in a control run. Prints wrk's per-request figures
 * (bench/support/wrk.ts undoes its coordinated-omission correction), wrk's corrected p99, and the number of
 * requests the server held, which no server keeping the contract can avoid.
 *
 *   node --import tsx bench/wrk-correction.ts     (wrap in flock /tmp/modelapi-bench.lock)
 */
import { BenchProcesses } from './support/processes.ts';
import { fmtWrk, wrk } from './support/wrk.ts';

const bench = new BenchProcesses();
try {
  for (const [period, hold] of [[450, 80], [1000, 80], [450, 0]] as const) {
    const { url, child, lines } = await bench.spawn(['bench/support/lock-imitation-server.mjs', String(period), String(hold)]);
    const r = await wrk(url + '/', { connections: 32, seconds: 10, dir: bench.dir });
    // The server prints what it held when it is stopped; the line may come after its exit.
    const heldLine = new Promise<string>((resolve) => {
      lines.on('line', (l) => l.startsWith('held') && resolve(l));
      lines.once('close', () => resolve(''));
    });
    await bench.stop(child);
    const held = /held (\d+) of (\d+)/.exec(await heldLine);
    console.log(`hold ${hold} ms every ${period} ms  ${fmtWrk(r)}`);
    console.log(`  slower than 20 ms: ${r.slowerThan(20)} of ${r.requests}; the server held ${held?.[1]} of ${held?.[2]}`);
  }
} finally {
  await bench.stopAll();
}
