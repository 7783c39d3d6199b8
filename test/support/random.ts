/** Reproducible pseudo-random numbers for tests: the same "noise" on every run, so a failure reproduces. */

/** Uniform on [-0.5, 0.5): a linear congruential generator (Numerical Recipes' constants). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) - 0.5;
}

/** Standard normal draws: Box–Muller on a Park–Miller generator. */
export function normals(seed: number): () => number {
  let s = seed;
  const u = () => (s = (s * 16807) % 2147483647) / 2147483647;
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}
