import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon, tempDir } from '../support/daemon.ts';
import { call, fit, forecast, waitFor } from '../support/http.ts';
import { requestTag } from '../../src/cli/commands/fit-progress.ts';

interface Received {
  event: string;
  data: any;
}

/** Reads server-sent events from the daemon until stopped. */
async function listen(url: string) {
  const controller = new AbortController();
  const res = await request(`${url}/v1/events`, { signal: controller.signal });
  const events: Received[] = [];
  let buffer = '';
  const done = (async () => {
    try {
      for await (const chunk of res.body) {
        buffer += chunk.toString();
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
        }
      }
    } catch {
      // Ends by our abort, or when the daemon is torn down after the test: both are expected here.
    }
  })();
  return { events, headers: res.headers, stop: async () => (controller.abort(), done) };
}

test('fit events arrive in order with the request tag, then version.published; stats come every second', async (t) => {
  const d = await startDaemon(t);
  const stream = await listen(d.url);
  t.after(stream.stop);
  assert.match(String(stream.headers['content-type']), /^text\/event-stream/);
  await waitFor('the first stats event', async () => stream.events.some((e) => e.event === 'stats'));

  const answer = await call(`${d.url}/v1/models/m/fit`, 'POST', { data: [1, 2, 3, 4] }, { 'x-request-id': 'req-42' });
  assert.equal(answer.status, 201);
  await waitFor('version.published', async () => stream.events.some((e) => e.event === 'version.published'));
  const fitEvents = stream.events.filter((e) => e.event !== 'stats');
  assert.deepEqual(fitEvents.map((e) => e.event), ['fit.queued', 'fit.started', 'fit.finished', 'version.published']);
  // The stream names the request by its tag, never by the id other clients could reuse.
  const tag = requestTag('req-42');
  assert.deepEqual(fitEvents.slice(0, 3).map((e) => e.data.requestTag), [tag, tag, tag]);
  assert.doesNotMatch(JSON.stringify(stream.events), /req-42/);
  assert.equal(fitEvents[2]!.data.version, 1);
  assert.equal(fitEvents[3]!.data.model, 'm');

  const statsBefore = stream.events.filter((e) => e.event === 'stats').length;
  await waitFor('two more stats events', async () => stream.events.filter((e) => e.event === 'stats').length >= statsBefore + 2);
  const last = stream.events.filter((e) => e.event === 'stats').at(-1)!.data;
  assert.equal(last.models[0].name, 'm');
  assert.equal(last.models[0].currentVersion, 1);
});

test('a failed fit and a forecast that waited on a fit are reported', async (t) => {
  const d = await startDaemon(t);
  const stream = await listen(d.url);
  t.after(stream.stop);
  await fit(d.url, 'm', { data: [1, 2, 3], kind: 'gated' });
  await fit(d.url, 'm', { data: [4, 5, 6], kind: 'gated', fail: true });
  await waitFor('fit.failed', async () => stream.events.find((e) => e.event === 'fit.failed'));
  const failed = stream.events.find((e) => e.event === 'fit.failed')!.data;
  assert.equal(failed.code, 'MODELAPI_ERR_FIT_FAILED');
  assert.equal(failed.version, 2);
  assert.equal((await forecast(d.url, 'm')).status, 200);
  assert.equal(stream.events.filter((e) => e.event === 'forecast.waited').length, 0, 'no fit was running: nothing to report');

  const gate = join(tempDir(t), 'gate');
  const held = fit(d.url, 'm', { data: [7, 8, 9], kind: 'gated', gate });
  await waitFor('the fit to start', async () => stream.events.some((e) => e.event === 'fit.started' && e.data.version === 3));
  const waiting = forecast(d.url, 'm');
  await waitFor('the forecast to queue', async () => (await call(`${d.url}/v1/models/m`)).body.data.lock.readersWaiting === 1);
  writeFileSync(gate, '');
  await held;
  assert.equal((await waiting).body.data.version, 3);
  const waited = await waitFor('forecast.waited', async () => stream.events.find((e) => e.event === 'forecast.waited'));
  assert.equal(waited.data.version, 3);
  assert.ok(waited.data.ms > 0);
});

test('clients that disconnect are dropped; the daemon keeps no stream for them', async (t) => {
  const d = await startDaemon(t);
  const streams = await Promise.all([1, 2, 3].map(() => listen(d.url)));
  await waitFor('all three streams to get stats', async () => streams.every((s) => s.events.some((e) => e.event === 'stats')));
  const clients = async () => (await call(`${d.url}/v1/status`)).body.data.daemon.eventClients as number;
  assert.equal(await clients(), 3);
  for (const s of streams) await s.stop();
  await waitFor('the daemon to drop the three streams', async () => (await clients()) === 0);
  const again = await listen(d.url);
  t.after(again.stop);
  await waitFor('a new stream to get stats', async () => again.events.some((e) => e.event === 'stats'));
  assert.equal(await clients(), 1);
});

test('a request id that is not short and plain is replaced, not echoed', async (t) => {
  const d = await startDaemon(t);
  const stream = await listen(d.url);
  t.after(stream.stop);
  const evil = '<script>'.repeat(20);
  assert.equal((await call(`${d.url}/v1/models/m/fit`, 'POST', { data: [1, 2, 3], kind: 'naive' }, { 'x-request-id': evil })).status, 201);
  await waitFor('fit.finished', async () => stream.events.find((e) => e.event === 'fit.finished'));
  const tags = stream.events.filter((e) => e.event.startsWith('fit.')).map((e) => e.data.requestTag);
  assert.equal(new Set(tags).size, 1, 'one request, one tag');
  assert.notEqual(tags[0], requestTag(evil), 'the daemon used an id of its own');
});
