/**
 * Incremental parser for `text/event-stream` (the WHATWG "server-sent events" format). Chunks may split
 * lines, and even a CRLF pair, anywhere; the parser keeps the unfinished line until the rest arrives.
 */

export interface SseEvent {
  /** `message` when the stream gave no `event:` field. */
  event: string;
  /** The `data:` lines joined with `\n`. */
  data: string;
  id?: string;
}

export class SseParser {
  /** The reconnection delay the server asked for with `retry:`, if any. */
  retryMs: number | undefined;
  lastEventId: string | undefined;
  private partial = '';
  private skipLf = false;
  private started = false;
  private event = '';
  private data: string[] = [];
  private id: string | undefined;

  /** Feeds decoded text; returns the events completed by it, in order. */
  push(chunk: string): SseEvent[] {
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    // A CR ending the previous chunk already ended its line; an LF starting this one belongs to it.
    if (text.length === 0) return [];
    if (this.skipLf && text.startsWith('\n')) text = text.slice(1);
    this.skipLf = false;
    const out: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.line(this.partial + text.slice(start, i), out);
      this.partial = '';
      if (c === 13) {
        if (i + 1 < text.length) {
          if (text.charCodeAt(i + 1) === 10) i++;
        } else this.skipLf = true;
      }
      start = i + 1;
    }
    this.partial += text.slice(start);
    return out;
  }

  private line(line: string, out: SseEvent[]): void {
    if (line === '') {
      this.dispatch(out);
      return;
    }
    if (line.startsWith(':')) return; // a comment (keep-alive)
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.event = value;
        break;
      case 'data':
        this.data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.id = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retryMs = Number(value);
        break;
      default: // unknown fields are ignored, as the format requires
    }
  }

  private dispatch(out: SseEvent[]): void {
    if (this.id !== undefined) this.lastEventId = this.id;
    // A block without data (e.g. only `retry:`) is not an event.
    if (this.data.length > 0) {
      const ev: SseEvent = { event: this.event || 'message', data: this.data.join('\n') };
      if (this.lastEventId !== undefined) ev.id = this.lastEventId;
      out.push(ev);
    }
    this.event = '';
    this.data = [];
    this.id = undefined;
  }
}
