import type { LabelChanges, Labels } from '../../store/index.ts';
import { ApiError } from '../errors.ts';

const KEY = /^[a-z0-9_.-]{1,63}$/;
export const MAX_LABELS = 32;
export const MAX_LABEL_VALUE = 256;

const fail = (field: string, message: string) => ApiError.field('MODELAPI_ERR_VALIDATION', field, message);

/**
 * Label changes from a request: `{key: "value"}` sets, `{key: null}` removes (only where removal makes
 * sense, as in PATCH). Keys are lower-case ASCII so they read the same in URLs, CSV headers and logs.
 */
export function parseLabelChanges(input: unknown, field: string, allowRemove: boolean): LabelChanges {
  if (input === undefined) return {};
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw fail(field, 'must be an object of key: "value" pairs');
  const changes: LabelChanges = {};
  for (const [key, value] of Object.entries(input)) {
    if (!KEY.test(key)) throw fail(`${field}.${key}`, 'label keys are 1 to 63 characters from a-z 0-9 _ . -');
    if (value === null && allowRemove) changes[key] = null;
    else if (typeof value !== 'string') throw fail(`${field}.${key}`, allowRemove ? 'must be a string, or null to remove the label' : 'must be a string');
    else if (value.length > MAX_LABEL_VALUE) throw fail(`${field}.${key}`, `must be at most ${MAX_LABEL_VALUE} characters`);
    else changes[key] = value;
  }
  return changes;
}

/** The labels a model would have after the changes; more than MAX_LABELS is refused before anything is stored. */
export function mergeLabels(current: Labels, changes: LabelChanges, field: string): Labels {
  const merged: Labels = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  if (Object.keys(merged).length > MAX_LABELS) throw fail(field, `a model has at most ${MAX_LABELS} labels`);
  return merged;
}

/** `key=value` filters from a query string (`label=chain=acme&label=region=n`). */
export function parseLabelFilters(input: string | string[] | undefined): [string, string][] {
  const items = input === undefined ? [] : Array.isArray(input) ? input : [input];
  return items.map((item) => {
    const eq = item.indexOf('=');
    const key = eq < 0 ? item : item.slice(0, eq);
    if (eq < 0 || !KEY.test(key)) throw fail('label', `'${item}' is not key=value with a key of a-z 0-9 _ . -`);
    return [key, item.slice(eq + 1)];
  });
}
