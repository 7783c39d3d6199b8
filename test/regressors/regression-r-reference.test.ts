import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { getKind } from '../../src/forecasting/index.ts';

const ref = JSON.parse(readFileSync(new URL('../../fixtures/regression-reference.json', import.meta.url), 'utf8'));
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));
const maxRel = (a: ArrayLike<number>, b: number[]) => Math.max(...b.map((v, i) => rel(a[i]!, v)));

for (const c of ref.arima) {
  test(`arima with regressors equals R's Arima(xreg =): ${c.name}`, () => {
    const arima = getKind('arima');
    const spec = arima.parseSpec({ order: c.order, includeMean: c.includeMean && c.order[1] === 0, regressors: c.xreg });
    const model = arima.fit(Float64Array.from(c.y), spec, {});
    for (const [name, value] of Object.entries(c.coef) as [string, number][]) {
      const ours = model.metrics[name === 'intercept' ? 'intercept' : name] as number;
      assert.ok(rel(ours, value) < 1e-4, `${name}: ${ours} vs R ${value}`);
    }
    assert.ok(Math.abs((model.metrics.loglik as number) - c.loglik) < 1e-5, `loglik ${model.metrics.loglik} vs ${c.loglik}`);
    const fc = arima.forecast(JSON.parse(JSON.stringify(model)), c.mean.length, [80, 95], { regressors: c.future });
    assert.ok(maxRel(fc.mean, c.mean) < 1e-4, 'mean');
    // The arima kind's intervals are stats::arima's (predict's standard errors).
    const se = Array.from(fc.mean, (m, i) => (fc.intervals[1]!.upper[i]! - m) / 1.959963984540054);
    assert.ok(maxRel(se, c.se_stats) < 1e-4, `se ${se[0]} vs R ${c.se_stats[0]}`);
    assert.ok(rel(model.metrics.sigma2 as number, c.sigma2_stats) < 1e-4, 'sigma2');
  });
}

test("auto_arima with regressors chooses R's model and recovers the known coefficients", () => {
  const c = ref.auto;
  const kind = getKind('auto_arima');
  const model = kind.fit(Float64Array.from(c.y), kind.parseSpec({ regressors: c.xreg }), {});
  assert.equal(model.metrics.model, c.model);
  for (const [name, value] of Object.entries(c.coef) as [string, number][]) {
    assert.ok(rel(model.metrics[name] as number, value) < 1e-3, `${name}: ${model.metrics[name]} vs R ${value}`);
  }
  // The simulation's true coefficients, within two standard errors.
  for (const [name, truth] of [['x1', 2], ['x2', -1.5]] as const) {
    const est = model.metrics[name] as number;
    assert.ok(Math.abs(est - truth) < 2 * (model.metrics[`se_${name}`] as number), `${name} = ${est}, truth ${truth}`);
  }
  const fc = kind.forecast(model, 10, [95], { regressors: c.future });
  assert.ok(maxRel(fc.mean, c.mean) < 1e-3, 'mean');
});
