/**
 * Point forecasts and the analytic forecast variances of Hyndman et al. (2008), chapter 6, as R's
 * forecast.ets uses them: class 1 (linear models, additive error) and class 2 (multiplicative error,
 * additive or no trend and season). Other structures are simulated (simulate.ts).
 */
import type { EtsParams } from './params.ts';

/** Point forecasts from the final state (R's etsforecast: the state's own path, no bias term). */
export function pointForecast(p: EtsParams, h: number): Float64Array {
  const { trend, season } = p.structure;
  const { level, slope, seas } = p.last;
  const m = seas.length;
  const out = new Float64Array(h);
  let phiStar = 0;
  let phiPow = 1;
  for (let i = 0; i < h; i++) {
    phiPow *= p.phi;
    phiStar += phiPow;
    let f = trend === 'N' ? level : trend === 'A' ? level + phiStar * slope : slope < 0 ? NaN : level * Math.pow(slope, phiStar);
    if (season === 'A') f += seas[i % m]!;
    else if (season === 'M') f *= seas[i % m]!;
    out[i] = f;
  }
  return out;
}

export type VarianceClass = 1 | 2 | 3;

export function varianceClass(p: EtsParams): VarianceClass {
  const { error, trend, season } = p.structure;
  if (trend === 'M' || season === 'M') return 3;
  return error === 'A' ? 1 : 2;
}

/** c_j = α + β·φ_j + γ·[j ≡ 0 mod m], φ_j = φ + … + φ^j: the weight of an innovation j steps back. */
function innovationWeights(p: EtsParams, h: number): Float64Array {
  const m = p.structure.season === 'N' ? 0 : p.structure.m;
  const c = new Float64Array(Math.max(h - 1, 0));
  let phiStar = 0;
  let phiPow = 1;
  for (let j = 1; j < h; j++) {
    phiPow *= p.phi;
    phiStar += phiPow;
    let v = p.alpha;
    if (p.structure.trend !== 'N') v += p.beta * phiStar;
    if (m > 0 && j % m === 0) v += p.gamma;
    c[j - 1] = v;
  }
  return c;
}

/** Forecast variances for classes 1 and 2 (null for class 3). */
export function analyticVariance(p: EtsParams, mean: Float64Array, sigma2: number): Float64Array | null {
  const cls = varianceClass(p);
  if (cls === 3) return null;
  const h = mean.length;
  const c = innovationWeights(p, h);
  const v = new Float64Array(h);
  if (cls === 1) {
    // Var = σ²(1 + Σ_{j<h} c_j²).
    let acc = 1;
    for (let i = 0; i < h; i++) {
      if (i > 0) acc += c[i - 1]! * c[i - 1]!;
      v[i] = sigma2 * acc;
    }
    return v;
  }
  // Class 2: θ_1 = μ_1², θ_j = μ_j² + σ² Σ_{i<j} c_i² θ_{j−i};  Var_j = (1 + σ²)θ_j − μ_j².
  const theta = new Float64Array(h);
  for (let j = 0; j < h; j++) {
    let s = 0;
    for (let i = 1; i <= j; i++) s += c[i - 1]! * c[i - 1]! * theta[j - i]!;
    theta[j] = mean[j]! * mean[j]! + sigma2 * s;
    v[j] = (1 + sigma2) * theta[j]! - mean[j]! * mean[j]!;
  }
  return v;
}
