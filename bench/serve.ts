/**
 * bench:serve — forecast throughput of the real daemon against a bare node:http server that answers
 * the same 500-value body, measured in the same run with the same autocannon settings; then a mixed
 * run where a fit of the same model lands every second while forecasts run.
 *
 *   npm run bench:serve [-- --duration 10 --connections 10]
 */
import autocannon from 'autocannon';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BenchProcesses, fitEverySecond } from './processes.ts';

const { values: args } = parseArgs({
  options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' } },
});
const duration = Number(args.duration);
const connections = Number(args.connections);
const bench = new BenchProcesses();
const { root, dir } = bench;
const start = (cmd: string[], env?: Record<string, string>) => bench.start(cmd, env);
const stopAll = () => bench.stopAll();

function load(url: string, seconds = duration, setupRequest?: (req: any) => any): Promise<autocannon.Result> {
  return autocannon({ url, connections, duration: seconds, pipelining: 1, ...(setupRequest ? { requests: [{ setupRequest }] } : {}) });
}

// Distinct levels on every request defeat the forecast cache: each answer is computed in a worker.
let seq = 0;
const uncached = (path: string) => (req: any) => {
  seq++;
  return { ...req, path: `${path}&level=80.${String(seq % 10_000).padStart(4, '0')},95.${String(Math.floor(seq / 10_000)).padStart(4, '0')}` };
};

const fmt = (r: autocannon.Result) =>
  `${r.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   non-2xx ${r.non2xx}   errors ${r.errors}`;

try {
  const melbourne = JSON.parse(readFileSync(join(root, 'fixtures/melbourne_min_temp.json'), 'utf8')) as { data: number[] };
  const daemon = await start(['bin/modelapi.mjs', 'serve', '--port', '0', '--db', join(dir, 'bench.db'), '--log-level', 'error']);
  const fitRes = await fetch(`${daemon}/v1/models/default/fit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(melbourne) });
  if (!fitRes.ok) throw new Error(`fit failed: ${await fitRes.text()}`);
  const path = '/v1/models/default/forecast?h=500';
  const body = await (await fetch(daemon + path)).text();
  writeFileSync(join(dir, 'body.json'), body);
  const bare = await start(['bench/bare-server.mjs', body]);

  console.log(`modelapi bench:serve — GET ${path} (${body.length} bytes), ${connections} connections, ${duration} s each`);
  await load(daemon + path, 2); // warm-up: JIT, worker caches
  await load(bare + path, 2);
  const ours = await load(daemon + path);
  const ref = await load(bare + path);
  console.log(`bare node:http  ${fmt(ref)}`);
  console.log(`modelapi        ${fmt(ours)}`);
  console.log(`ratio modelapi / bare: ${(ours.requests.average / ref.requests.average).toFixed(2)} (target ≥ 0.50)`);
  const cold = await load(daemon + path, duration, uncached(path));
  console.log(`modelapi, every request computed (no cache) ${fmt(cold)}`);
  console.log(`ratio uncached modelapi / bare: ${(cold.requests.average / ref.requests.average).toFixed(2)}`);

  // Mixed: a new version of the same model every second while forecasts run; every forecast must succeed.
  const fitter = fitEverySecond((i) =>
    fetch(`${daemon}/v1/models/default/fit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data: melbourne.data.slice(0, 3000 + (i % 600)) }) }));
  const mixed = await load(daemon + path);
  const { fits, fitErrors } = await fitter.stop();
  console.log(`mixed (fit every 1 s) ${fmt(mixed)}`);
  console.log(`mixed: ${fits} fits (${fitErrors} failed), forecast errors ${mixed.errors + mixed.non2xx} (must be 0)`);
} finally {
  await stopAll();
}
