/**
 * How wrk reports the lock contract's waits: wrk against bench/lock-imitation-server.mjs, a bare
 * server that holds the requests arriving during an 80 ms "fit" every 450 ms (about bench:serve's
 * same-model case) or 1,000 ms, and holds none in a control run. Prints wrk's per-request figures
 * (bench/wrk.ts undoes its coordinated-omission correction), wrk's corrected p99, and the number of
 * requests the server held, which no server keeping the contract can avoid.
 *
 *   node --import tsx bench/wrk-correction.ts     (wrap in flock /tmp/modelapi-bench.lock)
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmtWrk, wrk } from './wrk.ts';

const dir = mkdtempSync(join(tmpdir(), 'modelapi-wrk-'));
for (const [period, hold] of [[450, 80], [1000, 80], [450, 0]] as const) {
  const server = spawn(process.execPath, [new URL('./lock-imitation-server.mjs', import.meta.url).pathname, String(period), String(hold)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  server.stdout!.on('data', (d) => (out += d));
  while (!/listening on (\S+)/.test(out)) await once(server.stdout!, 'data');
  const url = /listening on (\S+)/.exec(out)![1]!;
  const r = await wrk(url + '/', { connections: 32, seconds: 10, dir });
  server.kill('SIGTERM');
  await once(server, 'exit');
  const held = /held (\d+) of (\d+)/.exec(out);
  console.log(`hold ${hold} ms every ${period} ms  ${fmtWrk(r)}`);
  console.log(`  slower than 20 ms: ${r.slowerThan(20)} of ${r.requests}; the server held ${held?.[1]} of ${held?.[2]}`);
}
