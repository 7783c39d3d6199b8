/**
 * Load with wrk (the Debian package): a C load generator that is not itself the bottleneck on 2 cores,
 * as autocannon (JavaScript, one thread) was. A Lua `done` hook prints the figures as one JSON line.
 *
 * Two kinds of latency figures. wrk 4.1's own percentiles are corrected for coordinated omission:
 * before reporting, its stats_correct() adds, for every latency n of at least twice the mean interval
 * between one connection's requests (e = run time / requests per connection, ~1 ms here), synthetic
 * samples at n − e, n − 2e, … down to e: the requests a constant-rate client would have sent while this
 * one waited. So one request held 80 ms by a fit counts as ~80, and a server that holds only the ~32
 * requests per fit that the lock contract makes wait (0.07–0.22% of them) shows a wrk p99 of 69–77 ms
 * (measured with a bare node:http server imitating exactly those waits, docs/benchmarks.md). The hook
 * prints wrk's histogram, bench/support/wrk-histogram.ts undoes the correction exactly, and the figures p50 …
 * max here are per request: what each request the load sent took. wrk's own are kept as `corrected`.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { correctionInterval, countAbove, percentile, total, uncorrected, type Histogram } from './wrk-histogram.ts';

export interface WrkResult {
  rps: number;
  requests: number;
  /** Per request, in ms (wrk's coordinated-omission correction undone). */
  p50: number;
  p99: number;
  p999: number;
  max: number;
  /** wrk's own percentiles, coordinated-omission corrected, in ms. */
  corrected: { p50: number; p99: number; p999: number };
  /** Requests (per request, as p50 … max) that took longer than `ms`. */
  slowerThan: (ms: number) => number;
  /** Answers other than 2xx/3xx, and socket errors. */
  bad: number;
}

export interface WrkOptions {
  connections: number;
  seconds: number;
  /** Where the Lua script is written. */
  dir: string;
  threads?: number;
  /** Every request asks for other interval levels, so no answer comes from the forecast cache. */
  uncached?: boolean;
  /** Every request is a POST of this JSON body. */
  post?: string;
  /**
   * Lua statements that build each request (they end in `return wrk.format(…)`); `n` counts this
   * thread's requests and `id` numbers the thread (1, 2, …).
   */
  request?: string;
}

function script(opts: WrkOptions): string {
  const request = opts.request ?? (opts.uncached
    ? `return wrk.format(nil, wrk.path .. string.format("&level=80.%d%04d,95.%04d", id, n % 10000, math.floor(n / 10000) % 10000))`
    : undefined);
  return `
${opts.post === undefined ? '' : `wrk.method = "POST"
wrk.body = ${JSON.stringify(opts.post)}
wrk.headers["Content-Type"] = "application/json"`}
local ids = 0
n = 0
id = 0
function setup(thread) ids = ids + 1; thread:set("id", ids) end
${request === undefined ? '' : `function request()
  n = n + 1
  ${request}
end`}
-- wrk's histogram as it reports it (corrected; bench/support/wrk-histogram.ts undoes that): each distinct
-- latency in µs with its count, ascending.
function histogram(latency)
  local out = {}
  for i = 1, #latency do
    local v, c = latency(i)
    out[i] = string.format('[%d,%d]', v, c)
  end
  return '[' .. table.concat(out, ',') .. ']'
end
function done(s, latency, requests)
  local e = s.errors
  io.write(string.format('{"requests":%d,"us":%d,"p50":%f,"p99":%f,"p999":%f,"bad":%d,"timeouts":%d,"histogram":%s}\\n',
    s.requests, s.duration, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, e.status + e.connect + e.read + e.write + e.timeout, e.timeout, histogram(latency)))
end
`;
}

let scripts = 0;

export async function wrk(url: string, opts: WrkOptions): Promise<WrkResult> {
  const file = join(opts.dir, `wrk-${scripts++}.lua`);
  writeFileSync(file, script(opts));
  const child = spawn('wrk', [`-t${opts.threads ?? 2}`, `-c${opts.connections}`, `-d${opts.seconds}s`, '--timeout', '10s', '-s', file, url], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  const [code] = await once(child, 'exit');
  const line = out.split('\n').find((l) => l.startsWith('{"requests"'));
  if (code !== 0 || !line) throw new Error(`wrk failed (${code}):\n${out}`);
  const r = JSON.parse(line) as { requests: number; us: number; p50: number; p99: number; p999: number; bad: number; timeouts: number; histogram: Histogram };
  const hist = uncorrected(r.histogram, correctionInterval(r.us, r.requests, opts.connections));
  // Every completed request is recorded once, but those past the timeout: the inversion must give that.
  if (total(hist) !== r.requests - r.timeouts || hist.some(([, c]) => c < 0)) {
    throw new Error(`wrk: undoing its latency correction gave ${total(hist)} requests, expected ${r.requests - r.timeouts}`);
  }
  return {
    rps: r.requests / (r.us / 1e6),
    requests: r.requests,
    p50: percentile(hist, 50) / 1000,
    p99: percentile(hist, 99) / 1000,
    p999: percentile(hist, 99.9) / 1000,
    max: (hist[hist.length - 1]?.[0] ?? 0) / 1000,
    corrected: { p50: r.p50, p99: r.p99, p999: r.p999 },
    slowerThan: (ms) => countAbove(hist, ms * 1000),
    bad: r.bad,
  };
}

export const fmtWrk = (r: WrkResult) =>
  `${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms   p99.9 ${r.p999.toFixed(2).padStart(6)} ms   max ${r.max.toFixed(1).padStart(6)} ms   bad ${r.bad}` +
  `   (wrk's corrected p99 ${r.corrected.p99.toFixed(2)} ms)`;
