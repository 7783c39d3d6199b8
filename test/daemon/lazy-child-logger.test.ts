import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import pino from 'pino';
import { lazyChildLogger } from '../../src/daemon/http/lazy-child-logger.ts';

/** A real pino logger writing its lines synchronously into an array. */
function memoryLogger(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
}

test('a request logger writes its lines with the request id, and at the parent level only', () => {
  const { logger, lines } = memoryLogger('info');
  const log = lazyChildLogger(logger, { reqId: 'r-1' }, {});
  log.debug({ a: 1 }, 'hidden');
  log.trace('hidden too');
  assert.equal(lines.length, 0, 'below the level nothing is written');
  log.error({ code: 'X' }, 'failed %s', 'badly');
  log.info('plain');
  assert.equal(lines.length, 2);
  assert.deepEqual([lines[0]!.reqId, lines[0]!.code, lines[0]!.msg, lines[0]!.level], ['r-1', 'X', 'failed badly', 50]);
  assert.deepEqual([lines[1]!.reqId, lines[1]!.msg], ['r-1', 'plain']);
  assert.equal(log.level, 'info');
});

test('a child with its own level (a route logLevel) follows that level, and children keep the request id', () => {
  const { logger, lines } = memoryLogger('warn');
  const log = lazyChildLogger(logger, { reqId: 'r-2' }, { level: 'debug' });
  assert.equal(log.level, 'debug');
  log.debug('shown');
  log.child({ part: 'x' }).warn('from the grandchild');
  assert.deepEqual(lines.map((l) => [l.reqId, l.msg, l.part]), [['r-2', 'shown', undefined], ['r-2', 'from the grandchild', 'x']]);
});

test('changing the level of a request logger changes it for that request only', () => {
  const { logger, lines } = memoryLogger('info');
  const log = lazyChildLogger(logger, { reqId: 'r-3' }, {});
  log.level = 'debug';
  log.debug('now shown');
  lazyChildLogger(logger, { reqId: 'r-4' }, {}).debug('not for another request');
  assert.deepEqual(lines.map((l) => [l.reqId, l.msg]), [['r-3', 'now shown']]);
  assert.equal(logger.level, 'info');
});
