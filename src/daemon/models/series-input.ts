import { createHash } from 'node:crypto';
import { ApiError } from '../errors.ts';

/** JSON values (numbers, null for missing) → float64 with NaN for missing. */
export function toSeries(data: readonly (number | null)[]): Float64Array {
  const y = new Float64Array(data.length);
  let observed = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v === null || v === undefined) {
      y[i] = Number.NaN;
    } else {
      if (!Number.isFinite(v)) throw ApiError.field('MODELAPI_ERR_VALIDATION', `data[${i}]`, 'must be a finite number or null');
      y[i] = v;
      observed++;
    }
  }
  if (data.length === 0) throw ApiError.field('MODELAPI_ERR_VALIDATION', 'data', 'must hold at least one value');
  if (observed === 0) throw ApiError.field('MODELAPI_ERR_UNFITTABLE', 'data', 'all values are missing');
  return y;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Identifies a fit request: the same series with the same kind and spec need no refit. */
export function fitHash(kind: string, spec: unknown, y: Float64Array): string {
  return createHash('sha256')
    .update(kind)
    .update('\0')
    .update(canonical(spec))
    .update('\0')
    .update(new Uint8Array(y.buffer, y.byteOffset, y.byteLength))
    .digest('hex');
}
