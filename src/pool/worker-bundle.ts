import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

/**
 * The worker module as one plain JavaScript file, so a worker thread starts without tsx. Through tsx
 * each thread resolved and transformed some 110 TypeScript modules over Node 20's loader-hook thread:
 * 1.2 s before the pools were ready, most of the daemon's start-up. esbuild bundles the same sources
 * (about 0.1 s, in its own process) into node_modules/.cache/modelapi, named by the content's hash, so
 * a changed source is never served from an old bundle. Packages stay imports (native addons, and
 * onnxruntime loaded on first use), resolved from the project's node_modules as before.
 *
 * Returns undefined when bundling is not possible (esbuild missing, a read-only install): the workers
 * then load the TypeScript through tsx, as they always could.
 */
export async function buildWorkerBundle(): Promise<string | undefined> {
  let stop: (() => void) | undefined;
  try {
    const esbuild = await import('esbuild');
    stop = esbuild.stop;
    const result = await esbuild.build({
      entryPoints: [join(here, 'worker.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.contents;
    const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
    const dir = join(root, 'node_modules', '.cache', 'modelapi');
    const file = join(dir, `worker-${hash}.mjs`);
    if (!existsSync(file)) {
      mkdirSync(dir, { recursive: true });
      // Written under another name and renamed, so a daemon starting beside us never loads half a file.
      const partial = `${file}.${process.pid}.tmp`;
      writeFileSync(partial, code);
      renameSync(partial, file);
    }
    return pathToFileURL(file).href;
  } catch {
    return undefined;
  } finally {
    // esbuild keeps its service process for later builds; there are none.
    stop?.();
  }
}
