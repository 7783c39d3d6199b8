import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { STREAMED_EVENTS, type ServiceEventBus } from '../events.ts';
import type { StatusReporter } from './status.ts';

/** A client further behind than this is disconnected rather than buffered for without bound. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events for /v1/events: the service's events as they happen, and a `stats` event every
 * second with the status snapshot (computed once per second for all clients, only while any listen).
 */
export class EventStream {
  private readonly clients = new Set<ServerResponse>();
  private statsTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private nextId = 1;

  constructor(
    events: ServiceEventBus,
    private readonly status: StatusReporter,
    private readonly statsIntervalMs = 1000,
  ) {
    for (const name of STREAMED_EVENTS) events.onEvent(name, (payload) => this.broadcast(name, withRequestTag(payload)));
  }

  get size(): number {
    return this.clients.size;
  }

  add(res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 1000\n\n');
    this.clients.add(res);
    res.on('close', () => this.remove(res));
    this.send(res, 'stats', this.status.snapshot());
    this.statsTimer ??= setInterval(() => this.broadcast('stats', this.status.snapshot()), this.statsIntervalMs);
    this.heartbeatTimer ??= setInterval(() => this.broadcastRaw(': keep-alive\n\n'), HEARTBEAT_MS);
  }

  private remove(res: ServerResponse): void {
    this.clients.delete(res);
    if (this.clients.size === 0) this.stopTimers();
  }

  private stopTimers(): void {
    clearInterval(this.statsTimer);
    clearInterval(this.heartbeatTimer);
    this.statsTimer = undefined;
    this.heartbeatTimer = undefined;
  }

  private send(res: ServerResponse, event: string, data: unknown): void {
    this.write(res, `id: ${this.nextId++}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  private write(res: ServerResponse, text: string): void {
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      res.destroy();
      this.remove(res);
      return;
    }
    res.write(text);
  }

  private broadcast(event: string, data: unknown): void {
    if (this.clients.size === 0) return;
    this.broadcastRaw(`id: ${this.nextId++}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  private broadcastRaw(text: string): void {
    for (const res of this.clients) this.write(res, text);
  }

  /** Ends every stream (shutdown): open streams would otherwise keep the server from closing. */
  close(): void {
    for (const res of this.clients) res.end();
    this.clients.clear();
    this.stopTimers();
  }
}

/**
 * Every client reads the same stream, so a request id (which a client may reuse as a secret, and which
 * the log records) is never broadcast: events carry its tag, the first 16 hex digits of its SHA-256.
 * The client that sent the id computes the same tag to recognise its own fit.
 */
function withRequestTag(payload: object): object {
  const { requestId, ...rest } = payload as { requestId?: string };
  if (requestId === undefined) return payload;
  return { ...rest, requestTag: createHash('sha256').update(requestId).digest('hex').slice(0, 16) };
}
