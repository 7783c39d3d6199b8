import type { TestContext } from 'node:test';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { EarlyResponder } from '../../src/daemon/http/early-responder.ts';
import { startDaemon } from './daemon.ts';

/**
 * A real node:http server with an early responder in front (as the daemon's server factory puts it)
 * and a fallback standing for Fastify that answers 299 "fallback": what the responder declines, or
 * gives back later through its fallback, is seen as a 299.
 */
export async function serveEarly(t: TestContext, early: EarlyResponder): Promise<{ base: string; port: number }> {
  const fallback = (req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    res.writeHead(299).end('fallback');
  };
  const server = createServer((req, res) => {
    if (!early(req, res, () => fallback(req, res))) fallback(req, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => server.close());
  const { port } = server.address() as { port: number };
  return { base: `http://127.0.0.1:${port}`, port };
}

/**
 * Two daemons that differ only in their log level: at debug every request goes through Fastify (to be
 * logged), at the default level the early paths take theirs. Tests compare their answers byte for byte.
 */
export async function debugAndDefaultDaemons(t: TestContext, args: string[] = []): Promise<readonly [string, string]> {
  const [fastifyOnly, early] = await Promise.all([
    startDaemon(t, { args: ['--log-level', 'debug', ...args], testKinds: false }),
    startDaemon(t, { args, testKinds: false }),
  ]);
  return [fastifyOnly.url, early.url] as const;
}
