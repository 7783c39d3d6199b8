/** Starting values for the smoothing parameters. */
import { LOWER, UPPER } from './admissible.ts';
import type { Smoothing } from './filter.ts';
import type { Structure } from './model-code.ts';

export function startSmoothing(s: Structure): Smoothing {
  // R's initparam with the default bounds.
  const alpha = LOWER.alpha + (0.2 * (UPPER.alpha - LOWER.alpha)) / s.m;
  const beta = LOWER.beta + 0.1 * (Math.min(UPPER.beta, alpha) - LOWER.beta);
  const gamma = LOWER.gamma + 0.05 * (Math.min(UPPER.gamma, 1 - alpha) - LOWER.gamma);
  const phi = LOWER.phi + 0.99 * (UPPER.phi - LOWER.phi);
  return { alpha, beta: s.trend === 'N' ? 0 : beta, gamma: s.season === 'N' ? 0 : gamma, phi: s.damped ? phi : 1 };
}

/** Extra starting points: fast level and trend adaptation, and (seasonal models) a strongly seasonal one. */
export function alternativeStarts(s: Structure): Smoothing[] {
  if (s.trend === 'N' && s.season === 'N') return [{ alpha: 0.5, beta: 0, gamma: 0, phi: 1 }];
  const alpha = s.season === 'N' ? 0.9 : 0.5;
  const out: Smoothing[] = [
    {
      alpha,
      beta: s.trend === 'N' ? 0 : 0.5 * alpha,
      gamma: s.season === 'N' ? 0 : 0.1 * (1 - alpha),
      phi: s.damped ? 0.9 : 1,
    },
  ];
  if (s.season !== 'N') out.push({ alpha: 0.3, beta: s.trend === 'N' ? 0 : 0.01, gamma: 0.6, phi: s.damped ? 0.95 : 1 });
  return out;
}
