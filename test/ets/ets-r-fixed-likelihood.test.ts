/**
 * Fixed ETS models against R (fixtures/ets-reference.json, written by fixtures/r/ets-reference.R with
 * R 4.2.2 / forecast 8.20): R's fitted smoothing parameters AND R's initial states are plugged into
 * our filter, with no optimisation, and the log-likelihood, the information criteria, σ² and the
 * final state must come out as R's.
 *
 * Adapter (kept here, not in src): R's fit$initstate is (l, b, s1, …, sm) with s1 = s_0 the most
 * recent seasonal index and sm = s_{1−m} the oldest, so observation j (0-based, j < m) uses
 * s(m − j); our InitState.seas[j] is the index of observation j, hence seas[j] = s(m − j). The
 * final state is laid out the same way in R (sm is the season of the first forecast), while our
 * FinalState.seas[k] is the index k + 1 steps ahead, hence seas[k] = s(m − k).
 *
 * Tolerances. Both sides run the same recursion (R's etscalc; ours reorders the additive-trend
 * update algebraically) on the same 15-significant-digit inputs, so they differ by rounding only:
 * about 1e-13 relative on n·log(SSE) here. 1e-9 relative leaves four orders of magnitude of room while
 * any modelling difference (a seasonal index misaligned by one, a wrong parameter count, σ²
 * divided by the wrong n) moves these figures by 1e-4 or more.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterFromInit } from '../../src/forecasting/ets/params.ts';
import { criteria } from '../../src/forecasting/ets/select.ts';
import { etsMetrics } from '../../src/forecasting/ets/kind.ts';
import { paramsFromR, rCases, seriesOf, type RCase } from '../support/ets-r.ts';

function close(what: string, ours: number, r: number, rel = 1e-9) {
  const err = Math.abs(ours - r) / Math.max(Math.abs(r), 1e-300);
  assert.ok(err <= rel, `${what}: ours ${ours} vs R ${r} (relative difference ${err.toExponential(2)})`);
}

for (const c of rCases) {
  test(`${c.id} ${c.model}: log-likelihood, criteria and final state at R's parameters and initial states`, () => {
    const y = seriesOf(c);
    const p = paramsFromR(c, y);
    // R's initstate lists all m seasonal states; the last one is not free (they sum to m or 0).
    if (c.components[2] !== 'N') {
      const sum = p.init.seas.reduce((a, v) => a + v, 0);
      const scale = p.init.seas.reduce((a, v) => a + Math.abs(v), 0);
      const target = c.components[2] === 'M' ? c.m : 0;
      // The fixture's 15 significant digits leave ~1e-14 of the states' magnitude in the sum.
      assert.ok(Math.abs(sum - target) <= 1e-12 * scale, `${c.id}: seasonal states sum to ${sum}, not ${target}`);
    }
    assert.equal(p.nObs, c.n);
    assert.equal(p.npar, c.npar_optimised, 'parameter count');
    // R's loglik is the fitted one; loglik_refit re-evaluates it at the same values without optimising.
    close(`${c.id} R loglik vs its re-evaluation`, c.loglik_refit, c.loglik, 1e-12);
    const k = criteria(p);
    close(`${c.id} loglik`, k.loglik, c.loglik);
    close(`${c.id} aic`, k.aic, c.aic);
    close(`${c.id} aicc`, k.aicc, c.aicc);
    close(`${c.id} bic`, k.bic, c.bic);
    close(`${c.id} sigma2`, k.sigma2, c.sigma2);
    // What the API reports for the model carries the same figures.
    const metrics = etsMetrics(p);
    assert.equal(metrics.model, c.model);
    close(`${c.id} metrics.loglik`, metrics.loglik as number, c.loglik);
    close(`${c.id} metrics.aicc`, metrics.aicc as number, c.aicc);
    // Final state, R's layout → ours (seas[k] = s(m − k)).
    close(`${c.id} final level`, p.last.level, c.final_state.l!);
    if (c.components[1] !== 'N') close(`${c.id} final slope`, p.last.slope, c.final_state.b!, 1e-8);
    for (let k2 = 0; k2 < p.last.seas.length; k2++) {
      close(`${c.id} final seasonal ${k2 + 1} ahead`, p.last.seas[k2]!, c.final_state[`s${c.m - k2}`]!);
    }
    // The adapter's direction matters: R's states taken in their listed order (s1 for the first
    // observation) give a clearly different likelihood, so the agreement above pins the ordering.
    if (c.components[2] !== 'N') {
      const wrong = filterFromInit(y, p.structure, p, { ...p.init, seas: [...p.init.seas].reverse() }, null);
      const off = Math.abs(-0.5 * wrong.lik - c.loglik);
      assert.ok(!wrong.sums.ok || off > 1, `${c.id}: reversed seasonal order changes loglik by only ${off}`);
    }
  });
}
