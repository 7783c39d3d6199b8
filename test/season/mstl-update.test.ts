import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineError } from '../../src/forecasting/errors.ts';
import { getKind, type Fitted } from '../../src/forecasting/index.ts';
import type { MstlParams } from '../../src/forecasting/mstl/kind.ts';
import { lcg } from '../support/random.ts';

const mstl = getKind('mstl');
const PERIODS = [7, 12];
const N = 260;
const HEAD = 220;
const K = 17; // a multiple of neither period: a season not rotated by k is visibly out of phase
/** The exact season at 0-based index t. */
const season = (t: number) => 6 * Math.sin((2 * Math.PI * t) / 7) + 4 * Math.cos((2 * Math.PI * t) / 12);
const rnd = lcg(41);
const y = new Float64Array(N);
let e = 0;
for (let t = 0; t < N; t++) {
  e = 0.7 * e + rnd();
  y[t] = 100 + season(t) + e;
}
y[HEAD + 5] = NaN;
const tail = y.slice(HEAD, HEAD + K);

function close(a: ArrayLike<number>, b: ArrayLike<number>, what: string, tol = 1e-9) {
  assert.equal(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) <= tol * Math.max(1, Math.abs(b[i]!)), `${what}[${i}]: ${a[i]} vs ${b[i]}`);
}

for (const method of ['ets', 'arima'] as const) {
  test(`mstl (${method}) update: the member's update on y − seasonal continuation, plus the season continued in phase`, () => {
    const spec = mstl.parseSpec({ period: PERIODS, method });
    const model = mstl.fit(y.slice(0, HEAD), spec, {}) as Fitted<MstlParams>;
    const { lastSeasons, adjusted } = model.params;
    assert.deepEqual(lastSeasons.map((s) => s.length), PERIODS);
    // Stored as JSON by the daemon: the update starts from the round-tripped model.
    const updated = mstl.update!(JSON.parse(JSON.stringify(model)), tail) as Fitted<MstlParams>;
    assert.equal(updated.metrics.n, HEAD + K);
    assert.deepEqual(updated.params.periods, model.params.periods);

    // The explicit computation: seasonal part of step i after the fit is Σ last[i mod m].
    const member = getKind(adjusted.kind);
    const memberFit = { ...adjusted, spec: member.parseSpec(adjusted.spec as Record<string, unknown>) };
    const adjustedTail = tail.map((v, i) => v - lastSeasons.reduce((s, last) => s + last[i % last.length]!, 0));
    assert.ok(Number.isNaN(adjustedTail[5]!));
    const memberAfter = member.update!(memberFit, adjustedTail);
    const h = 30;
    const base = member.forecast(memberAfter, h, [80, 95]);
    const seasonAfter = (i: number) => lastSeasons.reduce((s, last) => s + last[(K + i) % last.length]!, 0);
    const fc = mstl.forecast(updated, h, [80, 95]);
    close(fc.mean, Array.from(base.mean, (v, i) => v + seasonAfter(i)), 'mean');
    close(fc.intervals[1]!.lower, Array.from(base.intervals[1]!.lower, (v, i) => v + seasonAfter(i)), 'lower 95');

    // In phase with the true season at times HEAD+K.. (the decomposition recovers it to within the
    // noise); the season not rotated by K would be far off.
    const seasonalPart = Array.from(fc.mean, (v, i) => v - base.mean[i]!);
    const inPhase = Math.max(...seasonalPart.map((s, i) => Math.abs(s - season(HEAD + K + i))));
    const unrotated = Math.max(...seasonalPart.map((_, i) => Math.abs(lastSeasons.reduce((s, last) => s + last[i % last.length]!, 0) - season(HEAD + K + i))));
    assert.ok(inPhase < 1, `seasonal part off the true season by ${inPhase}`);
    assert.ok(unrotated > 3, `an unrotated season would be off by ${unrotated}`);

    // Two appends equal one: rotation composes and the member's update continues.
    const twice = mstl.update!(mstl.update!(model, tail.slice(0, 4)), tail.slice(4));
    close(mstl.forecast(twice, h, [95]).mean, fc.mean, 'two appends');
  });
}

test('mstl update refuses ±Infinity as invalid data', () => {
  const model = mstl.fit(y.slice(0, HEAD), mstl.parseSpec({ period: PERIODS }), {});
  for (const bad of [Infinity, -Infinity]) {
    assert.throws(
      () => mstl.update!(model, Float64Array.of(100, bad)),
      (err: unknown) => err instanceof EngineError && err.code === 'MODELAPI_ERR_INVALID_SPEC' && err.field === 'data' && /index 1/.test(err.message),
    );
  }
});

test('mstl update of a member kind without update declines as unsupported (the daemon refits)', () => {
  const model = mstl.fit(y.slice(0, HEAD), mstl.parseSpec({ period: PERIODS }), {}) as Fitted<MstlParams>;
  const etsKind = getKind('ets');
  const saved = etsKind.update;
  try {
    delete (etsKind as { update?: unknown }).update;
    assert.throws(
      () => mstl.update!(model, tail),
      (err: unknown) => err instanceof EngineError && err.code === 'MODELAPI_ERR_UPDATE_UNSUPPORTED',
    );
  } finally {
    etsKind.update = saved;
  }
});
