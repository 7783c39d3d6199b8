import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.ts';

const FORBIDDEN = ['__proto__', 'constructor', 'prototype'];

/**
 * Parses JSON bodies ourselves so that errors name what is wrong: the syntax error with its position,
 * or the forbidden key (prototype-pollution attempts) by name. Plain JSON.parse is the fast path;
 * the key scan runs only when a forbidden word appears in the text at all.
 */
export function installJsonParser(app: FastifyInstance): void {
  // JSON only: a text/plain body would otherwise reach validation as a string and get a vaguer 400.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    let value: unknown;
    try {
      value = parseJsonBody(body as string);
    } catch (err) {
      return done(err as ApiError, undefined);
    }
    done(null, value);
  });
}

/** A request body's JSON text → its value; the ApiError thrown names the syntax error or the forbidden key. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw ApiError.field('MODELAPI_ERR_INVALID_JSON', 'body', 'is empty; send a JSON object');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw ApiError.field('MODELAPI_ERR_INVALID_JSON', 'body', `is not valid JSON: ${(err as Error).message}`);
  }
  // An escaped key ("\u005f_proto__") hides the word from the text test, so escapes trigger the scan too.
  if (text.includes('\\u') || FORBIDDEN.some((word) => text.includes(word))) {
    const bad = findForbiddenKey(value);
    if (bad) throw ApiError.field('MODELAPI_ERR_VALIDATION', bad, 'is not an allowed field name');
  }
  return value;
}

/** Walks the parsed value with its own stack: nesting as deep as JSON.parse accepts cannot overflow it. */
function findForbiddenKey(root: unknown): string | undefined {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const v of value) if (typeof v === 'object' && v !== null) stack.push(v);
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN.includes(key)) return key;
      stack.push((value as Record<string, unknown>)[key]);
    }
  }
  return undefined;
}
