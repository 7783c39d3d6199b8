/**
 * The monthly series bench:scale fits, made reproducibly from the fixtures' monthly series (seeded
 * PRNG): a random segment of 60–144 months of one of them, times a random scale (0.1–100), plus
 * Gaussian noise of 2–10% of the segment's standard deviation. Shared with bench/fit-cost.ts, which
 * times the engine alone on the same series.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

export function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeSeries(n: number, seed = 20261201): { model: string; data: number[] }[] {
  const rand = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const bases = ['datasets__AirPassengers', 'datasets__USAccDeaths', 'datasets__nottem', 'forecast__wineind', 'datasets__co2'].map((f) => {
    const d = JSON.parse(readFileSync(join(root, 'fixtures/forecast-dev', `${f}.json`), 'utf8'));
    return [...d.train, ...d.test] as number[];
  });
  return Array.from({ length: n }, (_, i) => {
    const base = bases[Math.floor(rand() * bases.length)]!;
    const len = Math.min(base.length, 60 + Math.floor(rand() * 85));
    const start = Math.floor(rand() * (base.length - len + 1));
    const seg = base.slice(start, start + len);
    const mean = seg.reduce((a, b) => a + b, 0) / len;
    const sd = Math.sqrt(seg.reduce((a, b) => a + (b - mean) ** 2, 0) / len);
    const scale = 10 ** (-1 + 3 * rand());
    const noise = (0.02 + 0.08 * rand()) * sd;
    return { model: `s${String(i).padStart(6, '0')}`, data: seg.map((v) => Math.round((v + noise * gauss()) * scale * 1000) / 1000) };
  });
}
