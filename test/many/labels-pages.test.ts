import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDaemon } from '../support/daemon.ts';
import { call, fit } from '../support/http.ts';

const names = (answer: { body: { data: { name: string }[] } }) => answer.body.data.map((m) => m.name);

test('labels set at fit and by PATCH filter the registry; bad labels are refused by name and change nothing', async (t) => {
  const d = await startDaemon(t);
  assert.equal((await fit(d.url, 's1', { data: [1, 2, 3], kind: 'naive', labels: { chain: 'acme', region: 'n' } })).status, 201);
  await fit(d.url, 's2', { data: [1, 2, 4], kind: 'naive', labels: { chain: 'acme', region: 's' } });
  await fit(d.url, 's3', { data: [1, 2, 5], kind: 'mean', labels: { chain: 'other' } });

  assert.deepEqual((await call(`${d.url}/v1/models/s1`)).body.data.labels, { chain: 'acme', region: 'n' });
  assert.deepEqual(names(await call(`${d.url}/v1/models?label=chain%3Dacme`)), ['s1', 's2']);
  assert.deepEqual(names(await call(`${d.url}/v1/models?label=chain%3Dacme&label=region%3Ds`)), ['s2']);
  assert.deepEqual(names(await call(`${d.url}/v1/models?kind=mean`)), ['s3']);

  const patched = await call(`${d.url}/v1/models/s1`, 'PATCH', { labels: { region: null, tier: 'gold' } });
  assert.equal(patched.status, 200);
  assert.deepEqual(patched.body.data.labels, { chain: 'acme', tier: 'gold' });
  // A refit with labels changes them too, even when the data are the same and nothing is refitted.
  const reused = await fit(d.url, 's3', { data: [1, 2, 5], kind: 'mean', labels: { chain: 'acme' } });
  assert.equal(reused.body.data.reused, true);
  assert.deepEqual(names(await call(`${d.url}/v1/models?label=chain%3Dacme`)), ['s1', 's2', 's3']);

  const bad: [string, 'POST' | 'PATCH', unknown, number, string][] = [
    ['/v1/models/s1', 'PATCH', { labels: { 'Bad Key': 'x' } }, 400, 'labels.Bad Key'],
    ['/v1/models/s1', 'PATCH', { labels: { k: 5 } }, 400, 'labels.k'],
    ['/v1/models/s1', 'PATCH', { labels: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`k${i}`, 'v'])) }, 400, 'labels'],
    ['/v1/models/none', 'PATCH', { labels: { a: 'b' } }, 404, 'model'],
    ['/v1/models/s9/fit', 'POST', { data: [1, 2], kind: 'naive', labels: { k: null } }, 400, 'labels.k'],
    ['/v1/models/s9/fit', 'POST', { data: [1, 2], kind: 'naive', labels: ['x'] }, 400, 'labels'],
  ];
  for (const [path, method, body, status, field] of bad) {
    const r = await call(`${d.url}${path}`, method, body);
    assert.equal(r.status, status, `${method} ${path} ${JSON.stringify(body).slice(0, 60)}`);
    assert.ok(field in r.body.data, `names ${field}: ${JSON.stringify(r.body.data)}`);
  }
  assert.deepEqual((await call(`${d.url}/v1/models/s1`)).body.data.labels, { chain: 'acme', tier: 'gold' }, 'refused changes stored nothing');
  assert.equal((await call(`${d.url}/v1/models/s9`)).status, 404);
  for (const query of ['label=novalue', 'label=BAD%3Dx', 'state=broken', 'limit=0', 'limit=1001']) {
    assert.equal((await call(`${d.url}/v1/models?${query}`)).status, 400, query);
  }
});

test('pages by cursor see every model once, also while models are added during paging; tampered cursors are refused', async (t) => {
  const d = await startDaemon(t);
  const initial = Array.from({ length: 11 }, (_, i) => `m${String(i).padStart(2, '0')}`);
  for (const name of initial) await fit(d.url, name, { data: [1, 2, 3], kind: 'naive', labels: { batch: 'one' } });

  const seen: string[] = [];
  let next: string | undefined;
  let pages = 0;
  do {
    const r = await call(`${d.url}/v1/models?label=batch%3Done&limit=3${next ? `&cursor=${next}` : ''}`);
    assert.equal(r.status, 200);
    seen.push(...names(r));
    next = r.headers['x-next-cursor'] as string | undefined;
    if (next) assert.match(String(r.headers.link), /rel="next"/);
    // New models on both sides of the cursor while the client pages.
    await fit(d.url, `a-new-${pages}`, { data: [1, 2, 3], kind: 'naive', labels: { batch: 'one' } });
    await fit(d.url, `z-new-${pages}`, { data: [1, 2, 3], kind: 'naive', labels: { batch: 'one' } });
    pages++;
  } while (next);
  assert.equal(new Set(seen).size, seen.length, 'no model twice');
  for (const name of initial) assert.ok(seen.includes(name), `${name} was not skipped`);
  assert.deepEqual(seen, [...seen].sort(), 'stable name order');

  const first = await call(`${d.url}/v1/models?limit=2`);
  const cursor = first.headers['x-next-cursor'] as string;
  assert.ok(cursor);
  const otherFilter = await call(`${d.url}/v1/models?limit=2&label=batch%3Done&cursor=${cursor}`);
  assert.equal(otherFilter.status, 400);
  assert.ok('cursor' in otherFilter.body.data);
  const tampered = Buffer.from(JSON.stringify({ a: '../etc', f: 'x' })).toString('base64url');
  for (const c of ['garbage!', tampered, Buffer.from('[1]').toString('base64url')]) {
    const r = await call(`${d.url}/v1/models?limit=2&cursor=${encodeURIComponent(c)}`);
    assert.equal(r.status, 400, c);
    assert.equal(r.body.code, 'MODELAPI_ERR_VALIDATION');
  }
});
