/**
 * bench:serve — forecast throughput of the real daemon against a bare node:http server that answers
 * the same body (h = 500, ~46 KB), measured in the same run with the same wrk settings; then every
 * request computed (no cache), and a mixed run where a fit of the same model lands every second.
 *
 *   npm run bench:serve [-- --duration 10 --connections 32]     (wrap in flock /tmp/modelapi-bench.lock)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { fmtWrk, wrk } from './wrk.ts';

const { values: args } = parseArgs({
  options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '32' } },
});
const duration = Number(args.duration);
const connections = Number(args.connections);
const root = new URL('../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'modelapi-bench-'));
const children: ChildProcess[] = [];

async function start(cmd: string[], env: Record<string, string> = {}): Promise<string> {
  const child = spawn(process.execPath, cmd, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  children.push(child);
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return /(http:\/\/\S+)/.exec(line)![1]!;
}

async function stopAll(): Promise<void> {
  await Promise.all(children.map(async (c) => { if (c.exitCode === null) { c.kill('SIGTERM'); await once(c, 'exit'); } }));
  rmSync(dir, { recursive: true, force: true });
}

const load = (url: string, seconds = duration, uncached = false) => wrk(url, { connections, seconds, dir, uncached });

try {
  const melbourne = JSON.parse(readFileSync(join(root, 'fixtures/melbourne_min_temp.json'), 'utf8')) as { data: number[] };
  const daemon = await start(['bin/modelapi.mjs', 'serve', '--port', '0', '--db', join(dir, 'bench.db'), '--log-level', 'error']);
  const fitRes = await fetch(`${daemon}/v1/models/default/fit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(melbourne) });
  if (!fitRes.ok) throw new Error(`fit failed: ${await fitRes.text()}`);
  const path = '/v1/models/default/forecast?h=500';
  const body = await (await fetch(daemon + path)).text();
  writeFileSync(join(dir, 'body.json'), body);
  const bare = await start(['bench/bare-server.mjs', body]);

  console.log(`modelapi bench:serve (wrk) — GET ${path} (${body.length} bytes), ${connections} connections, ${duration} s each`);
  await load(daemon + path, 2); // warm-up: JIT, worker caches
  await load(bare + path, 2);
  const ours = await load(daemon + path);
  const ref = await load(bare + path);
  console.log(`bare node:http  ${fmtWrk(ref)}`);
  console.log(`modelapi        ${fmtWrk(ours)}`);
  console.log(`ratio modelapi / bare: ${(ours.rps / ref.rps).toFixed(2)} (target ≥ 0.80)`);
  const cold = await load(daemon + path, duration, true);
  console.log(`modelapi, every request computed (no cache) ${fmtWrk(cold)}`);
  console.log(`ratio uncached modelapi / bare: ${(cold.rps / ref.rps).toFixed(2)}`);

  // Mixed: a new version of the same model every second while forecasts run; every forecast must succeed.
  let fits = 0;
  let fitErrors = 0;
  let stop = false;
  const fitter = (async () => {
    while (!stop) {
      const next = Date.now() + 1000;
      const data = melbourne.data.slice(0, 3000 + (fits % 600));
      const r = await fetch(`${daemon}/v1/models/default/fit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data }) });
      if (r.status !== 201) fitErrors++;
      fits++;
      await new Promise((res) => setTimeout(res, Math.max(0, next - Date.now())));
    }
  })();
  const mixed = await load(daemon + path);
  stop = true;
  await fitter;
  console.log(`mixed (fit every 1 s) ${fmtWrk(mixed)}`);
  console.log(`mixed: ${fits} fits (${fitErrors} failed), forecast errors ${mixed.bad} (must be 0)`);
} finally {
  await stopAll();
}
