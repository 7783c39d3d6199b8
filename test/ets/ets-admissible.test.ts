/**
 * The parameter region. Usual bounds (R's defaults) reject points outside the box; the admissible
 * region for seasonal models is decided without root finding (Schur–Cohn), so we compare it with
 * R's admissible() re-implemented here the way R does it: the easy inequalities, then every root of
 * the characteristic polynomial (found by Durand–Kerner) within 1 + 1e-10. Random points closer than
 * 1e-6 to the boundary are skipped: there the root finder's own error decides.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admissible, inRegion } from '../../src/forecasting/ets/admissible.ts';
import { etsKind } from '../../src/forecasting/ets/index.ts';
import { readFileSync } from 'node:fs';

function maxRootModulus(coef: number[]): number {
  // Durand–Kerner on the monic polynomial Σ coef[k] z^k (coef[deg] = 1).
  const deg = coef.length - 1;
  const re = new Float64Array(deg);
  const im = new Float64Array(deg);
  for (let i = 0; i < deg; i++) {
    re[i] = 0.9 * Math.cos((2 * Math.PI * i) / deg + 0.4);
    im[i] = 0.9 * Math.sin((2 * Math.PI * i) / deg + 0.4);
  }
  for (let it = 0; it < 2000; it++) {
    let moved = 0;
    for (let i = 0; i < deg; i++) {
      let pr = 1;
      let pi = 0;
      for (let k = deg - 1; k >= 0; k--) {
        const r = pr * re[i]! - pi * im[i]! + coef[k]!;
        pi = pr * im[i]! + pi * re[i]!;
        pr = r;
      }
      let dr = 1;
      let di = 0;
      for (let j = 0; j < deg; j++) {
        if (j === i) continue;
        const ar = re[i]! - re[j]!;
        const ai = im[i]! - im[j]!;
        const r = dr * ar - di * ai;
        di = dr * ai + di * ar;
        dr = r;
      }
      const den = dr * dr + di * di;
      const qr = (pr * dr + pi * di) / den;
      const qi = (pi * dr - pr * di) / den;
      re[i] = re[i]! - qr;
      im[i] = im[i]! - qi;
      moved = Math.max(moved, Math.hypot(qr, qi));
    }
    if (moved < 1e-15) break;
  }
  let mx = 0;
  for (let i = 0; i < deg; i++) mx = Math.max(mx, Math.hypot(re[i]!, im[i]!));
  return mx;
}

function rAdmissibleSeasonal(alpha: number, beta: number, gamma: number, phi: number, m: number): { ok: boolean; margin: number } {
  if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) return { ok: false, margin: Infinity };
  if (alpha < 1 - 1 / phi - (gamma * (1 - m + phi + phi * m)) / (2 * phi * m)) return { ok: false, margin: Infinity };
  if (beta < -(1 - phi) * (gamma / m + alpha)) return { ok: false, margin: Infinity };
  const P = [phi * (1 - alpha - gamma), alpha + beta - alpha * phi + gamma - 1];
  for (let k = 2; k < m; k++) P.push(alpha + beta - alpha * phi);
  P.push(alpha + beta - phi, 1);
  const r = maxRootModulus(P);
  return { ok: r <= 1 + 1e-10, margin: Math.abs(r - 1) };
}

test('usual bounds reject points outside R\'s box', () => {
  const ns = { trend: true, season: false, damped: true, m: 1 };
  assert.equal(inRegion({ alpha: 0.5, beta: 0.1, gamma: 0, phi: 0.9 }, ns), true);
  assert.equal(inRegion({ alpha: 1.2, beta: 0.1, gamma: 0, phi: 0.9 }, ns), false); // α > 0.9999
  assert.equal(inRegion({ alpha: 0.3, beta: 0.4, gamma: 0, phi: 0.9 }, ns), false); // β > α
  assert.equal(inRegion({ alpha: 0.5, beta: 0.1, gamma: 0, phi: 0.99 }, ns), false); // φ > 0.98
  const s = { trend: false, season: true, damped: false, m: 12 };
  assert.equal(inRegion({ alpha: 0.5, beta: 0, gamma: 0.4, phi: 1 }, s), true);
  assert.equal(inRegion({ alpha: 0.5, beta: 0, gamma: 0.6, phi: 1 }, s), false); // γ > 1 − α
});

test('non-seasonal admissible region (Hyndman et al. 2008, table 10.1)', () => {
  const ann = { trend: false, season: false, damped: false, m: 1 };
  assert.equal(admissible({ alpha: 1.9, beta: 0, gamma: 0, phi: 1 }, ann, null), true); // 0 < α < 2
  assert.equal(admissible({ alpha: 2.1, beta: 0, gamma: 0, phi: 1 }, ann, null), false);
  const aan = { trend: true, season: false, damped: false, m: 1 };
  assert.equal(admissible({ alpha: 1.5, beta: 0.4, gamma: 0, phi: 1 }, aan, null), true); // 0 < β < 4 − 2α
  assert.equal(admissible({ alpha: 1.5, beta: 1.1, gamma: 0, phi: 1 }, aan, null), false);
});

test('seasonal admissibility agrees with R\'s root-based test', () => {
  let seed = 12345;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  let compared = 0;
  let rejected = 0;
  for (const m of [2, 4, 7, 12]) {
    for (let k = 0; k < 400; k++) {
      const alpha = -0.2 + 1.6 * rand();
      const beta = k % 4 === 0 ? 0 : -0.1 + 0.8 * rand();
      const gamma = -0.1 + 1.2 * rand();
      const phi = k % 4 === 0 ? 1 : 0.7 + 0.3 * rand();
      const ref = rAdmissibleSeasonal(alpha, beta, gamma, phi, m);
      if (ref.margin < 1e-6) continue;
      const has = { trend: beta !== 0, season: true, damped: phi !== 1, m };
      assert.equal(admissible({ alpha, beta, gamma, phi }, has, null), ref.ok, `m=${m} α=${alpha} β=${beta} γ=${gamma} φ=${phi}`);
      compared++;
      if (!ref.ok) rejected++;
    }
  }
  assert.ok(compared > 1000 && rejected > 100 && compared - rejected > 100, `${compared} compared, ${rejected} rejected`);
});

test('fitted parameters lie in the region', () => {
  const d = JSON.parse(readFileSync(new URL('../../fixtures/forecast-dev/datasets__USAccDeaths.json', import.meta.url), 'utf8'));
  const fit = etsKind.fit(Float64Array.from(d.train), etsKind.parseSpec({ period: 12, model: 'AAdA' }), {});
  const p = fit.params;
  assert.equal(inRegion(p, { trend: true, season: true, damped: true, m: 12 }), true);
});
