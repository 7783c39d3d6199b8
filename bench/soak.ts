/**
 * bench:soak — the daemon under steady load for minutes: forecasts at 32 connections as fast as wrk can
 * send them, a fit every second spread over 5 models, and an SSE client reading /v1/events. Prints the
 * daemon's RSS over time (it must stay flat) and the forecasts' latency percentiles.
 *
 *   npm run bench:soak [-- --minutes 10 --connections 32]     (wrap in flock /tmp/modelapi-bench.lock)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { request } from 'undici';
import { BenchProcesses, fitEverySecond, postJson } from './support/processes.ts';
import { rssMb } from './support/proc.ts';
import { fmtWrk, wrk } from './support/wrk.ts';

const { values: args } = parseArgs({
  options: { minutes: { type: 'string', default: '10' }, connections: { type: 'string', default: '32' } },
});
const seconds = Math.round(Number(args.minutes) * 60);
const connections = Number(args.connections);
const bench = new BenchProcesses();
const { dir, root } = bench;

try {
  const { url, child: daemon } = await bench.daemon('soak.db');
  const series = (JSON.parse(readFileSync(join(root, 'fixtures/melbourne_min_temp.json'), 'utf8')) as { data: number[] }).data.slice(0, 1500);
  const fitModel = (name: string, n: number) => postJson(`${url}/v1/models/${name}/fit`, { data: series.slice(0, 1000 + (n % 500)), kind: 'ets' });
  const models = ['s0', 's1', 's2', 's3', 's4'];
  // The first versions use a length the loop's first fits do not (equal data would be reused: 200, not 201).
  for (const m of models) await (await fitModel(m, 499)).text();

  // An SSE client, read and discarded, like a dashboard left open.
  const sse = new AbortController();
  const events = await request(`${url}/v1/events`, { signal: sse.signal });
  const draining = (async () => {
    try {
      for await (const _ of events.body);
    } catch {}
  })();

  const fitter = fitEverySecond((i) => fitModel(models[i % models.length]!, i));
  const started = performance.now();
  const at = () => `${Math.round((performance.now() - started) / 1000)}s`;
  const rss: string[] = [`start ${rssMb(daemon.pid!).toFixed(0)} MB`];
  const sampler = setInterval(() => rss.push(`${at()} ${rssMb(daemon.pid!).toFixed(0)} MB`), 10_000);
  // Where the RSS is, once a minute: the main thread's V8 heap in use, and memory outside it (Buffers).
  const heap: string[] = [];
  const heapSampler = setInterval(async () => {
    const text = await (await fetch(`${url}/metrics`)).text();
    const mb = (name: string) => (Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]) / 1e6).toFixed(0);
    heap.push(`${at()} ${mb('nodejs_heap_size_used_bytes')}/${mb('nodejs_external_memory_bytes')} MB`);
  }, 60_000);

  console.log(`modelapi bench:soak (wrk) — ${seconds} s, ${connections} connections, GET /v1/models/s0/forecast?h=500, a fit every 1 s over 5 models, 1 SSE client`);
  const load = await wrk(`${url}/v1/models/s0/forecast?h=500`, { connections, seconds, dir });
  clearInterval(sampler);
  clearInterval(heapSampler);
  const { fits, fitErrors } = await fitter.stop();
  rss.push(`end ${rssMb(daemon.pid!).toFixed(0)} MB`);
  sse.abort();
  await draining;
  console.log(`forecasts  ${fmtWrk(load)}`);
  console.log(`fits       ${fits} (${fitErrors} not 201)`);
  console.log(`daemon RSS ${rss.join(' · ')}`);
  console.log(`main-thread heap used / external ${heap.join(' · ')}`);
} finally {
  await bench.stopAll();
}
