import { createHash } from 'node:crypto';
import { ApiError } from '../errors.ts';
import { checkModelName } from './model-name.ts';

/**
 * Registry pages are keyset pages: the cursor names the last model of the previous page, so adding or
 * deleting models while a client pages never repeats or skips one. It also carries a fingerprint of the
 * filter, so a cursor is refused with another query instead of silently paging something else.
 */
function fingerprint(filter: unknown): string {
  return createHash('sha256').update(JSON.stringify(filter)).digest('base64url').slice(0, 12);
}

export function encodeCursor(after: string, filter: unknown): string {
  return Buffer.from(JSON.stringify({ a: after, f: fingerprint(filter) })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, filter: unknown): string | undefined {
  if (cursor === undefined) return undefined;
  const bad = (why: string) => ApiError.field('MODELAPI_ERR_VALIDATION', 'cursor', `${why}; use the 'next' value of the previous page`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad('is not a cursor this daemon issued');
  }
  const { a, f } = (parsed ?? {}) as { a?: unknown; f?: unknown };
  if (typeof a !== 'string' || typeof f !== 'string') throw bad('is not a cursor this daemon issued');
  try {
    checkModelName(a);
  } catch {
    throw bad('is not a cursor this daemon issued');
  }
  if (f !== fingerprint(filter)) throw bad('belongs to a query with other filters');
  return a;
}
