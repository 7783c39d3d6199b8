import { authHeaders } from '../url.ts';
import { request } from 'undici';
import { SseParser, type SseEvent } from './sse-parser.ts';

/** Reconnection delay after `attempt` failures in a row (0-based): quick at first, capped. */
export function backoffMs(attempt: number, baseMs = 250, capMs = 2000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, Math.min(attempt, 20)));
}

export interface SseHandlers {
  onOpen(): void;
  onEvent(ev: SseEvent): void;
  /** The stream is down; the next attempt starts in `retryInMs`. */
  onDown(reason: string, attempt: number, retryInMs: number): void;
}

/**
 * Keeps one event stream open to `url`: reads it incrementally and reconnects with capped backoff when
 * it ends or fails, until `stop()`.
 */
export class SseClient {
  private readonly stopped = new AbortController();
  private current: AbortController | undefined;
  private wakeUp: (() => void) | undefined;
  private attempt = 0;
  private running: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly handlers: SseHandlers,
    // The daemon sends stats every second and a comment every 15 s: silence this long means a dead link.
    private readonly idleTimeoutMs = 20_000,
  ) {}

  start(): void {
    this.running ??= this.loop();
  }

  /** Drops the current connection (if any) and connects again at once. */
  reconnect(): void {
    this.attempt = 0;
    this.current?.abort();
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped.abort();
    this.current?.abort();
    this.wakeUp?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopped.signal.aborted) {
      let reason: string;
      try {
        reason = await this.once();
      } catch (err) {
        reason = describe(err);
      }
      if (this.stopped.signal.aborted) return;
      const wait = backoffMs(this.attempt);
      this.handlers.onDown(reason, this.attempt + 1, wait);
      this.attempt++;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }

  /** One connection, from request to end of stream; resolves with why it ended. */
  private async once(): Promise<string> {
    const ac = new AbortController();
    this.current = ac;
    const res = await request(this.url, {
      signal: ac.signal,
      headers: { accept: 'text/event-stream', ...authHeaders() },
      headersTimeout: 5000,
      bodyTimeout: this.idleTimeoutMs,
    });
    if (res.statusCode !== 200) {
      await res.body.dump();
      return `HTTP ${res.statusCode} from ${this.url}`;
    }
    this.attempt = 0;
    this.handlers.onOpen();
    const parser = new SseParser();
    const decoder = new TextDecoder();
    for await (const chunk of res.body) {
      for (const ev of parser.push(decoder.decode(chunk as Uint8Array, { stream: true }))) this.handlers.onEvent(ev);
    }
    return ac.signal.aborted ? 'reconnecting' : 'the daemon closed the stream';
  }
}

function describe(err: unknown): string {
  const e = err as { code?: string; message?: string; name?: string };
  if (e?.name === 'AbortError' || e?.code === 'UND_ERR_ABORTED') return 'reconnecting';
  if (e?.code === 'UND_ERR_BODY_TIMEOUT') return 'no data from the daemon for too long';
  return e?.code ?? e?.message ?? String(err);
}
