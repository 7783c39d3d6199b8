import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, resolveConfig } from '../../src/daemon/index.ts';

test('options beat MODELAPI_* variables, which beat defaults', () => {
  const env = { MODELAPI_PORT: '6000', MODELAPI_LOCK_TIMEOUT: '2s', XDG_DATA_HOME: '/data' };
  const fromEnv = resolveConfig({}, env);
  assert.equal(fromEnv.port, 6000);
  assert.equal(fromEnv.lockTimeoutMs, 2000);
  assert.equal(fromEnv.dbPath, '/data/modelapi/modelapi.db');
  assert.equal(fromEnv.fitTimeoutMs, 300_000);
  assert.equal(fromEnv.maxBodyBytes, 50 * 1024 * 1024);
  assert.equal(fromEnv.host, '127.0.0.1');
  const fromFlag = resolveConfig({ port: '0', lockTimeoutMs: '500ms', maxBodyBytes: '1mb' }, env);
  assert.equal(fromFlag.port, 0);
  assert.equal(fromFlag.lockTimeoutMs, 500);
  assert.equal(fromFlag.maxBodyBytes, 1024 * 1024);
});

test('bad values are refused naming the flag or the variable', () => {
  assert.throws(() => resolveConfig({ port: '70000' }, {}), (e: Error) => e instanceof ConfigError && /--port/.test(e.message));
  assert.throws(() => resolveConfig({}, { MODELAPI_FIT_TIMEOUT: 'soon' }), /MODELAPI_FIT_TIMEOUT/);
  assert.throws(() => resolveConfig({ maxBodyBytes: '10' }, {}), /--max-body/);
  assert.throws(() => resolveConfig({ logLevel: 'loud' }, {}), /--log-level/);
  assert.throws(() => resolveConfig({ fitWorkers: '0' }, {}), /--fit-workers/);
  assert.throws(() => resolveConfig({}, { MODELAPI_WORKER_SESSIONS: '0' }), /MODELAPI_WORKER_SESSIONS/);
});

test('ONNX sessions have their own bound, apart from the fitted-state cache', () => {
  const defaults = resolveConfig({}, {});
  // The fitted-state count must exceed the models a client rotates over: a dropped state is rebuilt
  // from its version and every chunk appended since. Sessions hold native memory, so they stay few.
  assert.ok(defaults.workerCacheSize >= 1000, `workerCacheSize ${defaults.workerCacheSize}`);
  assert.equal(defaults.workerSessions, 64);
  const set = resolveConfig({ workerSessions: '3' }, { MODELAPI_WORKER_CACHE: '10' });
  assert.equal(set.workerSessions, 3);
  assert.equal(set.workerCacheSize, 10);
});
