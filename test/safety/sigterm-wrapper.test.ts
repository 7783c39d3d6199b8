import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { request } from 'undici';
import { ROOT, tempDir } from '../support/daemon.ts';
import { waitFor } from '../support/http.ts';

const refused = async (url: string) => {
  try {
    await (await request(`${url}/healthz`)).body.text();
    return false;
  } catch (err) {
    return (err as { code?: string }).code === 'ECONNREFUSED';
  }
};

test('SIGTERM to the `npx modelapi serve` wrapper stops the daemon under it', async (t) => {
  const db = join(tempDir(t), 'models.db');
  // detached: its own process group, so the teardown can stop whatever is left of npm, sh and node.
  const npx = spawn('npx', ['modelapi', 'serve', '--port', '0', '--db', db, '--log-level', 'info'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  t.after(() => {
    try {
      process.kill(-npx.pid!, 'SIGKILL');
    } catch {}
  });
  let stderr = '';
  npx.stderr!.on('data', (c) => (stderr += c));
  const [line] = (await once(createInterface({ input: npx.stdout! }), 'line')) as [string];
  const url = /listening on (\S+)/.exec(line)![1]!;

  npx.kill('SIGTERM');
  await waitFor('the daemon to stop listening', () => refused(url), 20_000, 100);
  await waitFor('the daemon to log its stop', async () => /"msg":"stopped"/.test(stderr), 20_000, 100);
  assert.match(stderr, /parent process \d+ \(npm exec\) exited/);
});
