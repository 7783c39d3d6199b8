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
    const text = body as string;
    if (text.trim() === '') return done(ApiError.field('MODELAPI_ERR_INVALID_JSON', 'body', 'is empty; send a JSON object'), undefined);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      return done(ApiError.field('MODELAPI_ERR_INVALID_JSON', 'body', `is not valid JSON: ${(err as Error).message}`), undefined);
    }
    if (FORBIDDEN.some((word) => text.includes(word))) {
      const bad = findForbiddenKey(value);
      if (bad) return done(ApiError.field('MODELAPI_ERR_VALIDATION', bad, 'is not an allowed field name'), undefined);
    }
    done(null, value);
  });
}

function findForbiddenKey(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    for (const v of value) {
      const bad = findForbiddenKey(v);
      if (bad) return bad;
    }
  } else if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN.includes(key)) return key;
      const bad = findForbiddenKey((value as Record<string, unknown>)[key]);
      if (bad) return bad;
    }
  }
  return undefined;
}
