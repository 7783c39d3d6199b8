/**
 * Load with wrk (the Debian package): a C load generator that is not itself the bottleneck on 2 cores,
 * as autocannon (JavaScript, one thread) was. A Lua `done` hook prints the figures as one JSON line.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WrkResult {
  rps: number;
  requests: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
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
function done(s, latency, requests)
  local e = s.errors
  io.write(string.format('{"requests":%d,"us":%d,"p50":%f,"p99":%f,"p999":%f,"max":%f,"bad":%d}\\n',
    s.requests, s.duration, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000, e.status + e.connect + e.read + e.write + e.timeout))
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
  const r = JSON.parse(line) as { requests: number; us: number; p50: number; p99: number; p999: number; max: number; bad: number };
  return { rps: r.requests / (r.us / 1e6), requests: r.requests, p50: r.p50, p99: r.p99, p999: r.p999, max: r.max, bad: r.bad };
}

export const fmtWrk = (r: WrkResult) =>
  `${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms   p99.9 ${r.p999.toFixed(2).padStart(6)} ms   max ${r.max.toFixed(1).padStart(6)} ms   bad ${r.bad}`;
