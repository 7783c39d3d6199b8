/**
 * The shape of an ARIMA(p,d,q)(P,D,Q)[m] model and the layout of its coefficient vector, in R's
 * order: ar1..arp, ma1..maq, sar1..sarP, sma1..smaQ, then the regression term (intercept or drift).
 */
export interface Orders {
  p: number;
  d: number;
  q: number;
  P: number;
  D: number;
  Q: number;
  /** Seasonal period; 1 when the model has no seasonal part. */
  m: number;
}

export type Regressor = 'none' | 'intercept' | 'drift';

export interface Structure extends Orders {
  reg: Regressor;
  /**
   * External regressors (regression with ARIMA errors), their coefficients after `reg`'s, in this
   * order. Absent in versions stored before regressors existed: none.
   */
  xreg?: string[];
}

/** Regression coefficients: the intercept or drift, then one per external regressor. */
export function nreg(s: Structure): number {
  return (s.reg === 'none' ? 0 : 1) + (s.xreg?.length ?? 0);
}

export function narma(s: Orders): number {
  return s.p + s.q + s.P + s.Q;
}

export function ncoef(s: Structure): number {
  return narma(s) + nreg(s);
}

export function coefNames(s: Structure): string[] {
  const names: string[] = [];
  for (let i = 1; i <= s.p; i++) names.push(`ar${i}`);
  for (let i = 1; i <= s.q; i++) names.push(`ma${i}`);
  for (let i = 1; i <= s.P; i++) names.push(`sar${i}`);
  for (let i = 1; i <= s.Q; i++) names.push(`sma${i}`);
  if (s.reg !== 'none') names.push(s.reg);
  for (const x of s.xreg ?? []) names.push(x);
  return names;
}

/** Full (multiplied-out) ARMA polynomials; phi[i-1] is the lag-i AR coefficient (y = sum phi y + ...). */
export interface Expanded {
  phi: Float64Array;
  theta: Float64Array;
}

/**
 * Multiplies the non-seasonal and seasonal polynomials. With m large the result is long but sparse
 * (nonzeros only near multiples of m), which the filters exploit through `nonzeros`.
 */
export function expand(s: Orders, coef: ArrayLike<number>): Expanded {
  const phi = new Float64Array(s.p + s.m * s.P);
  const theta = new Float64Array(s.q + s.m * s.Q);
  expandInto(s, coef, phi, theta);
  return { phi, theta };
}

/** The same into existing arrays (at least as long as the products; zeroed first), for hot loops. */
export function expandInto(s: Orders, coef: ArrayLike<number>, phi: Float64Array, theta: Float64Array): void {
  const { p, q, P, Q, m } = s;
  phi.fill(0);
  theta.fill(0);
  for (let i = 0; i < p; i++) phi[i] = coef[i]!;
  for (let i = 0; i < q; i++) theta[i] = coef[p + i]!;
  for (let j = 0; j < P; j++) {
    const sj = coef[p + q + j]!;
    phi[(j + 1) * m - 1]! += sj;
    for (let i = 0; i < p; i++) phi[(j + 1) * m + i]! -= coef[i]! * sj;
  }
  for (let j = 0; j < Q; j++) {
    const sj = coef[p + q + P + j]!;
    theta[(j + 1) * m - 1]! += sj;
    for (let i = 0; i < q; i++) theta[(j + 1) * m + i]! += coef[p + i]! * sj;
  }
}

/** 1-based lags with a nonzero coefficient, so sparse loops touch only those. */
export function nonzeros(c: Float64Array): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < c.length; i++) if (c[i] !== 0) out.push(i + 1);
  return Int32Array.from(out);
}

/**
 * Coefficients delta of the differencing operator (1-B)^d (1-B^m)^D = 1 - sum delta_i B^i, so that
 * u_t = w_t + sum delta_i u_{t-i} undoes it.
 */
export function differencingPoly(d: number, D: number, m: number): Float64Array {
  let poly = [1];
  const mul = (lag: number) => {
    const out = new Array(poly.length + lag).fill(0);
    for (let i = 0; i < poly.length; i++) {
      out[i] += poly[i]!;
      out[i + lag] -= poly[i]!;
    }
    poly = out;
  };
  for (let i = 0; i < d; i++) mul(1);
  for (let i = 0; i < D; i++) mul(m);
  const delta = new Float64Array(poly.length - 1);
  for (let i = 1; i < poly.length; i++) delta[i - 1] = -poly[i]!;
  return delta;
}

/** Applies the differencing operator; the first d + D*m values have no difference and are dropped. */
export function difference(x: Float64Array, d: number, D: number, m: number): Float64Array {
  let cur = x;
  for (let k = 0; k < D; k++) cur = lagDiff(cur, m);
  for (let k = 0; k < d; k++) cur = lagDiff(cur, 1);
  return cur;
}

function lagDiff(x: Float64Array, lag: number): Float64Array {
  const n = Math.max(0, x.length - lag);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = x[i + lag]! - x[i]!;
  return out;
}

/** R's print format, e.g. "ARIMA(2,1,1)(0,1,0)[12] with drift", "Regression with ARIMA(1,0,0) errors". */
export function modelString(s: Structure): string {
  let out = `ARIMA(${s.p},${s.d},${s.q})`;
  if (s.m > 1 && s.P + s.D + s.Q > 0) out += `(${s.P},${s.D},${s.Q})[${s.m}]`;
  // With regressors R counts the mean or drift among them and names neither.
  if (s.xreg?.length) return `Regression with ${out} errors`;
  if (s.reg === 'intercept') out += ' with non-zero mean';
  else if (s.reg === 'drift') out += ' with drift';
  else if (s.d === 0 && s.D === 0) out += ' with zero mean';
  return out;
}
