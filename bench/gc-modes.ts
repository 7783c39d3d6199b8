/**
 * bench:gc — the daemon's main-thread scavenges under the cached forecast load, run after run, under
 * each set of node flags given. Some daemons, started the same way, settle in a mode where every
 * scavenge of the main isolate keeps ~3.5 MB of request garbage alive (promoted, then freed by the next
 * mark-compact) and pauses 10–20 ms instead of ~0.5 ms; wrk's p99 then triples (docs/benchmarks.md,
 * "2026-12-05: two scavenge modes"). Which mode a run lands in is not known in advance, so this starts a
 * fresh daemon per run and reports each run's mode beside its latency, alternating the flag sets so
 * that both see the same machine. The cause was V8's allocation-site pretenuring, which `modelapi serve`
 * now turns off (src/cli/commands/serve.ts); this stays as the check that no daemon is in that mode.
 *
 *   npm run bench:gc [-- --runs 6 --duration 6 --flags= --flags=--max-semi-space-size=1]
 *   (wrap in flock /tmp/modelapi-bench.lock)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BenchProcesses, postJson } from './support/processes.ts';
import { wrk } from './support/wrk.ts';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '6' },
    duration: { type: 'string', default: '6' },
    connections: { type: 'string', default: '32' },
    flags: { type: 'string', multiple: true },
  },
});
const flagSets = (args.flags ?? ['', '--max-semi-space-size=1']).map((f) => f.split(/\s+/).filter(Boolean));
/** A run whose median scavenge pause is above this is in the slow mode (the two modes' medians: 0.5–0.7 ms against 10–20 ms). */
const SLOW_MODE_MS = 5;

const bench = new BenchProcesses();
const melbourne = JSON.parse(readFileSync(join(bench.root, 'fixtures/melbourne_min_temp.json'), 'utf8')) as { data: number[] };
const path = '/v1/models/default/forecast?h=500';

interface Run { rps: number; p99: number; scavenges: number; pauseP50: number; pauseMax: number; gcMs: number }

async function run(nodeFlags: string[], i: number): Promise<Run> {
  const started = await bench.daemon(`gc-${i}.db`, [], ['--trace-gc', ...nodeFlags]);
  const pauses: number[] = [];
  let counting = false;
  started.lines.on('line', (line) => {
    const m = /Scavenge.* MB, ([\d.]+) \//.exec(line);
    if (m && counting) pauses.push(Number(m[1]));
  });
  const fit = await postJson(`${started.url}/v1/models/default/fit`, { data: melbourne.data, kind: 'ets', period: 7 });
  if (!fit.ok) throw new Error(`fit failed: ${await fit.text()}`);
  await (await fetch(started.url + path)).text();
  const load = (seconds: number) => wrk(started.url + path, { connections: Number(args.connections), seconds, dir: bench.dir });
  await load(2); // JIT warm-up
  counting = true;
  const r = await load(Number(args.duration));
  counting = false;
  await bench.stop(started.child);
  pauses.sort((a, b) => a - b);
  return {
    rps: r.rps, p99: r.p99, scavenges: pauses.length, pauseP50: pauses[pauses.length >> 1] ?? 0,
    pauseMax: pauses.at(-1) ?? 0, gcMs: pauses.reduce((a, b) => a + b, 0),
  };
}

const fmt = (r: Run) =>
  `${r.rps.toFixed(0).padStart(6)} req/s   p99 ${r.p99.toFixed(2).padStart(6)} ms   scavenges ${String(r.scavenges).padStart(5)}` +
  `   pause p50 ${r.pauseP50.toFixed(2).padStart(5)} ms   max ${r.pauseMax.toFixed(1).padStart(5)} ms   GC ${r.gcMs.toFixed(0).padStart(4)} ms` +
  `${r.pauseP50 > SLOW_MODE_MS ? '   slow mode' : ''}`;

try {
  console.log(`modelapi bench:gc — GET ${path}, ${args.connections} connections, ${args.duration} s a run, a fresh daemon per run`);
  const results = flagSets.map(() => [] as Run[]);
  for (let i = 0; i < Number(args.runs); i++) {
    for (const [k, flags] of flagSets.entries()) {
      const r = await run(flags, i * flagSets.length + k);
      results[k]!.push(r);
      console.log(`run ${i + 1} ${(flags.join(' ') || '(default flags)').padEnd(26)} ${fmt(r)}`);
    }
  }
  for (const [k, flags] of flagSets.entries()) {
    const rs = results[k]!;
    const p99s = rs.map((r) => r.p99).sort((a, b) => a - b);
    console.log(`${(flags.join(' ') || '(default flags)').padEnd(26)} slow mode in ${rs.filter((r) => r.pauseP50 > SLOW_MODE_MS).length} of ${rs.length} runs; ` +
      `p99 ${p99s[0]!.toFixed(2)}–${p99s.at(-1)!.toFixed(2)} ms; runs with p99 ≤ 5 ms: ${p99s.filter((p) => p <= 5).length}`);
  }
} finally {
  await bench.stopAll();
}
