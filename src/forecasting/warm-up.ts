/**
 * A fresh thread's first long-season fit costs V8 compiling the engine's hot loops (STL's loess, ETS's
 * filter, the ARIMA likelihood and least squares): on n = 60,000 with periods 48 and 336, 0.4–0.8 s
 * against 0.2–0.4 s for the same fit again. V8 compiles a function once it has run enough, whatever the
 * data's length, so fitting the same kinds on short series first gets most of that compilation done for a
 * fraction of the cost. Code compiled with the feedback of some branches only is thrown away when another
 * runs, so the last step runs the ARIMA kernels at the orders short fits do not reach
 * (arima/prime-kernels.ts). A daemon's fit threads run the steps after start-up, one small task at a
 * time, so a real fit that arrives waits for one step at most.
 */
import { primeArimaKernels } from './arima/prime-kernels.ts';
import { getKind } from './registry.ts';

/**
 * Small seasonal series with an AR(1) wiggle: the code paths of long-season and monthly fits, on little
 * data. With no periods, a stationary AR(1) series around 10 (the ARIMA kernels' priming).
 */
function exerciseSeries(n: number, periods: readonly number[], seed: number): Float64Array {
  let s = seed >>> 0;
  const noise = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) - 0.5;
  let ar = 0;
  return Float64Array.from({ length: n }, (_, i) => {
    ar = 0.6 * ar + noise();
    return 10 + periods.reduce((sum, p, k) => sum + (k + 1) * Math.sin((2 * Math.PI * i) / p), 0) + ar;
  });
}

const FITS: { kind: string; options: Record<string, unknown>; n: number; periods: number[] }[] = [
  { kind: 'auto', options: { period: 12 }, n: 120, periods: [12] },
  { kind: 'mstl', options: { period: [7, 30] }, n: 400, periods: [7, 30] },
  { kind: 'mstl', options: { period: [7, 30], method: 'arima' }, n: 400, periods: [7, 30] },
  { kind: 'mstl', options: { period: [12] }, n: 200, periods: [12] },
  { kind: 'mstl', options: { period: [12], method: 'arima' }, n: 200, periods: [12] },
];

/** Each step answers what it did: the model a fit chose, or the kernels it ran. */
const STEPS: (() => string)[] = [
  ...FITS.map((e, i) => () => {
    const kind = getKind(e.kind);
    const model = kind.fit(exerciseSeries(e.n, e.periods, i + 1), kind.parseSpec(e.options), {});
    kind.forecast(model, 2 * Math.max(...e.periods), [80, 95]);
    return `${e.kind}: ${model.metrics.model}`;
  }),
  // Last, so the fits above have compiled the kernels once; this adds the orders they did not run.
  () => {
    const { orders, finite } = primeArimaKernels(exerciseSeries(300, [], FITS.length + 1));
    return `arima kernels: ${finite} of ${orders} orders finite`;
  },
];

/** How many steps the warm-up has (the worker protocol itself ends on null: the main thread never loads the engine). */
export const WARM_UP_STEPS = STEPS.length;

/**
 * Runs step `step` of the warm-up (from 0; each is one small fit and forecast, or the ARIMA kernels'
 * priming, 20–200 ms on a cold thread) and answers what it did, for tests to see what was exercised;
 * null past the last step.
 */
export function exerciseEngine(step: number): string | null {
  const run = STEPS[step];
  return run ? run() : null;
}
