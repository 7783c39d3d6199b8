export { WorkerPools, QueueFullError } from './pools.ts';
export type { PoolOptions, PoolStats } from './pools.ts';
export { loadKindsModule } from './kinds-module.ts';
export type { InferOutput, InferResult, InferTask, OnnxValidateResult, OnnxValidateTask } from './tasks.ts';
export type { BacktestResult, BacktestTask, FitTask, ForecastTask, FitResult, ForecastResult, TaskFailure } from './tasks.ts';
