import { Gauge, Histogram, type Registry } from 'prom-client';
import type { ModelStore } from '../../store/index.ts';
import type { ServiceEventBus } from '../events.ts';
import type { ModelLocks } from '../models/model-locks.ts';
import type { Batcher } from './batcher.ts';

/** The inference metrics on the daemon's registry (the registry board the original system had). */
export function registerOnnxMetrics(
  registry: Registry,
  events: ServiceEventBus,
  deps: { store: ModelStore; locks: ModelLocks; batcher: Batcher; streamsOpen: () => number },
): void {
  const registers = [registry];
  const inferSeconds = new Histogram({
    name: 'modelapi_infer_seconds',
    help: 'Time from an infer being checked to its outputs, by model (batch wait included)',
    labelNames: ['model'] as const,
    buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 5, 30],
    registers,
  });
  const batchRows = new Histogram({
    name: 'modelapi_batch_rows',
    help: 'Rows per session.run (1 request alone, or several batched together)',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 1024, 10_000],
    registers,
  });
  events.onEvent('infer.finished', (e) => inferSeconds.labels(e.model).observe(e.ms / 1000));
  events.onEvent('infer.batched', (e) => batchRows.observe(e.rows));
  new Gauge({
    name: 'modelapi_model_queue_depth',
    help: "Requests waiting for a model's lock or for its batch to run",
    labelNames: ['model'] as const,
    registers,
    collect() {
      this.reset();
      for (const m of deps.store.listModels()) {
        const lock = deps.locks.counts(m.name);
        this.set({ model: m.name }, lock.readersWaiting + lock.writersWaiting + deps.batcher.waitingFor(m.name));
      }
    },
  });
  new Gauge({
    name: 'modelapi_streams_open',
    help: 'Open WebSocket inference streams',
    registers,
    collect() {
      this.set(deps.streamsOpen());
    },
  });
}
