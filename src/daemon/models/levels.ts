import { DEFAULT_LEVELS } from '../../forecasting/index.ts';
import { ApiError } from '../errors.ts';
const MAX_LEVELS = 10;

/** `level=80,95` or `level=80&level=95` → [80, 95]: each strictly between 0 and 100, sorted, unique. */
export function parseLevels(raw: string | string[] | undefined): number[] {
  if (raw === undefined) return [...DEFAULT_LEVELS];
  const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((s) => s.split(',')).map((s) => s.trim());
  const levels = new Set<number>();
  for (const p of parts) {
    const n = /^\d+(\.\d+)?$/.test(p) ? Number(p) : Number.NaN;
    if (!(n > 0 && n < 100)) {
      throw ApiError.field('MODELAPI_ERR_VALIDATION', 'level', `'${p}' is not a level: use percentages strictly between 0 and 100, e.g. 80,95`);
    }
    levels.add(n);
  }
  if (levels.size > MAX_LEVELS) throw ApiError.field('MODELAPI_ERR_VALIDATION', 'level', `at most ${MAX_LEVELS} levels`);
  return [...levels].sort((a, b) => a - b);
}
