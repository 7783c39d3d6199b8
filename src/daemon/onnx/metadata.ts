import { ApiError } from '../errors.ts';
import { parseJsonText } from './json-text.ts';

const STRING_FIELDS = ['description', 'owner'];

/**
 * A deployment's metadata: a JSON object kept with the version and shown in the registry. `description`
 * and `owner` are strings, `tags` a list of strings; other keys may hold strings, numbers or booleans.
 */
export function checkMetadata(value: unknown, field = 'metadata'): Record<string, unknown> {
  if (value === undefined) return {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw ApiError.field('MODELAPI_ERR_VALIDATION', field, 'must be a JSON object');
  for (const [key, v] of Object.entries(value)) {
    const where = `${field}.${key}`;
    if (STRING_FIELDS.includes(key) && typeof v !== 'string') throw ApiError.field('MODELAPI_ERR_VALIDATION', where, 'must be a string');
    if (key === 'tags' && !(Array.isArray(v) && v.every((t) => typeof t === 'string'))) {
      throw ApiError.field('MODELAPI_ERR_VALIDATION', where, 'must be a list of strings');
    }
    if (key !== 'tags' && !['string', 'number', 'boolean'].includes(typeof v)) {
      throw ApiError.field('MODELAPI_ERR_VALIDATION', where, 'must be a string, a number or a boolean');
    }
  }
  return value as Record<string, unknown>;
}

/** The metadata part of a multipart deploy: JSON text. */
export function parseMetadataText(text: string): Record<string, unknown> {
  return checkMetadata(parseJsonText(text, 'metadata'));
}
