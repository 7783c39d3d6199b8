/**
 * The first fits a fresh daemon answers, over HTTP: `node --import tsx bench/daemon-first-fit.ts <checkout>
 * <'m = 336' | 'm = 365' | monthly> <ets | arima>` starts `modelapi serve` from that checkout (so two
 * checkouts can be compared in alternating runs), leaves it idle for 3 s (well past the fit threads'
 * warm-up, 0.2–0.45 s, which announces nothing), then posts two fits and prints each one's status and
 * seconds: mstl on bench:engine's n = 60,000 series, or (`monthly`) the default kind on AirPassengers.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LONG_DATA } from './engine-long.ts';
const root = process.argv[2]!;
const which = process.argv[3] as keyof typeof LONG_DATA | 'monthly';
const method = process.argv[4]!;
const dir = mkdtempSync(join(tmpdir(), 'df-'));
const db = join(dir, 'm.db');
const p = spawn(process.execPath, [join(root, 'bin/modelapi.mjs'), 'serve', '--port', '0', '--db', db, '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url: string = await new Promise((res) => { let b = ''; p.stdout!.on('data', (d: Buffer) => { b += d; const m = b.match(/http:\/\/[^\s]+/); if (m) res(m[0]); }); });
await new Promise((r) => setTimeout(r, 3000));
const body = which === 'monthly'
  ? JSON.stringify({ data: JSON.parse(readFileSync(new URL('../fixtures/forecast-dev/datasets__AirPassengers.json', import.meta.url), 'utf8')).train, period: 12 })
  : JSON.stringify({ data: Array.from(LONG_DATA[which].y()), kind: 'mstl', period: [...LONG_DATA[which].periods], ...(method === 'arima' ? { method: 'arima' } : {}) });
const times: string[] = [];
for (const name of ['a', 'b']) {
  const t0 = performance.now();
  const r = await fetch(`${url.replace(/\/$/, '')}/v1/models/${name}/fit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await r.text();
  times.push(`${r.status} ${((performance.now() - t0) / 1000).toFixed(3)}`);
}
console.log(root.padEnd(10), which, method.padEnd(5), 'first', times[0], 'second', times[1]);
p.kill('SIGTERM');
await new Promise((r) => p.once('exit', r));
rmSync(dir, { recursive: true, force: true });
