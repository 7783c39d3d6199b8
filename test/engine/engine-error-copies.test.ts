import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineError } from '../../src/forecasting/errors.ts';

// The daemon runs from a bundle while a TypeScript kinds module imports the sources: two copies of
// errors.ts. A second module instance (a different URL) is such a copy.
test('an EngineError from another copy of the engine is still an EngineError; other errors are not', async () => {
  const copy = (await import(`../../src/forecasting/errors.ts?copy=${Date.now()}`)) as typeof import('../../src/forecasting/errors.ts');
  assert.notEqual(copy.EngineError, EngineError, 'the import is a second copy of the class');
  const theirs = new copy.EngineError('MODELAPI_ERR_FIT_FAILED', 'from the copy', 'data');
  assert.ok(theirs instanceof EngineError);
  assert.ok(new EngineError('MODELAPI_ERR_UNFITTABLE', 'ours') instanceof copy.EngineError);
  assert.ok(!(new Error('plain') instanceof EngineError));
  assert.ok(!(Object.assign(new Error('look-alike'), { code: 'MODELAPI_ERR_FIT_FAILED' }) instanceof EngineError));
  assert.ok(!((null as unknown) instanceof EngineError) && !(('text' as unknown) instanceof EngineError));
  // A subclass keeps the ordinary check: an EngineError is not one of its instances.
  class Narrow extends EngineError {}
  assert.ok(new Narrow('MODELAPI_ERR_FIT_FAILED', 'narrow') instanceof Narrow);
  assert.ok(!(theirs instanceof Narrow));
});
