/**
 * The long-season search (estimate.ts, warmStartSearch; select.ts order) keeps taylor's selection
 * (ETS(M,N,M), AICc 70022.9241 before the warm-run abandon and polish rules; within 0.02 allowed), and a
 * fit's final state and sums, now packed through the kind-specialised filter, equal the generic
 * runFilter's (filterFromInit) number for number, with and without missing values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { etsKind } from '../../src/forecasting/ets/index.ts';
import { filterFromInit } from '../../src/forecasting/ets/params.ts';
import type { EtsParams } from '../../src/forecasting/ets/params.ts';

const load = (f: string) => JSON.parse(readFileSync(new URL(`../../fixtures/forecast-dev/${f}`, import.meta.url), 'utf8'));

function samePacking(y: Float64Array, p: EtsParams) {
  const run = filterFromInit(y, p.structure, p, p.init, null);
  assert.equal(p.sse, run.sums.sse);
  assert.equal(p.sumLogF, run.sums.sumLogF);
  assert.equal(p.nObs, run.sums.nObs);
  assert.deepEqual(p.last, run.last);
}

test('taylor keeps ETS(M,N,M) and its AICc', () => {
  const d = load('forecast__taylor.json');
  const y = Float64Array.from(d.train);
  const fit = etsKind.fit(y, etsKind.parseSpec({ period: 336 }), {});
  assert.equal(fit.metrics.model, 'ETS(M,N,M)');
  assert.ok(Math.abs(Number(fit.metrics.aicc) - 70022.9241) <= 0.02, `AICc ${fit.metrics.aicc}`);
  samePacking(y, fit.params);
});

test('packed final state and sums equal the generic filter (short season, missing values)', () => {
  const d = load('datasets__USAccDeaths.json');
  const y = Float64Array.from(d.train);
  for (const model of ['ZZZ', 'MAM', 'AAdA']) samePacking(y, etsKind.fit(y, etsKind.parseSpec({ period: 12, model }), {}).params);
  const gappy = Float64Array.from(y);
  gappy[5] = NaN;
  gappy[30] = NaN;
  for (const model of ['ZZZ', 'MNM']) samePacking(gappy, etsKind.fit(gappy, etsKind.parseSpec({ period: 12, model }), {}).params);
});
