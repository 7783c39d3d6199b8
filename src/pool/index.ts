export { WorkerPools, QueueFullError } from './pools.ts';
export type { PoolOptions, PoolStats } from './pools.ts';
export { loadKindsModule } from './kinds-module.ts';
export { workerBundleUrl } from './worker-bundle.ts';
export type { InferOutput, InferResult, InferTask, OnnxValidateResult, OnnxValidateTask } from './tasks.ts';
export type { BacktestResult, BacktestTask, FitTask, ForecastTask, FitResult, ForecastResult, TaskFailure } from './tasks.ts';
export { ModelCache } from './model-cache.ts';
export { KeysByModel } from './keys-by-model.ts';
export { advance, catchUp, loadState, type FittedState } from './fitted-state.ts';
