// Plain JavaScript with types in bundles.d.mts: the installed command loads this before (instead of) tsx.
import { createHash } from 'node:crypto';
import { readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The project's root directory. Inside a bundle `import.meta.url` names the bundle, so the bundler
 * writes the root in as a constant (`define`); from the sources it is this file's parent's parent.
 */
export const projectRoot =
  typeof MODELAPI_PROJECT_ROOT === 'string' ? MODELAPI_PROJECT_ROOT : join(dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles of older sources are removed once this old, and only beyond the newest few. */
const KEEP_NEWEST = 3;
const PRUNE_AFTER_MS = 7 * 24 * 3600 * 1000;

/**
 * The sources as they are now, in 16 hex digits: every file under src/ and bin/ (path, size, mtime),
 * package.json and tsconfig.json, and the Node version. Reading ~300 stats takes a few milliseconds; an
 * edited, added or removed source changes the key, so an old bundle is never run for new sources.
 */
export function sourceKey(root = projectRoot) {
  const hash = createHash('sha256').update(process.version);
  const visit = (rel) => {
    const entries = readdirSync(join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const path = `${rel}/${e.name}`;
      if (e.isDirectory()) visit(path);
      else if (e.isFile()) stamp(path);
    }
  };
  const stamp = (rel) => {
    const s = statSync(join(root, rel));
    hash.update(`\0${rel}\0${s.size}\0${s.mtimeMs}`);
  };
  for (const dir of ['bin', 'src']) visit(dir);
  stamp('package.json');
  // A production image may hold no tsconfig.json (the bundle does not need it); a missing one is a state too.
  if (exists(join(root, 'tsconfig.json'))) stamp('tsconfig.json');
  return hash.digest('hex').slice(0, 16);
}

/**
 * The sources from `entry` (a path under the root) as plain JavaScript, built by esbuild on first use
 * into node_modules/.cache/modelapi/<name>-<key>/ and reused while the sources are unchanged: a start
 * then needs neither tsx nor esbuild. Packages stay imports, resolved from the project's node_modules;
 * dynamic imports become chunks loaded when they run, so a verb loads only its own code. Returns the
 * entry's file URL, or undefined when no bundle can be had (esbuild missing, a read-only install):
 * the caller then runs the TypeScript through tsx.
 */
export async function bundleUrl(name, entry, root = projectRoot) {
  try {
    const dir = join(root, 'node_modules', '.cache', 'modelapi', `${name}-${sourceKey(root)}`);
    const out = join(dir, basename(entry).replace(/\.tsx?$/, '.js'));
    if (!exists(out)) await build(root, entry, dir);
    return pathToFileURL(out).href;
  } catch {
    return undefined;
  }
}

async function build(root, entry, dir) {
  const esbuild = await import('esbuild');
  // Built beside its final place and renamed into it, so no one ever loads half a bundle; when two
  // processes build at once, the first rename wins and the other's copy is dropped.
  const partial = `${dir}.${process.pid}.tmp`;
  try {
    await esbuild.build({
      entryPoints: [join(root, entry)],
      outdir: partial,
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      jsx: 'automatic',
      sourcemap: true,
      define: { MODELAPI_PROJECT_ROOT: JSON.stringify(root) },
      logLevel: 'silent',
    });
    try {
      renameSync(partial, dir);
    } catch (err) {
      if (!exists(dir)) throw err;
    }
  } finally {
    rmSync(partial, { recursive: true, force: true });
    // esbuild keeps a service process for later builds; there are none.
    esbuild.stop();
  }
  prune(dirname(dir), basename(dir));
}

/** Removes bundles of older sources that are a week old, beyond the newest few (a long-running daemon may still load their chunks). */
function prune(parent, keep) {
  try {
    const prefix = keep.slice(0, keep.lastIndexOf('-') + 1);
    const old = readdirSync(parent)
      .filter((n) => n.startsWith(prefix) && n !== keep && !n.endsWith('.tmp'))
      .map((n) => ({ n, at: statSync(join(parent, n)).mtimeMs }))
      .sort((a, b) => b.at - a.at)
      .slice(KEEP_NEWEST - 1);
    for (const { n, at } of old) if (Date.now() - at > PRUNE_AFTER_MS) rmSync(join(parent, n), { recursive: true, force: true });
  } catch {
    // Pruning is housekeeping: a failure must not stop the command.
  }
}

function exists(path) {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
