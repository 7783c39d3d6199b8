/**
 * bench:scale — many series on one machine.
 *
 *  (a) Bulk-fit N monthly series (default 10,000) with the default kind through POST /v1/fits, on the
 *      real daemon: series per second. The series are made reproducibly from the fixtures' monthly
 *      series (seeded PRNG): a random segment of 60–144 months of one of them, times a random scale
 *      (0.1–100), plus Gaussian noise of 2–10% of the segment's standard deviation.
 *  (b) 100,000 stored models (the fitted ones, copied under new names in one transaction — only the
 *      copying is done with SQL, to make the store big quickly): daemon start-up time, RSS,
 *      GET /v1/models?limit=100 latency, a cold forecast of a random model (cached nowhere) with its
 *      reference (the same wrk load against a bare node:http server), and a bulk forecast of 10,000
 *      models at h = 12. Latencies are wrk's (4 connections, per request: bench/support/wrk.ts).
 *
 *   npm run bench:scale [-- --series 10000 --models 100000]
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { request } from 'undici';
import { makeSeries } from './support/scale-series.ts';
import { wrk, type WrkResult } from './support/wrk.ts';
import { BenchProcesses } from './support/processes.ts';
import { rssMb } from './support/proc.ts';

const { values: args } = parseArgs({ options: { series: { type: 'string', default: '10000' }, models: { type: 'string', default: '100000' }, db: { type: 'string' } } });
const SERIES = Number(args.series);
const MODELS = Number(args.models);
const root = new URL('../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'modelapi-scale-'));
// --db FILE keeps the store for another run, which skips (a) and the copying when the file has the models.
const db = args.db ?? join(dir, 'scale.db');
const reuse = args.db !== undefined && existsSync(args.db);

let daemon: ChildProcess | undefined;
const refs = new BenchProcesses();
async function startDaemon(): Promise<{ url: string; ms: number; pid: number }> {
  const t0 = performance.now();
  daemon = spawn(process.execPath, [join(root, 'bin/modelapi.mjs'), 'serve', '--port', '0', '--db', db, '--log-level', 'warn'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(createInterface({ input: daemon.stdout! }), 'line')) as [string];
  return { url: /(http:\/\/\S+)/.exec(line)![1]!, ms: performance.now() - t0, pid: daemon.pid! };
}
async function stopDaemon() {
  if (daemon && daemon.exitCode === null) {
    daemon.kill('SIGTERM');
    await once(daemon, 'exit');
  }
}

async function json(url: string, method = 'GET', body?: unknown) {
  const res = await request(url, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  return JSON.parse(await res.body.text());
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function latencies(n: number, concurrency: number, one: (i: number) => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const t0 = performance.now();
        await one(i);
        out.push(performance.now() - t0);
      }
    }),
  );
  return out;
}

/**
 * A wrk request hook naming the models c<lo> … c<hi - 1> in a random order (Fisher–Yates, drawn as it
 * goes), each once: a model named once is cached afterwards, so a cold forecast must not name it again.
 */
function distinctModelPaths(lo: number, hi: number, seed: number): string {
  return `
  local k = (n - 1) % ${hi - lo} + 1
  if k == 1 then math.randomseed(${seed} + n); perm = {} end
  local j = math.random(k, ${hi - lo})
  local x, y = perm[k] or k, perm[j] or j
  perm[k], perm[j] = y, x
  return wrk.format(nil, string.format("/v1/models/c%07d/forecast?h=12", ${lo} + y - 1))`;
}

