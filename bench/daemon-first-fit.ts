/**
 * The first fits a fresh daemon answers, over HTTP: `node --import tsx bench/daemon-first-fit.ts <checkout>
 * <'m = 336' | 'm = 365'> <ets | arima>` starts `modelapi serve` from that checkout (so two checkouts
 * can be compared in alternating runs), leaves it idle for 3 s (well past the fit threads' warm-up,
 * 0.2–0.45 s, which announces nothing), then posts two mstl fits of bench:engine's n = 60,000 series
 * and prints each one's status and seconds.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LONG_DATA } from './engine-long.ts';
const root = process.argv[2]!;
const which = process.argv[3] as keyof typeof LONG_DATA;
const method = process.argv[4]!;
const db = join(mkdtempSync(join(tmpdir(), 'df-')), 'm.db');
const p = spawn(process.execPath, [join(root, 'bin/modelapi.mjs'), 'serve', '--port', '0', '--db', db, '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url: string = await new Promise((res) => { let b = ''; p.stdout!.on('data', (d: Buffer) => { b += d; const m = b.match(/http:\/\/[^\s]+/); if (m) res(m[0]); }); });
await new Promise((r) => setTimeout(r, 3000));
const data = LONG_DATA[which];
const body = JSON.stringify({ data: Array.from(data.y()), kind: 'mstl', period: [...data.periods], ...(method === 'arima' ? { method: 'arima' } : {}) });
const times: string[] = [];
for (const name of ['a', 'b']) {
  const t0 = performance.now();
  const r = await fetch(`${url.replace(/\/$/, '')}/v1/models/${name}/fit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await r.text();
  times.push(`${r.status} ${((performance.now() - t0) / 1000).toFixed(3)}`);
}
console.log(root.padEnd(10), which, method.padEnd(5), 'first', times[0], 'second', times[1]);
p.kill('SIGTERM');
