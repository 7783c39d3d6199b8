import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { WorkerPools } from '../../pool/index.ts';
import type { ServiceEventBus } from '../events.ts';
import type { ModelService } from '../models/model-service.ts';

/** Prometheus metrics (GET /metrics); one registry per daemon, names per Prometheus conventions. */
export class Metrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'modelapi_http_requests_total',
    help: 'HTTP requests answered, by route, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });
  readonly requestDuration = new Histogram({
    name: 'modelapi_http_request_duration_seconds',
    help: 'HTTP request duration, by route, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  constructor(service: ModelService, pools: WorkerPools, events: ServiceEventBus, store: { readonly walSyncs: number }) {
    const r = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    const fitDuration = new Histogram({
      name: 'modelapi_fit_duration_seconds',
      help: 'Time a fit spent in its worker, by kind',
      labelNames: ['kind'] as const,
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: r,
    });
    const fitFailures = new Counter({
      name: 'modelapi_fit_failures_total',
      help: 'Fits that ended without a version, by kind and error code',
      labelNames: ['kind', 'code'] as const,
      registers: r,
    });
    const lockWait = new Histogram({
      name: 'modelapi_forecast_lock_wait_seconds',
      help: "Time forecasts waited for their model's lock (for a fit in progress)",
      buckets: [0.0001, 0.001, 0.01, 0.1, 0.5, 1, 5, 10, 30, 60],
      registers: r,
    });
    events.onEvent('fit.finished', (e) => {
      if (!e.reused) fitDuration.labels(e.kind).observe(e.ms / 1000);
    });
    events.onEvent('fit.failed', (e) => fitFailures.labels(e.kind, e.code).inc());
    events.onEvent('forecast.locked', (e) => lockWait.observe(e.ms / 1000));

    const poolGauge = (name: string, help: string, pick: (s: ReturnType<WorkerPools['stats']>['fit']) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['pool'] as const,
        registers: r,
        collect() {
          const stats = pools.stats();
          this.set({ pool: 'fit' }, pick(stats.fit));
          this.set({ pool: 'forecast' }, pick(stats.forecast));
          this.set({ pool: 'bulk' }, pick(stats.bulk));
        },
      });
    poolGauge('modelapi_pool_queue_depth', 'Tasks waiting for a worker thread', (s) => s.queued);
    poolGauge('modelapi_pool_busy_threads', 'Worker threads running a task', (s) => s.busy);
    poolGauge('modelapi_pool_threads', 'Worker threads in the pool', (s) => s.threads);
    new Gauge({
      name: 'modelapi_models',
      help: 'Models with a ready version, by kind (forecast or onnx)',
      labelNames: ['kind'] as const,
      registers: r,
      collect() {
        const ready = service.countReadyModels();
        this.set({ kind: 'forecast' }, ready.forecast);
        this.set({ kind: 'onnx' }, ready.onnx);
      },
    });
    let syncsSeen = 0;
    new Counter({
      name: 'modelapi_store_fsyncs_total',
      help: 'fsyncs of the database WAL that made acknowledged writes durable (one serves every answer waiting at once)',
      registers: r,
      collect() {
        const syncs = store.walSyncs;
        this.inc(syncs - syncsSeen);
        syncsSeen = syncs;
      },
    });
    // No per-model series: a label per model grows without bound (100,000 models, 100,000 series).
    // Per-model figures are in /v1/models and /v1/status.
  }

  observeRequest(route: string, method: string, status: number, seconds: number): void {
    const labels = { route, method, status: String(status) };
    this.requests.inc(labels);
    this.requestDuration.observe(labels, seconds);
  }
}
