import { Gauge, Histogram, type Registry } from 'prom-client';
import type { ServiceEventBus } from '../events.ts';
import { onnxStatus } from './onnx-status.ts';
import type { OnnxDeps } from './plugin.ts';

/** The inference metrics on the daemon's registry (the registry board the original system had). */
export function registerOnnxMetrics(
  registry: Registry,
  events: ServiceEventBus,
  deps: OnnxDeps,
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
      for (const [model, n] of Object.entries(onnxStatus(deps).queueDepth)) this.set({ model }, n);
    },
  });
  new Gauge({
    name: 'modelapi_streams_open',
    help: 'Open WebSocket inference streams',
    registers,
    collect() {
      this.set(deps.streams.open);
    },
  });
}
