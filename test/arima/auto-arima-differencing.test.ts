import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { ndiffs } from '../../src/forecasting/arima/auto/kpss.ts';
import { nsdiffs } from '../../src/forecasting/season/seasonal-strength.ts';

// The differencing orders R's auto.arima chose on each dev series, read from its model string
// (ARIMA(p,d,q)(P,D,Q)[m]): nsdiffs (seasonal strength > 0.64) on the series, then ndiffs (KPSS at
// 5%) on the seasonally differenced series must reproduce them.
const dir = new URL('../../fixtures/forecast-dev/', import.meta.url);

test('seasonal-strength and KPSS tests choose R\'s D and d on every dev series', () => {
  for (const f of readdirSync(dir).sort()) {
    const d = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
    if (!d.r.auto_arima) continue;
    const match = /^ARIMA\(\d+,(\d),\d+\)(?:\(\d+,(\d),\d+\)\[\d+\])?/.exec(d.r.auto_arima.model)!;
    const wantd = Number(match[1]);
    const wantD = match[2] === undefined ? 0 : Number(match[2]);
    const m = d.frequency as number;
    const x: number[] = d.train;
    const D = m > 1 && x.length > 2 * m ? nsdiffs(x, m, 1) : 0;
    const dx = D > 0 ? x.slice(m).map((v, i) => v - x[i]!) : x;
    assert.equal(D, wantD, `${d.name}: D`);
    assert.equal(ndiffs(dx, 2), wantd, `${d.name}: d`);
  }
});
