import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, startDaemon, tempDir } from '../support/daemon.ts';
import { call } from '../support/http.ts';

/** Rolling-origin scores of the naive method written out from the definitions, independent of the engine. */
function naiveByHand(y: number[], h: number, windows: number) {
  const per: { mase: number; smape: number; coverage: number }[] = [];
  for (let w = 0; w < windows; w++) {
    const end = y.length - (windows - w) * h;
    const train = y.slice(0, end);
    const test = y.slice(end, end + h);
    const diffs = train.slice(1).map((v, i) => v - train[i]!);
    const scale = diffs.reduce((s, d) => s + Math.abs(d), 0) / diffs.length;
    const sigma = Math.sqrt(diffs.reduce((s, d) => s + d * d, 0) / diffs.length);
    const last = train.at(-1)!;
    let abs = 0;
    let smape = 0;
    let inside = 0;
    test.forEach((v, i) => {
      abs += Math.abs(v - last);
      smape += (200 * Math.abs(v - last)) / (Math.abs(v) + Math.abs(last));
      const half = 1.959963984540054 * sigma * Math.sqrt(i + 1);
      if (v >= last - half && v <= last + half) inside++;
    });
    per.push({ mase: abs / h / scale, smape: smape / h, coverage: (100 * inside) / h });
  }
  const mean = (k: 'mase' | 'smape' | 'coverage') => per.reduce((s, p) => s + p[k], 0) / per.length;
  return { mase: mean('mase'), smape: mean('smape'), coverage: mean('coverage') };
}

test('backtest scores match a by-hand rolling-origin evaluation, and nothing is stored', async (t) => {
  const d = await startDaemon(t);
  const y = Array.from({ length: 40 }, (_, i) => 10 + Math.sin(i / 2) * 3 + (i % 7) * 0.4 + i * 0.1);
  const r = await call(`${d.url}/v1/models/m/backtest`, 'POST', { data: y, h: 4, windows: 3, kinds: ['naive', 'mean'] });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const naive = r.body.data.results.find((x: { kind: string }) => x.kind === 'naive');
  const expected = naiveByHand(y, 4, 3);
  for (const k of ['mase', 'smape', 'coverage'] as const) assert.ok(Math.abs(naive.scores[k] - expected[k]) < 1e-9, `${k}: ${naive.scores[k]} vs ${expected[k]}`);
  assert.deepEqual(naive.windows.map((w: { trainEnd: number }) => w.trainEnd), [28, 32, 36]);
  const best = [...r.body.data.results].sort((a, b) => a.scores.mase - b.scores.mase)[0].kind;
  assert.equal(r.body.data.best, best);
  assert.equal((await call(`${d.url}/v1/models`)).body.data.length, 0);
});

test('backtest problems are named: too few values, bad h or windows, unknown kind; a kind that fails is reported', async (t) => {
  const d = await startDaemon(t);
  const y = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const bad: [object, number, string][] = [
    [{ data: y, h: 4, windows: 3 }, 422, 'data'],
    [{ data: y, h: 0 }, 400, 'h'],
    [{ data: y, h: 2, windows: 0 }, 400, 'windows'],
    [{ data: y, h: 2, kinds: ['prophet'] }, 400, 'kinds'],
    [{ data: y, h: 2, kind: 'naive' }, 400, 'kind'],
  ];
  for (const [body, status, field] of bad) {
    const r = await call(`${d.url}/v1/models/m/backtest`, 'POST', body);
    assert.equal(r.status, status, JSON.stringify(body));
    assert.ok(field in r.body.data, `${JSON.stringify(body)} names ${field}: ${JSON.stringify(r.body.data)}`);
  }
  const partly = await call(`${d.url}/v1/models/m/backtest`, 'POST', { data: y, h: 2, windows: 2, kinds: ['naive', 'snaive'] });
  assert.equal(partly.status, 200);
  const snaive = partly.body.data.results.find((x: { kind: string }) => x.kind === 'snaive');
  assert.equal(snaive.scores, null);
  assert.equal(snaive.error.code, 'MODELAPI_ERR_INVALID_SPEC', 'snaive without a period is reported, not fatal');
  assert.equal(partly.body.data.best, 'naive');
});

test('modelapi backtest prints a table with the best kind marked', async (t) => {
  const d = await startDaemon(t);
  const file = join(tempDir(t), 'series.txt');
  writeFileSync(file, Array.from({ length: 48 }, (_, i) => (i % 12) * 2 + i * 0.5).join('\n'));
  const r = await runCli(['backtest', file, '--h', '6', '--windows', '2', '--period', '12', '--kinds', 'naive,snaive', '--url', d.url]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /2 windows × 6 steps on 48 values \(period 12\)/);
  assert.match(r.stdout, /snaive \*/);
});
