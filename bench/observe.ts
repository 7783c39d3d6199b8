/**
 * bench:observe — durable single-point appends to 100 models over 32 connections, against a bare
 * node:http server taking the same POSTs in the same run; forecast latency measured at the same time
 * from a second client; then forecast latency at 32 connections while a fit of the model lands every
 * second. Load from wrk (bench/support/wrk.ts).
 *
 *   flock /tmp/modelapi-bench.lock npm run bench:observe [-- --duration 10 --connections 32]
 */
import { parseArgs } from 'node:util';
import { BenchProcesses, fitEverySecond, postJson } from './support/processes.ts';
import { fmtWrk, wrk } from './support/wrk.ts';
import { fmtSocket, onlyGets, withSocketLatency } from './support/socket-latency.ts';

const { values: args } = parseArgs({
  options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '32' } },
});
const duration = Number(args.duration);
const connections = Number(args.connections);
const MODELS = 100;
const bench = new BenchProcesses();
const { dir } = bench;

// Each request appends one point to the next model in turn (the two wrk threads interleave), so all
// 100 models take appends at once.
const append = `local m = (n * 2 + id) % ${MODELS}
  return wrk.format("POST", "/v1/models/m" .. m .. "/observations", {["Content-Type"] = "application/json"}, string.format('{"data":[%.4f]}', 100 + math.sin(n)))`;
const forecast = `return wrk.format("GET", "/v1/models/m" .. (n % ${MODELS}) .. "/forecast?h=12")`;
const appends = (url: string, seconds = duration) => wrk(url, { connections, seconds, dir, request: append });

try {
  const { url: daemon } = await bench.daemon('bench.db');
  const series = Array.from({ length: 500 }, (_, i) => 100 + 10 * Math.sin(i / 5) + ((i * 7919) % 17) / 4);
  for (let m = 0; m < MODELS; m++) {
    const r = await postJson(`${daemon}/v1/models/m${m}/fit`, { data: series, kind: 'arima', order: [1, 0, 1] });
    if (r.status !== 201) throw new Error(`fit m${m}: ${await r.text()}`);
  }
  const bare = await bench.bare('{"status":"success","data":{"model":"m0","version":1,"nObs":501,"added":1,"method":"update","ms":0.01,"timestamps":null}}');
  console.log(`modelapi bench:observe (wrk) — ${MODELS} arima(1,0,1) models, one point per POST, ${connections} connections, ${duration} s each`);
  await appends(daemon, 2); // warm-up
  await appends(bare, 2);

  const ref = await appends(bare);
  const [[ours, forecasts], forecastSocket] = await withSocketLatency(daemon, dir, () =>
    Promise.all([appends(daemon), wrk(daemon, { connections: 2, threads: 1, seconds: duration, dir, request: forecast })]), onlyGets);
  console.log(`bare node:http (same POSTs)    ${fmtWrk(ref)}`);
  console.log(`modelapi appends (durable)     ${fmtWrk(ours)}`);
  console.log(`  forecasts meanwhile (2 conn) ${fmtWrk(forecasts)}`);
  console.log(`    ${fmtSocket(forecastSocket)}`);
  console.log(`ratio appends / bare: ${(ours.rps / ref.rps).toFixed(2)}; targets: ≥ 5000 appends/s, forecast p99 < 10 ms`);
  const status = (await (await fetch(`${daemon}/v1/models/m0/forecast?h=1`)).json()) as { data: { nObs: number } };
  console.log(`m0 now has nObs ${status.data.nObs} (500 fitted + its appends)`);

  // A fit of the model forecast lands every second while 32 connections forecast it.
  const fitter = fitEverySecond((i) => postJson(`${daemon}/v1/models/m0/fit`, { data: series.slice(0, 400 + (i % 100)), kind: 'arima', order: [1, 0, 1] }));
  const [mixed, mixedSocket] = await withSocketLatency(daemon, dir, () => wrk(`${daemon}/v1/models/m0/forecast?h=12`, { connections, seconds: duration, dir }), onlyGets);
  const { fits, fitErrors } = await fitter.stop();
  console.log(`forecasts while a fit lands every 1 s (${connections} conn) ${fmtWrk(mixed)}`);
  console.log(`  ${fmtSocket(mixedSocket)}`);
  console.log(`  ${fits} fits (${fitErrors} failed); target forecast p99 < 10 ms`);
} finally {
  await bench.stopAll();
}
