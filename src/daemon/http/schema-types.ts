import { Type, type Static, type TSchema } from '@sinclair/typebox';

// Response schemas are compiled by fast-json-stringify. It writes an `anyOf` by running Ajv on the value
// against each branch, on every answer (and compiles those validators inside the first answer: 28 ms
// of a registry page's first response); a list of types or an enum it writes with a typeof check.

/** `T | null`, as `{type: [T's type, 'null']}` rather than `anyOf`. */
export function nullable<T extends TSchema & { type: string }>(t: T) {
  return Type.Unsafe<Static<T> | null>({ ...t, type: [t.type, 'null'] });
}

/** One of these strings, as an `enum` rather than an `anyOf` of constants. */
export function stringEnum<const V extends readonly string[]>(values: V, opts: { description?: string } = {}) {
  return Type.Unsafe<V[number]>({ type: 'string', enum: [...values], ...opts });
}
