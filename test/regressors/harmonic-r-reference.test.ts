import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { getKind } from '../../src/forecasting/index.ts';
import { fourierColumns, fourierTerms } from '../../src/forecasting/harmonic/fourier.ts';
import { inputSeries } from '../season/season-fixtures.ts';

const ref = JSON.parse(readFileSync(new URL('../../fixtures/regression-reference.json', import.meta.url), 'utf8'));
const harmonic = getKind('harmonic');
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

test("Fourier terms are R's fourier(): names, shared frequencies once, zero sines left out", () => {
  assert.deepEqual(fourierTerms([12], [6]).map((t) => t.name), ['S1-12', 'C1-12', 'S2-12', 'C2-12', 'S3-12', 'C3-12', 'S4-12', 'C4-12', 'S5-12', 'C5-12', 'C6-12']);
  // 7/336 = 1/48: the weekly period's 7th harmonic is the daily first.
  const both = fourierTerms([48, 336], [1, 7]).map((t) => t.name);
  assert.equal(both.length, 2 + 12);
  assert.ok(!both.includes('S7-336'));
  const [s, c] = fourierColumns(fourierTerms([365.25], [1]), 0, 3);
  for (let t = 1; t <= 3; t++) {
    assert.ok(Math.abs(s![t - 1]! - Math.sin((2 * Math.PI * t) / 365.25)) < 1e-14);
    assert.ok(Math.abs(c![t - 1]! - Math.cos((2 * Math.PI * t) / 365.25)) < 1e-14);
  }
});

/**
 * Per-K AICc within one unit of R's and the same K and model chosen. On melbourne our search reaches an
 * AICc ~0.7 below R's at every K — a better optimum of the same model (log-likelihood −6649.00 against
 * R's −6649.35, asserted) — which moves the 365-step forecast by up to 1%: the tolerance there is
 * 2e-2, elsewhere 1e-3.
 */
const meanTol = (name: string) => (name.startsWith('melbourne') ? 2e-2 : 1e-3);

for (const c of ref.harmonic) {
  test(`harmonic chooses R's K by AICc and forecasts as auto.arima(xreg = fourier(K)): ${c.name}`, () => {
    const y = inputSeries(c.input);
    const model = harmonic.fit(y, harmonic.parseSpec({ period: [c.periods].flat(), maxK: c.aicc.length }), {});
    (c.aicc as number[]).forEach((aicc, i) => {
      const ours = model.metrics[`aicc.K${i + 1}`] as number;
      assert.ok(Math.abs(ours - aicc) < 1, `K=${i + 1}: AICc ${ours} vs R ${aicc}`);
    });
    assert.equal(model.metrics.K, String(c.K));
    assert.equal(model.metrics.model, c.model);
    assert.ok((model.metrics.loglik as number) > c.loglik - 1e-3, `loglik ${model.metrics.loglik} vs R ${c.loglik}`);
    const fc = harmonic.forecast(JSON.parse(JSON.stringify(model)), c.h, [95]);
    const worst = Math.max(...c.mean.map((v: number, i: number) => rel(fc.mean[i]!, v)));
    assert.ok(worst < meanTol(c.name), `mean ${worst}`);
    const width = Math.max(...c.hi95.map((v: number, i: number) => rel(fc.intervals[0]!.upper[i]! - fc.mean[i]!, v - c.mean[i])));
    assert.ok(width < meanTol(c.name), `interval half-width ${width}`);
  });
}
