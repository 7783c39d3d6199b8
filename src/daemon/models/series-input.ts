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

type CanonicalTask = { text: string } | { value: unknown };

/**
 * JSON with object keys sorted, so equal values hash equally. Iterative, not recursive: it hashes request
 * bodies (idempotency), which may nest deeper than the call stack (a 500 before this).
 */
export function canonical(value: unknown): string {
  const out: string[] = [];
  const stack: CanonicalTask[] = [{ value }];
  while (stack.length > 0) {
    const task = stack.pop()!;
    if ('text' in task) {
      out.push(task.text);
      continue;
    }
    const v = task.value;
    const next: CanonicalTask[] = [];
    if (Array.isArray(v)) {
      next.push({ text: '[' });
      v.forEach((item, i) => next.push(...(i > 0 ? [{ text: ',' }] : []), { value: item }));
      next.push({ text: ']' });
    } else if (v && typeof v === 'object') {
      next.push({ text: '{' });
      Object.keys(v).sort().forEach((k, i) => next.push({ text: `${i > 0 ? ',' : ''}${JSON.stringify(k)}:` }, { value: (v as Record<string, unknown>)[k] }));
      next.push({ text: '}' });
    } else {
      out.push(String(JSON.stringify(v)));
    }
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]!);
  }
  return out.join('');
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