try {
  // (a) bulk fit
  if (!reuse) {
    const d = await startDaemon();
    const series = makeSeries(SERIES).map((s) => ({ ...s, labels: { bench: 'scale' } }));
    const t0 = performance.now();
    const job = await json(`${d.url}/v1/fits`, 'POST', { series });
    let state = job.data;
    while (state.state === 'queued' || state.state === 'running') state = (await json(`${d.url}/v1/jobs/${job.data.id}?wait=5s&limit=1`)).data;
    const seconds = (performance.now() - t0) / 1000;
    const r = state.result;
    console.log(`(a) bulk fit, default kind, ${SERIES} monthly series: ${seconds.toFixed(1)} s, ${(SERIES / seconds).toFixed(1)} series/s (job's own figure ${r.seriesPerSecond}/s), ${r.failed} failed   [target >= 50 series/s]`);
    await stopDaemon();
  }

  // (b) 100,000 stored models: copy the fitted versions under new names.
  const raw = new Database(db);
  const have = (raw.prepare('SELECT count(*) AS n FROM models').get() as { n: number }).n;
  const copies = Math.max(0, MODELS - have);
  const t1 = performance.now();
  raw.transaction(() => {
    const src = raw.prepare(`SELECT name FROM models WHERE current_version IS NOT NULL ORDER BY name`).all() as { name: string }[];
    const ts = new Date().toISOString();
    const m = raw.prepare(`INSERT INTO models (name, current_version, next_version, created_at, updated_at)
                           SELECT ?, current_version, next_version, created_at, ? FROM models WHERE name = ?`);
    const cols = 'version, kind, spec, params, metrics, series, hash, state, error, fit_ms, created_at, finished_at';
    const v = raw.prepare(`INSERT INTO versions (model, ${cols}) SELECT ?, ${cols} FROM versions WHERE model = ?`);
    const l = raw.prepare(`INSERT INTO labels (model, key, value) VALUES (?, 'bench', 'scale')`);
    for (let i = 0; i < copies; i++) {
      const from = src[i % src.length]!.name;
      const name = `c${String(i).padStart(7, '0')}`;
      m.run(name, ts, from);
      v.run(name, from);
      l.run(name);
    }
  })();
  const copied = (raw.prepare(`SELECT count(*) AS n FROM models WHERE name LIKE 'c%'`).get() as { n: number }).n;
  raw.close();
  console.log(`    copied ${copies} models in ${((performance.now() - t1) / 1000).toFixed(1)} s (set-up, not a figure)`);

  const d = await startDaemon();
  const count = (await json(`${d.url}/v1/status`)).data;
  console.log(`(b) ${MODELS} models: start-up ${d.ms.toFixed(0)} ms [< 2000]; RSS after start ${rssMb(d.pid).toFixed(0)} MB`);
  // Each latency is measured twice, with wrk (bench/support/wrk.ts; per request): the first second after
  // start-up (the code not yet optimised by V8, SQLite's page cache empty), then a longer run of the
  // same requests. A Node client on these same two cores put ~4 ms of its own into a p99 (a bare
  // node:http server measured 4.5 ms with it, 0.3 ms with wrk; docs/benchmarks.md, 2026-12-07).
  const twice = async (what: string, target: string, request: (run: number) => string, url = d.url) => {
    const out: WrkResult[] = [];
    for (const [run, seconds, when] of [[0, 1, 'the first 1 s'], [1, 5, 'the next 5 s']] as const) {
      const r = await wrk(`${url}/`, { connections: 4, threads: 1, seconds, dir, request: request(run) });
      if (r.bad > 0) throw new Error(`${what}: ${r.bad} requests failed`);
      console.log(`    ${what}, ${when}, 4 connections: ${r.requests} requests, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, max ${r.max.toFixed(1)} ms [${target}]`);
      out.push(r);
    }
    return out;
  };
  await twice('GET /v1/models?limit=100 (half with a label filter)', 'p99 < 20', () =>
    'return wrk.format(nil, n % 2 == 1 and "/v1/models?limit=100&label=bench%3Dscale" or "/v1/models?limit=100")');
  // Cold: each request names a model no request named before (the first run draws from the first
  // COLD_SPLIT copies, the next from the rest, each a random permutation), so none is cached anywhere.
  const COLD_SPLIT = Math.min(10_000, Math.floor(copied / 2));
  const ranges: [number, number][] = [[0, COLD_SPLIT], [COLD_SPLIT, copied]];
  const coldPaths = (run: number) => distinctModelPaths(ranges[run]![0], ranges[run]![1], 7 + run);
  const cold = await twice('cold forecasts of random models', 'p99 < 5', coldPaths);
  cold.forEach((r, run) => {
    const [lo, hi] = ranges[run]!;
    if (r.requests > hi - lo) throw new Error(`cold forecasts: ${r.requests} requests but only ${hi - lo} models to draw from: some were repeats`);
  });
  // The reference for that figure, measured the same way in the same run: a bare node:http server
  // answering one of those answers to the same requests.
  const sample = await (await request(`${d.url}/v1/models/c0000000/forecast?h=12`)).body.text();
  const bare = await refs.bare(sample);
  await twice(`the same load against a bare node:http server sending one such answer (${sample.length} bytes)`, 'reference', coldPaths, bare);
  const bulkNames = Array.from({ length: 10_000 }, (_, i) => `c${String((i * 7) % copied).padStart(7, '0')}`);
  const t2 = performance.now();
  const res = await request(`${d.url}/v1/forecasts`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/csv' }, body: JSON.stringify({ models: [...new Set(bulkNames)], h: 12 }) });
  let bytes = 0;
  for await (const chunk of res.body) bytes += (chunk as Buffer).length;
  console.log(`    bulk forecast of ${new Set(bulkNames).size} models at h = 12 (CSV): ${((performance.now() - t2) / 1000).toFixed(2)} s, ${(bytes / 1e6).toFixed(1)} MB [< 5 s]`);
  // /v1/status and /metrics are read every second by dashboards and scrapers: their time is the event
  // loop's, so it must not grow with the number of models.
  const timed = async (path: string) => {
    let bytes = 0;
    const ms = await latencies(20, 1, async () => {
      bytes = (await (await request(`${d.url}${path}`)).body.text()).length;
    });
    return `${(bytes / 1e3).toFixed(0)} kB, p50 ${pct(ms, 50).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms`;
  };
  const status = await timed('/v1/status');
  const metrics = await timed('/metrics');
  console.log(`    RSS at the end ${rssMb(d.pid).toFixed(0)} MB [< 600]; 20 reads each: /v1/status ${status}; /metrics ${metrics}; status listed ${count.models?.length ?? '?'} models`);
} finally {
  await stopDaemon();
  await refs.stopAll();
  rmSync(dir, { recursive: true, force: true });
}
