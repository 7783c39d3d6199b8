import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates `dir` and its missing parents, one level at a time. Not `mkdirSync(dir, {recursive: true})`:
 * on Node 20 that loops forever, at full CPU and deaf to signals, where mkdir keeps answering ENOENT for
 * a parent that exists (a pseudo file system such as /proc). Here every level is tried once, so such a
 * path fails at once with the error the operator can act on.
 */
export function ensureDir(dir: string): void {
  const missing: string[] = [];
  let at = dir;
  while (!exists(at)) {
    missing.push(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  if (missing.length === 0 && !statSync(dir).isDirectory()) {
    throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), { code: 'ENOTDIR', path: dir });
  }
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level);
    } catch (err) {
      // Another process may have made it between our check and our mkdir; that is what we wanted.
      if ((err as { code?: string }).code !== 'EEXIST' || !exists(level)) throw err;
    }
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
