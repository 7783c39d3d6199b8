import type { WebSocket } from 'ws';
import type { StreamCounts } from './streams.ts';

/**
 * A slow reader is paced: the socket stops being read while its unsent replies exceed HIGH_WATER bytes
 * or MAX_IN_FLIGHT requests are being answered, and is read again once replies drain below LOW_WATER.
 * Messages the socket had already delivered wait unstarted meanwhile, so what is buffered stays bounded
 * by the in-flight limit, not by how much the client sends.
 */
const HIGH_WATER = 1024 * 1024;
const LOW_WATER = 256 * 1024;
const MAX_IN_FLIGHT = 64;

export class StreamPacer {
  private inFlight = 0;
  private paused = false;
  private readonly pending: string[] = [];
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly counts: StreamCounts,
    private readonly answer: (text: string) => Promise<string>,
  ) {
    counts.open++;
  }

  message(text: string): void {
    if (this.paused) {
      this.pending.push(text);
      this.counts.pending++;
    } else this.start(text);
  }

  private start(text: string): void {
    this.inFlight++;
    this.counts.inFlight++;
    this.check();
    void this.answer(text).then((reply) => {
      this.inFlight--;
      this.counts.inFlight--;
      if (!this.closed) this.socket.send(reply, () => this.check());
      this.check();
    });
  }

  private check(): void {
    if (this.closed) return;
    const full = this.socket.bufferedAmount > HIGH_WATER || this.inFlight >= MAX_IN_FLIGHT;
    if (full && !this.paused) {
      this.setPaused(true);
      this.socket.pause();
    } else if (this.paused && this.socket.bufferedAmount < LOW_WATER && this.inFlight < MAX_IN_FLIGHT / 2) {
      this.setPaused(false);
      this.socket.resume();
      while (!this.paused && this.pending.length > 0) {
        this.counts.pending--;
        this.start(this.pending.shift()!);
      }
    }
  }

  private setPaused(paused: boolean): void {
    this.paused = paused;
    this.counts.paused += paused ? 1 : -1;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.counts.open--;
    this.counts.pending -= this.pending.length;
    this.pending.length = 0;
    if (this.paused) this.setPaused(false);
  }
}
