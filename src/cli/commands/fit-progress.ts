import { createHash } from 'node:crypto';
import { SseClient } from '../live/sse-client.ts';
import type { SseEvent } from '../live/sse-parser.ts';
import { spinnerFrame } from '../live/spinner.ts';

/** Where our fit is, as told by the daemon's event stream. */
export type FitPhase =
  | { kind: 'sent' }
  | { kind: 'queued'; ahead: number }
  | { kind: 'fitting'; version: number };

/** How the daemon's event stream names a request (docs/observability.md): never the id itself. */
export const requestTag = (requestId: string) => createHash('sha256').update(requestId).digest('hex').slice(0, 16);

/**
 * Follows one fit through the event stream: our own events are recognised by the request id we sent;
 * fits of the same model that finish while ours waits move it up the queue.
 */
export function nextPhase(phase: FitPhase, ev: SseEvent, model: string, requestId: string): FitPhase {
  if (!ev.event.startsWith('fit.')) return phase;
  let data: { model?: string; requestTag?: string; ahead?: number; version?: number };
  try {
    data = JSON.parse(ev.data);
  } catch {
    return phase;
  }
  if (data.model !== model) return phase;
  const ours = data.requestTag === requestTag(requestId);
  if (ours && ev.event === 'fit.queued') return { kind: 'queued', ahead: data.ahead ?? 0 };
  if (ours && ev.event === 'fit.started') return { kind: 'fitting', version: data.version ?? 0 };
  const otherFitEnded = !ours && (ev.event === 'fit.finished' || ev.event === 'fit.failed');
  if (otherFitEnded && phase.kind === 'queued' && phase.ahead > 0) return { kind: 'queued', ahead: phase.ahead - 1 };
  return phase;
}

export function progressLine(phase: FitPhase, elapsedMs: number, model: string): string {
  const secs = `${(elapsedMs / 1000).toFixed(1)} s`;
  const what =
    phase.kind === 'sent'
      ? `sending the data for model ${model}`
      : phase.kind === 'queued'
        ? phase.ahead > 0
          ? `waiting for model ${model}: ${phase.ahead} fit${phase.ahead === 1 ? '' : 's'} ahead`
          : `waiting for a worker for model ${model}`
        : `fitting model ${model} · version ${phase.version}`;
  return `${spinnerFrame(elapsedMs)} ${what} · ${secs}`;
}

/** A one-line spinner on stderr (a terminal only) while a fit waits and runs. */
export class FitProgress {
  private phase: FitPhase = { kind: 'sent' };
  private readonly started = Date.now();
  private readonly events: SseClient;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    url: string,
    private readonly model: string,
    private readonly requestId: string,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {
    this.events = new SseClient(`${url}/v1/events`, {
      onOpen: () => {},
      onEvent: (ev) => (this.phase = nextPhase(this.phase, ev, model, requestId)),
      // Progress is a nicety: without the stream the spinner still turns and the fit is unaffected.
      onDown: () => {},
    });
  }

  start(): void {
    this.events.start();
    this.timer = setInterval(() => this.draw(), 100);
  }

  private draw(): void {
    this.out.write(`\r\x1b[2K${progressLine(this.phase, Date.now() - this.started, this.model)}`);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.out.write('\r\x1b[2K');
    await this.events.stop();
  }
}
