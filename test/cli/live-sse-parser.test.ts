import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SseParser, type SseEvent } from '../../src/cli/live/sse-parser.ts';

const STREAM =
  '\uFEFFretry: 1000\n\n' +
  ': keep-alive\n\n' +
  'id: 1\nevent: stats\ndata: {"a":1}\n\n' +
  'id: 2\r\nevent: fit.started\r\ndata: {"model":"m",\r\ndata:  "version":2}\r\n\r\n' +
  'data:no space\rdata\r\r' +
  'event: ignored-no-data\nid: 7\n\n' +
  'event: é-ünïcode\ndata: ☃\n\n' +
  'data: unterminated';

const EXPECTED: SseEvent[] = [
  { event: 'stats', data: '{"a":1}', id: '1' },
  { event: 'fit.started', data: '{"model":"m",\n "version":2}', id: '2' },
  { event: 'message', data: 'no space\n', id: '2' },
  { event: 'é-ünïcode', data: '☃', id: '7' },
];

function parseInChunks(chunks: string[]): { events: SseEvent[]; parser: SseParser } {
  const parser = new SseParser();
  const events = chunks.flatMap((c) => parser.push(c));
  return { events, parser };
}

test('the whole stream at once: comments skipped, multi-line data joined, CR/CRLF/LF all end lines', () => {
  const { events, parser } = parseInChunks([STREAM]);
  assert.deepEqual(events, EXPECTED);
  assert.equal(parser.retryMs, 1000);
});

test('every split into two chunks gives the same events (CRLF split across chunks included)', () => {
  for (let i = 0; i <= STREAM.length; i++) {
    const { events } = parseInChunks([STREAM.slice(0, i), STREAM.slice(i)]);
    assert.deepEqual(events, EXPECTED, `split at ${i}`);
  }
});

test('one character at a time, and random chunkings, give the same events', () => {
  assert.deepEqual(parseInChunks([...STREAM]).events, EXPECTED);
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let round = 0; round < 300; round++) {
    const chunks: string[] = [];
    for (let at = 0; at < STREAM.length; ) {
      const len = Math.floor(rand() * 12);
      chunks.push(STREAM.slice(at, at + len));
      at += len;
    }
    assert.deepEqual(parseInChunks(chunks).events, EXPECTED, `round ${round}`);
  }
});

test('an event is delivered only when its blank line arrives', () => {
  const parser = new SseParser();
  assert.deepEqual(parser.push('event: x\ndata: 1\n'), []);
  assert.deepEqual(parser.push('\n'), [{ event: 'x', data: '1' }]);
});

test('a bad retry value is ignored; an empty data line still makes an event', () => {
  const parser = new SseParser();
  assert.deepEqual(parser.push('retry: soon\ndata\n\n'), [{ event: 'message', data: '' }]);
  assert.equal(parser.retryMs, undefined);
});
