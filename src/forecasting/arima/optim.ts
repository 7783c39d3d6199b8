/**
 * Variable-metric minimiser after R's optim(method = "BFGS") (Nash's vmmin): backtracking line
 * search, BFGS update of the inverse Hessian, restarts when the direction is not downhill. The
 * gradient is numerical, central differences with step ndeps on the scaled parameters, as optim
 * does when no gradient is supplied; `parscale` plays the same role as in optim.
 * The fits use least squares (least-squares.ts) first: this is the fallback when a residual vector
 * cannot be differenced, since it needs only objective values. The Hessian below is what R's
 * standard errors come from.
 */
export interface OptimResult {
  par: Float64Array;
  value: number;
  fncount: number;
  converged: boolean;
}

export interface OptimOptions {
  parscale?: ArrayLike<number>;
  maxit?: number;
  reltol?: number;
  ndeps?: number;
  checkpoint?: () => void;
}

type Fn = (x: Float64Array) => number;

export function bfgs(fn: Fn, start: ArrayLike<number>, opts: OptimOptions = {}): OptimResult {
  const n = start.length;
  const scale = Float64Array.from(opts.parscale ?? new Array(n).fill(1));
  const maxit = opts.maxit ?? 100;
  const reltol = opts.reltol ?? 1.4901161193847656e-8;
  const ndeps = opts.ndeps ?? 1e-3;
  const xs = new Float64Array(n);
  let fncount = 0;
  // f on the scaled parameters b (par = b * scale).
  const f = (b: Float64Array) => {
    for (let i = 0; i < n; i++) xs[i] = b[i]! * scale[i]!;
    fncount++;
    return fn(xs);
  };
  const grad = (b: Float64Array, g: Float64Array) => {
    const tb = Float64Array.from(b);
    for (let i = 0; i < n; i++) {
      tb[i] = b[i]! + ndeps;
      const f1 = f(tb);
      tb[i] = b[i]! - ndeps;
      const f2 = f(tb);
      tb[i] = b[i]!;
      const d = (f1 - f2) / (2 * ndeps);
      if (!Number.isFinite(d)) throw new Error('non-finite finite-difference value');
      g[i] = d;
    }
  };
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = start[i]! / scale[i]!;
  let fmin = f(b);
  if (!Number.isFinite(fmin)) throw new Error('initial value is not finite');
  if (n === 0) return { par: new Float64Array(0), value: fmin, fncount, converged: true };
  const g = new Float64Array(n);
  grad(b, g);
  const B = new Float64Array(n * n);
  const X = new Float64Array(n);
  const c = new Float64Array(n);
  const t = new Float64Array(n);
  let gradcount = 1;
  let ilast = gradcount;
  let iter = 1;
  let count = 0;
  let converged = false;
  for (;;) {
    opts.checkpoint?.();
    if (ilast === gradcount) {
      B.fill(0);
      for (let i = 0; i < n; i++) B[i * n + i] = 1;
    }
    X.set(b);
    c.set(g);
    let gradproj = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s -= B[i * n + j]! * g[j]!;
      t[i] = s;
      gradproj += s * g[i]!;
    }
    if (gradproj < 0) {
      let steplength = 1;
      let accpoint = false;
      let fv = fmin;
      do {
        count = 0;
        for (let i = 0; i < n; i++) {
          b[i] = X[i]! + steplength * t[i]!;
          if (10 + X[i]! === 10 + b[i]!) count++;
        }
        if (count < n) {
          fv = f(b);
          accpoint = Number.isFinite(fv) && fv <= fmin + gradproj * steplength * 1e-4;
          if (!accpoint) steplength *= 0.2;
        }
      } while (!(count === n || accpoint));
      const enough = Math.abs(fv - fmin) > reltol * (Math.abs(fmin) + reltol);
      if (!enough) {
        count = n;
        if (Number.isFinite(fv) && fv <= fmin) fmin = fv;
        else b.set(X);
      }
      if (count < n) {
        fmin = fv;
        grad(b, g);
        gradcount++;
        iter++;
        let D1 = 0;
        for (let i = 0; i < n; i++) {
          t[i] = t[i]! * steplength;
          c[i] = g[i]! - c[i]!;
          D1 += t[i]! * c[i]!;
        }
        if (D1 > 0) {
          let D2 = 0;
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let j = 0; j < n; j++) s += B[i * n + j]! * c[j]!;
            X[i] = s;
            D2 += s * c[i]!;
          }
          D2 = 1 + D2 / D1;
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
              B[i * n + j]! += (D2 * t[i]! * t[j]! - X[i]! * t[j]! - t[i]! * X[j]!) / D1;
            }
          }
        } else {
          ilast = gradcount;
        }
      } else if (ilast < gradcount) {
        count = 0;
        ilast = gradcount;
      }
    } else {
      count = 0;
      if (ilast === gradcount) count = n;
      else ilast = gradcount;
    }
    if (iter >= maxit) break;
    if (gradcount - ilast > 2 * n) ilast = gradcount;
    if (count === n && ilast === gradcount) {
      converged = true;
      break;
    }
  }
  const par = new Float64Array(n);
  for (let i = 0; i < n; i++) par[i] = b[i]! * scale[i]!;
  return { par, value: fmin, fncount, converged };
}

/**
 * Hessian by central second differences on the scaled parameters with step ndeps, the values
 * R's optimhess gives when it differentiates a central-difference gradient.
 */
export function numericHessian(fn: Fn, par: ArrayLike<number>, parscale: ArrayLike<number>, ndeps = 1e-3): Float64Array {
  const n = par.length;
  const H = new Float64Array(n * n);
  const x = Float64Array.from(par);
  const at = (di: number, i: number, dj: number, j: number) => {
    x.set(par as ArrayLike<number>);
    x[i]! += di * ndeps * parscale[i]!;
    x[j]! += dj * ndeps * parscale[j]!;
    return fn(x);
  };
  x.set(par as ArrayLike<number>);
  const f0 = fn(x);
  for (let i = 0; i < n; i++) {
    const hi = ndeps * parscale[i]!;
    H[i * n + i] = (at(1, i, 1, i) - 2 * f0 + at(-1, i, -1, i)) / (4 * hi * hi);
    for (let j = 0; j < i; j++) {
      const hj = ndeps * parscale[j]!;
      const v = (at(1, i, 1, j) - at(1, i, -1, j) - at(-1, i, 1, j) + at(-1, i, -1, j)) / (4 * hi * hj);
      H[i * n + j] = v;
      H[j * n + i] = v;
    }
  }
  return H;
}
