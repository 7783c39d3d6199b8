import { EventEmitter } from 'node:events';

/** What the service reports as it works; the log, and later the dashboard stream, listen. */
export interface ServiceEvents {
  /** `ahead`: fits of this model running or queued before this one. `requestId`: the HTTP request's id. */
  'fit.queued': { model: string; kind: string; ahead: number; requestId?: string };
  'fit.started': { model: string; version: number; kind: string; requestId?: string };
  'fit.finished': { model: string; version: number; kind: string; ms: number; reused: boolean; requestId?: string };
  'fit.failed': { model: string; version: number | null; kind: string; code: string; reason: string; requestId?: string };
  'version.published': { model: string; version: number; kind: string };
  'model.deleted': { model: string };
  /** An append, durable: `method` says whether the state was updated or (kinds without update) refitted. */
  'observations.appended': { model: string; version: number; nObs: number; added: number; method: 'update' | 'refit'; requestId?: string };
  /** A forecast that found a fit running or queued on its model, and how long it waited for it. */
  'forecast.waited': { model: string; version: number; ms: number };
  /** One session.run of an ONNX model: `requests` infers whose `rows` were batched together (1: alone). */
  'infer.batched': { model: string; version: number; rows: number; requests: number };
  /** An infer answered (ok or not), for the metrics histogram; too frequent for the event stream. */
  'infer.finished': { model: string; ms: number; ok: boolean };
  /** Every forecast's lock wait, for the metrics histogram; too frequent for the event stream. */
  'forecast.locked': { model: string; ms: number };
  /** Jobs (src/daemon/jobs): work that outlives its request. */
  'job.queued': { id: string; type: string; model: string | null };
  'job.started': { id: string; type: string; model: string | null };
  'job.progress': { id: string; type: string; model: string | null; progress: Record<string, unknown> };
  'job.finished': { id: string; type: string; model: string | null; state: 'succeeded' | 'failed'; code?: string };
}

/** The events the live stream (/v1/events) forwards to clients. */
export const STREAMED_EVENTS = ['fit.queued', 'fit.started', 'fit.finished', 'fit.failed', 'version.published', 'model.deleted', 'forecast.waited',
  'job.queued', 'job.started', 'job.progress', 'job.finished'] as const;

export type ServiceEventName = keyof ServiceEvents;

export class ServiceEventBus extends EventEmitter {
  emitEvent<K extends ServiceEventName>(name: K, payload: ServiceEvents[K]): void {
    this.emit(name, payload);
  }
  onEvent<K extends ServiceEventName>(name: K, listener: (payload: ServiceEvents[K]) => void): this {
    return this.on(name, listener);
  }
}
