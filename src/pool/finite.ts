/**
 * The path of the first number in `value` that is not finite ("params.states[3]"), or undefined. JSON
 * would store NaN and ±Infinity as null and read them back as 0: a silent wrong answer, so fits and
 * forecasts that produce them are refused instead. Iterative, so no nesting depth can overflow it.
 */
export function firstNonFinite(value: unknown, root: string): string | undefined {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return path;
    } else if (Array.isArray(v) || ArrayBuffer.isView(v)) {
      const items = v as ArrayLike<unknown>;
      for (let i = items.length - 1; i >= 0; i--) stack.push([items[i], `${path}[${i}]`]);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) stack.push([child, `${path}.${k}`]);
    }
  }
  return undefined;
}
