/**
 * bench:soak — the daemon under steady load for minutes: forecasts at 32 connections as fast as wrk can
 * send them, a fit every second spread over 5 models, and an SSE client reading /v1/events. Prints the
 * daemon's RSS over time (it must stay flat) and the forecasts' latency percentiles.
 *
 *   npm run bench:soak [-- --minutes 10 --connections 32]     (wrap in flock /tmp/modelapi-bench.lock)
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { request } from 'undici';
import { fmtWrk, wrk } from './wrk.ts';

const { values: args } = parseArgs({
  options: { minutes: { type: 'string', default: '10' }, connections: { type: 'string', default: '32' } },
});
const seconds = Math.round(Number(args.minutes) * 60);
const connections = Number(args.connections);
const root = new URL('../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'modelapi-soak-'));

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

const daemon = spawn(process.execPath, ['bin/modelapi.mjs', 'serve', '--port', '0', '--db', join(dir, 'soak.db'), '--log-level', 'error'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const [line] = (await once(createInterface({ input: daemon.stdout! }), 'line')) as [string];
  const url = /(http:\/\/\S+)/.exec(line)![1]!;
  const series = (JSON.parse(readFileSync(join(root, 'fixtures/melbourne_min_temp.json'), 'utf8')) as { data: number[] }).data.slice(0, 1500);
  const fitModel = async (name: string, n: number) => {
    const res = await request(`${url}/v1/models/${name}/fit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: series.slice(0, 1000 + (n % 500)), kind: 'ets' }),
    });
    await res.body.text();
    return res.statusCode;
  };
  const models = ['s0', 's1', 's2', 's3', 's4'];
  for (const m of models) await fitModel(m, 0);

  // An SSE client, read and discarded, like a dashboard left open.
  const sse = new AbortController();
  const events = await request(`${url}/v1/events`, { signal: sse.signal });
  const draining = (async () => {
    try {
      for await (const _ of events.body);
    } catch {}
  })();

  let fits = 0;
  let fitErrors = 0;
  let stop = false;
  const fitter = (async () => {
    while (!stop) {
      const next = Date.now() + 1000;
      if ((await fitModel(models[fits % models.length]!, fits)) !== 201) fitErrors++;
      fits++;
      await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
    }
  })();
  const rss: string[] = [];
  const sampler = setInterval(() => rss.push(`${Math.round(process.uptime())}s ${rssMb(daemon.pid!).toFixed(0)} MB`), 10_000);
  rss.push(`start ${rssMb(daemon.pid!).toFixed(0)} MB`);

  console.log(`modelapi bench:soak (wrk) — ${seconds} s, ${connections} connections, GET /v1/models/s0/forecast?h=500, a fit every 1 s over 5 models, 1 SSE client`);
  const load = await wrk(`${url}/v1/models/s0/forecast?h=500`, { connections, seconds, dir });
  stop = true;
  clearInterval(sampler);
  await fitter;
  rss.push(`end ${rssMb(daemon.pid!).toFixed(0)} MB`);
  sse.abort();
  await draining;
  console.log(`forecasts  ${fmtWrk(load)}`);
  console.log(`fits       ${fits} (${fitErrors} not 201)`);
  console.log(`daemon RSS ${rss.join(' · ')}`);
} finally {
  if (daemon.exitCode === null) {
    daemon.kill('SIGTERM');
    await once(daemon, 'exit');
  }
  rmSync(dir, { recursive: true, force: true });
}
