/**
 * Fourier terms as forecast::fourier: for each period m and k = 1..K, sin(2πkt/m) and cos(2πkt/m) at
 * times t (1-based: 1..n in the sample, n+1..n+h ahead), named S<k>-<m> and C<k>-<m>. A frequency
 * shared by two periods (k/48 = 7k/336) appears once, and a sine that is zero at every integer time
 * (2k = m) is left out, as R leaves them. Non-integer periods (52.18, 365.25) are exact. The phase is
 * reduced to [0, 1) before the sine, so t in the tens of thousands loses no precision.
 */
export interface FourierTerm {
  name: string;
  /** Cycles per observation, k / m. */
  frequency: number;
  sine: boolean;
}

export function fourierTerms(periods: readonly number[], K: readonly number[]): FourierTerm[] {
  const terms: FourierTerm[] = [];
  const seen: number[] = [];
  periods.forEach((m, j) => {
    for (let k = 1; k <= K[j]!; k++) {
      const f = k / m;
      if (seen.some((g) => Math.abs(g - f) < 1e-12)) continue;
      seen.push(f);
      const label = `${k}-${Math.round(m)}`;
      if (Math.abs(2 * f - Math.round(2 * f)) > Number.EPSILON) terms.push({ name: `S${label}`, frequency: f, sine: true });
      terms.push({ name: `C${label}`, frequency: f, sine: false });
    }
  });
  return terms;
}

/** The terms' columns at times from+1 .. from+length. */
export function fourierColumns(terms: readonly FourierTerm[], from: number, length: number): Float64Array[] {
  return terms.map((term) => {
    const col = new Float64Array(length);
    for (let i = 0; i < length; i++) {
      const cycles = term.frequency * (from + i + 1);
      const angle = 2 * Math.PI * (cycles - Math.floor(cycles));
      col[i] = term.sine ? Math.sin(angle) : Math.cos(angle);
    }
    return col;
  });
}

/** Largest useful K for a period: floor(m / 2) harmonics span every pattern of that period. */
export const maxHarmonics = (m: number) => Math.max(1, Math.floor(m / 2));
