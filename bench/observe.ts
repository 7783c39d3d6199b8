/**
 * bench:observe — durable single-point appends to 100 models over 32 connections, against a bare
 * node:http server taking the same POSTs in the same run; forecast latency measured at the same time
 * from a second client; then forecast latency at 32 connections while a fit of the model lands every
 * second.
 *
 *   flock /tmp/modelapi-bench.lock npm run bench:observe [-- --duration 10 --connections 32]
 */
import autocannon from 'autocannon';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BenchProcesses, fitEverySecond } from './processes.ts';

const { values: args } = parseArgs({
  options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '32' } },
});
const duration = Number(args.duration);
const connections = Number(args.connections);
const MODELS = 100;
const bench = new BenchProcesses();
const { dir } = bench;
const start = (cmd: string[], env?: Record<string, string>) => bench.start(cmd, env);
const stopAll = () => bench.stopAll();

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

// Each request appends one point to the next model in turn, so all 100 models take appends at once.
let seq = 0;
const appendRequest = (req: any) => {
  seq++;
  return { ...req, method: 'POST', path: `/v1/models/m${seq % MODELS}/observations`, headers: { 'content-type': 'application/json' }, body: `{"data":[${(100 + Math.sin(seq)).toFixed(4)}]}` };
};
let fseq = 0;
const forecastRequest = (req: any) => ({ ...req, path: `/v1/models/m${fseq++ % MODELS}/forecast?h=12` });

function load(url: string, conns: number, setupRequest: (req: any) => any, seconds = duration): Promise<autocannon.Result> {
  return autocannon({ url, connections: conns, duration: seconds, pipelining: 1, requests: [{ setupRequest }] });
}

const fmt = (r: autocannon.Result) =>
  `${r.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   non-2xx ${r.non2xx}   errors ${r.errors}`;

try {
  const daemon = await start(['bin/modelapi.mjs', 'serve', '--port', '0', '--db', join(dir, 'bench.db'), '--log-level', 'error']);
  const series = Array.from({ length: 500 }, (_, i) => 100 + 10 * Math.sin(i / 5) + ((i * 7919) % 17) / 4);
  for (let m = 0; m < MODELS; m++) {
    const r = await post(`${daemon}/v1/models/m${m}/fit`, { data: series, kind: 'arima', order: [1, 0, 1] });
    if (r.status !== 201) throw new Error(`fit m${m}: ${await r.text()}`);
  }
  const bare = await start(['bench/bare-server.mjs', '{"status":"success","data":{"model":"m0","version":1,"nObs":501,"added":1,"method":"update","ms":0.01,"timestamps":null}}']);
  console.log(`modelapi bench:observe — ${MODELS} arima(1,0,1) models, one point per POST, ${connections} connections, ${duration} s each`);
  await load(daemon, connections, appendRequest, 2); // warm-up
  await load(bare, connections, appendRequest, 2);

  const ref = await load(bare, connections, appendRequest);
  const [appends, forecasts] = await Promise.all([load(daemon, connections, appendRequest), load(daemon, 2, forecastRequest)]);
  console.log(`bare node:http (same POSTs)    ${fmt(ref)}`);
  console.log(`modelapi appends (durable)     ${fmt(appends)}`);
  console.log(`  forecasts meanwhile (2 conn) ${fmt(forecasts)}`);
  console.log(`ratio appends / bare: ${(appends.requests.average / ref.requests.average).toFixed(2)}; targets: ≥ 5000 appends/s, forecast p99 < 10 ms`);
  const status = (await (await fetch(`${daemon}/v1/models/m0/forecast?h=1`)).json()) as { data: { nObs: number } };
  console.log(`m0 now has nObs ${status.data.nObs} (500 fitted + its appends)`);

  // A fit of the model forecast lands every second while 32 connections forecast it.
  const fitter = fitEverySecond((i) => post(`${daemon}/v1/models/m0/fit`, { data: series.slice(0, 400 + (i % 100)), kind: 'arima', order: [1, 0, 1] }));
  const mixed = await load(daemon, connections, (req: any) => ({ ...req, path: '/v1/models/m0/forecast?h=12' }));
  const { fits, fitErrors } = await fitter.stop();
  console.log(`forecasts while a fit lands every 1 s (${connections} conn) ${fmt(mixed)}`);
  console.log(`  ${fits} fits (${fitErrors} failed); target forecast p99 < 10 ms`);
} finally {
  await stopAll();
}
