import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startDaemon } from '../support/daemon.ts';
import { call } from '../support/http.ts';

const melbourne = readFileSync(new URL('../../fixtures/melbourne_min_temp.json', import.meta.url), 'utf8');

test('the original API: POST /api/fit_model and GET /api/forecast/:steps act on model "default"', async (t) => {
  const d = await startDaemon(t);
  const fitted = await call(`${d.url}/api/fit_model`, 'POST', melbourne);
  assert.equal(fitted.status, 201);
  assert.equal(fitted.body.data.model, 'default');
  assert.equal(fitted.body.data.version, 1);

  const fc = await call(`${d.url}/api/forecast/500`);
  assert.equal(fc.status, 200);
  assert.equal(fc.body.status, 'success');
  assert.equal(fc.body.data.forecast.length, 500);
  const v1 = await call(`${d.url}/v1/models/default/forecast?h=500`);
  assert.deepEqual(v1.body.data, fc.body.data, 'the same answer as the versioned route');
});

test('the compatibility forecast before any fit is a 404 naming the model', async (t) => {
  const d = await startDaemon(t);
  const fc = await call(`${d.url}/api/forecast/5`);
  assert.equal(fc.status, 404);
  assert.equal(fc.body.code, 'MODELAPI_ERR_MODEL_NOT_FOUND');
});
