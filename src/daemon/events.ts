import { EventEmitter } from 'node:events';

/** What the service reports as it works; the log, and later the dashboard stream, listen. */
export interface ServiceEvents {
  'fit.queued': { model: string; kind: string };
  'fit.started': { model: string; version: number; kind: string };
  'fit.finished': { model: string; version: number; kind: string; ms: number; reused: boolean };
  'fit.failed': { model: string; version: number | null; kind: string; code: string; reason: string };
  'version.published': { model: string; version: number; kind: string };
  'forecast.waited': { model: string; version: number; ms: number };
}

export type ServiceEventName = keyof ServiceEvents;

export class ServiceEventBus extends EventEmitter {
  emitEvent<K extends ServiceEventName>(name: K, payload: ServiceEvents[K]): void {
    this.emit(name, payload);
  }
  onEvent<K extends ServiceEventName>(name: K, listener: (payload: ServiceEvents[K]) => void): this {
    return this.on(name, listener);
  }
}
