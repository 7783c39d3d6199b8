import { BroadcastChannel, workerData } from 'node:worker_threads';
import { backtest, exerciseEngine, getKind } from '../forecasting/index.ts';
import { readStore } from './read-store.ts';
import { onnxOps } from './onnx-ops.ts';
import { EVICT_CHANNEL, ModelCache } from './model-cache.ts';
import { catchUp, loadState, type FittedState } from './fitted-state.ts';
import { firstNonFinite } from './finite.ts';
import { failure, forecastAnswer, notFinite } from './forecast-answer.ts';
import { loadKindsModule } from './kinds-module.ts';
import { lowerThreadPriority } from './thread-priority.ts';
import type {
  BacktestResult, BacktestTask, FitResult, FitTask, ForecastResult, ForecastTask, InferResult, OnnxValidateResult, Task,
  WorkerConfig,
} from './tasks.ts';

const config = workerData as WorkerConfig;
lowerThreadPriority(config.nice ?? 0);
await loadKindsModule(config.kindsModule);

// The latest state loaded per version; appends only move a version forward, so a later request
// catches the cached state up with the new chunks instead of reloading the version.
const cache = new ModelCache<FittedState>(config.cacheSize, config.cacheBytes);

/** What a cached state weighs: its series' bytes plus the parameters' JSON text (two bytes a character in V8). */
const stateBytes = (s: FittedState) => s.series.byteLength + 2 * s.paramsLength;

const onnx = onnxOps(config);


// The daemon announces deleted models here, so their entries do not wait for the LRU to push them out.
const evictions = new BroadcastChannel(EVICT_CHANNEL);
evictions.unref();
evictions.onmessage = (event) => cache.deleteModel(((event as { data: { model: string } }).data).model);


function fit(task: FitTask): FitResult {
  const started = performance.now();
  try {
    const kind = getKind(task.kind);
    const spec = kind.parseSpec(task.spec);
    const fitted = kind.fit(task.series, spec, {});
    const bad = firstNonFinite(fitted.params, 'params') ?? firstNonFinite(fitted.metrics, 'metrics');
    if (bad) return notFinite(bad, `the ${task.kind} fit produced a value that is not finite at ${bad} (the data's scale may overflow float64: rescale it)`);
    return { ok: true, params: fitted.params, metrics: fitted.metrics, fitMs: performance.now() - started };
  } catch (err) {
    return failure(err);
  }
}

function loadModel(model: string, version: number, nObs: number): FittedState {
  const key = `${model}@${version}`;
  const store = readStore(config.dbPath);
  const hit = cache.get(key);
  // A request for an older state than the cached one (it chose its version before a later append) is
  // rebuilt from the store and not cached: the cache keeps the newest.
  if (hit && hit.nObs > nObs) return loadState(store, model, version, nObs);
  const state = hit ? catchUp(store, hit, nObs) : loadState(store, model, version, nObs);
  // An unchanged hit keeps its place and size; only a new or caught-up state is (re)measured.
  if (state !== hit) cache.set(key, state, stateBytes(state));
  if (!hit) cache.deleteOlderVersions(model, version);
  return state;
}

function forecast(task: ForecastTask): ForecastResult {
  try {
    return forecastAnswer(loadModel(task.model, task.version, task.nObs), task);
  } catch (err) {
    return failure(err);
  }
}

function runBacktest(task: BacktestTask): BacktestResult {
  try {
    return { ok: true, results: backtest(task.series, task.plan, task.candidates) };
  } catch (err) {
    return failure(err);
  }
}

/** The engine's warm-up is an optimisation: should it ever fail, the thread still serves. */
function exercise(step: number): string | null {
  try {
    return exerciseEngine(step);
  } catch {
    // A user's fit of that kind would then fail too, and answer its error to that user.
    return 'failed';
  }
}

export default function run(task: Task): FitResult | ForecastResult | BacktestResult | Promise<OnnxValidateResult | InferResult> | string | null {
  switch (task.op) {
    case 'warm-up':
      return task.exercise === undefined ? 'ready' : exercise(task.exercise);
    case 'fit':
      return fit(task);
    case 'forecast':
      return forecast(task);
    case 'backtest':
      return runBacktest(task);
    case 'onnx-validate':
      return onnx.validate(task);
    case 'infer':
      return onnx.infer(task);
  }
}
