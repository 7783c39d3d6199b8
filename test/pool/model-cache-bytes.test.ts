import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelCache } from '../../src/pool/model-cache.ts';

test('the workers\' model cache is bounded by bytes as well as entries, least recently used first out', () => {
  const cache = new ModelCache<string>(100, 1000);
  cache.set('a@1', 'a', 400);
  cache.set('b@1', 'b', 400);
  assert.equal(cache.get('a@1'), 'a', 'a is now the most recently used');
  cache.set('c@1', 'c', 400);
  assert.equal(cache.get('b@1'), undefined, 'b went: 1,200 bytes would pass the bound');
  assert.deepEqual([cache.get('a@1'), cache.get('c@1')], ['a', 'c']);
  assert.equal(cache.bytes, 800);

  cache.set('huge@1', 'huge', 5000);
  assert.equal(cache.get('huge@1'), undefined, 'an entry over the whole budget is not kept');
  assert.equal(cache.size, 2, 'and does not push the others out');

  cache.set('a@1', 'a2', 100);
  assert.equal(cache.bytes, 500, 'replacing an entry replaces its size');
});

test('the entry bound still holds', () => {
  const cache = new ModelCache<number>(2);
  for (let i = 0; i < 5; i++) cache.set(`m@${i}`, i, 1);
  assert.equal(cache.size, 2);
  assert.deepEqual([cache.get('m@3'), cache.get('m@4'), cache.get('m@2')], [3, 4, undefined]);
});

test('a model is dropped whole, and older versions go once a newer one is cached, without touching other models', () => {
  const cache = new ModelCache<string>(100, 10_000);
  for (const key of ['m@1', 'm@2', 'm@3', 'm@x@1', 'n@1']) cache.set(key, key, 10);
  cache.deleteOlderVersions('m', 3);
  assert.deepEqual(['m@1', 'm@2', 'm@3', 'm@x@1', 'n@1'].map((k) => cache.get(k)), [undefined, undefined, 'm@3', 'm@x@1', 'n@1']);
  assert.equal(cache.bytes, 30);
  cache.deleteModel('m@x');
  assert.equal(cache.get('m@x@1'), undefined, "model 'm@x' is its own model");
  assert.equal(cache.get('m@3'), 'm@3');
  cache.deleteModel('m');
  assert.equal(cache.size, 1);
  assert.equal(cache.bytes, 10);
});
