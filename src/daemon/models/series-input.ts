import { createHash } from 'node:crypto';
import type { TimeIndex } from '../../store/index.ts';
import { ApiError } from '../errors.ts';

/** JSON values (numbers, null for missing) → float64 with NaN for missing; at least one observed. */
export function toSeries(data: readonly (number | null)[]): Float64Array {
  const y = toPoints(data);
  if (y.every(Number.isNaN)) throw ApiError.field('MODELAPI_ERR_UNFITTABLE', 'data', 'all values are missing');
  return y;
}

/** JSON values → float64 with NaN for missing; missing values only are allowed (appends may be gaps). */
export function toPoints(data: readonly (number | null)[]): Float64Array {
  const y = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v === null || v === undefined) {
      y[i] = Number.NaN;
    } else {
      if (!Number.isFinite(v)) throw ApiError.field('MODELAPI_ERR_VALIDATION', `data[${i}]`, 'must be a finite number or null');
      y[i] = v;
    }
  }
  if (data.length === 0) throw ApiError.field('MODELAPI_ERR_VALIDATION', 'data', 'must hold at least one value');
  return y;
}

export function canonical(value: unknown): string {
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
export function fitHash(kind: string, spec: unknown, y: Float64Array, timeIndex: TimeIndex | null = null): string {
  const h = createHash('sha256')
    .update(kind)
    .update('\0')
    .update(canonical(spec))
    .update('\0')
    .update(new Uint8Array(y.buffer, y.byteOffset, y.byteLength));
  // Without timestamps the hash is what it always was, so versions stored before them are still reused.
  if (timeIndex) h.update(`\0${timeIndex.startMs}/${timeIndex.step}/${timeIndex.unit}`);
  return h.digest('hex');
}
