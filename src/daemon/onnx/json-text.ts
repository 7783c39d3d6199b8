import { ApiError } from '../errors.ts';

/** JSON text that is not the request body (a multipart field, a WebSocket message, a binary request's header). */
export function parseJsonText(text: string, field: string, what = 'is not valid JSON'): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw ApiError.field('MODELAPI_ERR_INVALID_JSON', field, `${what}: ${(err as Error).message}`);
  }
}
