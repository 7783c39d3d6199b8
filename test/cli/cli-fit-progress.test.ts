import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextPhase, progressLine, requestTag, type FitPhase } from '../../src/cli/commands/fit-progress.ts';

const ev = (event: string, data: object) => ({ event, data: JSON.stringify(data) });

test('our fit is followed by request id: queued with fits ahead, moving up as they end, then fitting', () => {
  let p: FitPhase = { kind: 'sent' };
  const step = (e: { event: string; data: string }) => (p = nextPhase(p, e, 'm', 'me'));
  step(ev('fit.queued', { model: 'm', requestTag: requestTag('other'), ahead: 0 }));
  assert.deepEqual(p, { kind: 'sent' }, "another client's fit is not ours");
  step(ev('fit.queued', { model: 'm', requestTag: requestTag('me'), ahead: 2 }));
  assert.deepEqual(p, { kind: 'queued', ahead: 2 });
  step(ev('fit.finished', { model: 'x', requestTag: requestTag('zzz') }));
  assert.deepEqual(p, { kind: 'queued', ahead: 2 }, 'fits of other models do not count');
  step(ev('fit.failed', { model: 'm', requestTag: requestTag('other') }));
  step(ev('stats', {}));
  assert.deepEqual(p, { kind: 'queued', ahead: 1 });
  step(ev('fit.finished', { model: 'm', requestTag: requestTag('other2') }));
  step(ev('fit.finished', { model: 'm', requestTag: requestTag('other3') }));
  assert.deepEqual(p, { kind: 'queued', ahead: 0 }, 'never below zero');
  step(ev('fit.started', { model: 'm', requestTag: requestTag('me'), version: 7 }));
  assert.deepEqual(p, { kind: 'fitting', version: 7 });
  step({ event: 'fit.started', data: 'not json' });
  assert.deepEqual(p, { kind: 'fitting', version: 7 });
});

test('the progress line says where the fit is and for how long', () => {
  assert.match(progressLine({ kind: 'queued', ahead: 2 }, 3400, 'm'), /waiting for model m: 2 fits ahead · 3\.4 s$/);
  assert.match(progressLine({ kind: 'queued', ahead: 1 }, 0, 'm'), /1 fit ahead/);
  assert.match(progressLine({ kind: 'fitting', version: 3 }, 12_000, 'sales'), /fitting model sales · version 3 · 12\.0 s$/);
});
