import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SseClient } from '../../src/cli/live/sse-client.ts';
import { waitFor } from '../support/http.ts';

test('the client reads events split across TCP writes, reconnects when the stream ends, and stop() ends it', async (t) => {
  let connections = 0;
  const server = createServer((_req, res) => {
    connections++;
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    // One event cut mid-line and mid-character (☃ is three bytes), then the stream ends. The pieces are
    // written on later turns so that they reach the client as separate chunks.
    const bytes = Buffer.from(`retry: 1000\n\n: keep-alive\n\nid: ${connections}\nevent: stats\ndata: {"n":${connections},"s":"☃"}\n\n`);
    const cut = bytes.indexOf(Buffer.from('☃')) + 1;
    res.write(bytes.subarray(0, 20));
    setTimeout(() => res.write(bytes.subarray(20, cut)), 5);
    setTimeout(() => res.end(bytes.subarray(cut)), 10);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => server.close());
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/events`;

  const seen: string[] = [];
  const downs: string[] = [];
  let opens = 0;
  const client = new SseClient(url, {
    onOpen: () => opens++,
    onEvent: (ev) => seen.push(`${ev.event} ${ev.id} ${ev.data}`),
    onDown: (reason) => downs.push(reason),
  });
  client.start();
  // Also on failure: a client left running would reconnect forever and keep the test process alive.
  t.after(() => client.stop());
  await waitFor('two connections', async () => seen.length >= 2, 10_000, 10);
  // Every event arrives whole, each from its own connection (an attempt may fail on a busy machine).
  for (const line of seen) assert.match(line, /^stats (\d+) \{"n":\1,"s":"☃"\}$/, `${line}; downs: ${downs.join(', ')}`);
  assert.equal(new Set(seen).size, seen.length);
  assert.ok(opens >= 2);
  assert.equal(downs[0], 'the daemon closed the stream');
  // stop() resolves only once the reconnect loop has returned, so nothing can connect after it.
  await client.stop();
  const after = connections;
  client.reconnect();
  await new Promise((r) => setImmediate(r));
  assert.equal(connections, after, 'no reconnection after stop()');
});
