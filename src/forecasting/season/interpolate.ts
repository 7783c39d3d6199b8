/**
 * Missing values filled by linear interpolation between their observed neighbours (the ends by the
 * nearest observed value). R's na.interp fits an STL-based interpolant for seasonal series; linear
 * is a simplification that decompositions and strength tests tolerate.
 */
export function interpolate(x: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(x);
  let prev = -1;
  for (let i = 0; i <= out.length; i++) {
    if (i < out.length && Number.isNaN(out[i]!)) continue;
    // i is observed (or past the end): fill the gap prev+1 .. i-1.
    for (let j = prev + 1; j < i; j++) {
      if (prev < 0 && i >= out.length) return out; // nothing observed at all
      out[j] = prev < 0 ? out[i]! : i >= out.length ? out[prev]! : out[prev]! + ((out[i]! - out[prev]!) * (j - prev)) / (i - prev);
    }
    prev = i;
  }
  return out;
}
