import { lstatSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** The file-system calls ensureDir makes; a test replaces them to act as a pseudo file system would. */
export interface DirCalls {
  mkdir(path: string): void;
  /** true for a directory, false for anything else, undefined where stat finds nothing. */
  isDirectory(path: string): boolean | undefined;
  isSymlink(path: string): boolean;
}

const realCalls: DirCalls = {
  mkdir: (path) => mkdirSync(path),
  isDirectory: (path) => {
    try {
      return statSync(path).isDirectory();
    } catch {
      return undefined; // nothing there (or nothing reachable: a dangling link, a file as a parent)
    }
  },
  isSymlink: (path) => lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() ?? false,
};

/**
 * Creates `dir` and its missing parents, one level at a time. Not `mkdirSync(dir, {recursive: true})`:
 * on Node 20 that loops forever, at full CPU and deaf to signals, where mkdir keeps answering ENOENT for
 * a parent that exists (a pseudo file system such as /proc). Here every level is tried once, so such a
 * path fails at once with the error the operator can act on.
 */
export function ensureDir(dir: string, calls: DirCalls = realCalls): void {
  const missing: string[] = [];
  let at = dir;
  let kind: boolean | undefined;
  while ((kind = calls.isDirectory(at)) === undefined) {
    missing.push(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  if (missing.length === 0 && !kind) {
    throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), { code: 'ENOTDIR', path: dir });
  }
  for (const level of missing.reverse()) {
    try {
      calls.mkdir(level);
    } catch (err) {
      // Another process may have made it between our check and our mkdir; that is what we wanted.
      if ((err as { code?: string }).code !== 'EEXIST' || calls.isDirectory(level) === undefined) throw named(err, level, calls);
    }
  }
}

/** mkdir says EEXIST where stat finds nothing: a symbolic link whose target is gone. Say so. */
function named(err: unknown, level: string, calls: DirCalls): unknown {
  if ((err as { code?: string }).code !== 'EEXIST' || !calls.isSymlink(level)) return err;
  return Object.assign(new Error(`dangling symbolic link, mkdir '${level}'`), { code: 'MODELAPI_DANGLING_SYMLINK', path: level });
}
