/**
 * Baum-Welch (EM) for a two-state Gaussian hidden Markov model, used by `fit` to estimate regimes and
 * their persistence: price volatility regimes (a shared mean, the default) and funding regimes
 * (`stateMeans`: each state has its own mean). Observations with `mask[t] = 0` are treated as missing
 * (emission 1): `fit` masks detected jumps this way so they do not inflate a regime.
 */

export interface HmmFit {
  /** The shared mean (with `stateMeans`: the mean of the observations). */
  mu: number;
  /** Mean of each state (both `mu` unless `stateMeans`). */
  means: [number, number];
  sigma: [number, number];
  stay: [number, number];
  /** Posterior probability of the calm state (state 0) per observation. */
  calm: Float64Array;
  logLik: number;
  iterations: number;
}

const SIGMA_FLOOR = 1e-12;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

function density(x: number, mu: number, s: number): number {
  const z = (x - mu) / s;
  return (INV_SQRT_2PI / s) * Math.exp(-0.5 * z * z);
}

/**
 * Fit by EM from a fixed start; state 0 is returned as the calmer one (the lower sd). With
 * `stateMeans` the states start at the means of the observations below and above the median.
 */
export function fitTwoStateHmm(x: Float64Array, mask: Uint8Array, maxIter = 300, tol = 1e-9, stateMeans = false): HmmFit {
  const n = x.length;
  let obs = 0;
  let sum = 0;
  for (let t = 0; t < n; t++) if (mask[t]) (obs++, (sum += x[t]!));
  const mu = sum / obs;
  let v = 0;
  for (let t = 0; t < n; t++) if (mask[t]) v += (x[t]! - mu) ** 2;
  const sd = Math.sqrt(v / obs) || SIGMA_FLOOR;
  const s: [number, number] = [0.7 * sd, 1.5 * sd];
  const m: [number, number] = [mu, mu];
  if (stateMeans) {
    const sorted = Array.from(x).filter((_, t) => mask[t]).sort((a, b) => a - b);
    const half = sorted.length >> 1;
    // The tighter state starts on the upper half (funding's usual positive carry), the wider below.
    m[0] = sorted.slice(half).reduce((a, b) => a + b, 0) / (sorted.length - half);
    m[1] = sorted.slice(0, half).reduce((a, b) => a + b, 0) / Math.max(1, half);
  }
  const A = [0.95, 0.05, 0.1, 0.9];
  let pi0 = 0.5;
  const alpha = new Float64Array(2 * n);
  const beta = new Float64Array(2 * n);
  const scale = new Float64Array(n);
  const e = new Float64Array(2 * n);
  let prevLl = -Infinity;
  let ll = 0;
  let iter = 0;
  for (; iter < maxIter; iter++) {
    for (let t = 0; t < n; t++) {
      e[2 * t] = mask[t] ? density(x[t]!, m[0], s[0]) : 1;
      e[2 * t + 1] = mask[t] ? density(x[t]!, m[1], s[1]) : 1;
    }
    ll = forward(e, A, pi0, alpha, scale, n);
    backward(e, A, beta, scale, n);
    // M-step.
    const xi = [0, 0, 0, 0];
    const from = [0, 0];
    const w = [0, 0];
    const ss = [0, 0];
    const sx = [0, 0];
    for (let t = 0; t < n; t++) {
      const g0 = alpha[2 * t]! * beta[2 * t]!;
      const g1 = alpha[2 * t + 1]! * beta[2 * t + 1]!;
      if (mask[t]) {
        w[0] += g0;
        w[1] += g1;
        ss[0] += g0 * (x[t]! - m[0]) ** 2;
        ss[1] += g1 * (x[t]! - m[1]) ** 2;
        sx[0] += g0 * x[t]!;
        sx[1] += g1 * x[t]!;
      }
      if (t + 1 < n) {
        from[0] += g0;
        from[1] += g1;
        for (let j = 0; j < 2; j++) {
          for (let k = 0; k < 2; k++) {
            xi[2 * j + k] += (alpha[2 * t + j]! * A[2 * j + k]! * e[2 * (t + 1) + k]! * beta[2 * (t + 1) + k]!) / scale[t + 1]!;
          }
        }
      }
    }
    for (let j = 0; j < 2; j++) {
      for (let k = 0; k < 2; k++) A[2 * j + k] = from[j]! > 0 ? xi[2 * j + k]! / from[j]! : j === k ? 1 : 0;
      s[j] = w[j]! > 0 ? Math.max(Math.sqrt(ss[j]! / w[j]!), SIGMA_FLOOR) : s[j]!;
      if (stateMeans && w[j]! > 0) m[j] = sx[j]! / w[j]!;
    }
    pi0 = alpha[0]! * beta[0]!;
    if (Math.abs(ll - prevLl) < tol * Math.abs(ll)) break;
    prevLl = ll;
  }
  const calm = new Float64Array(n);
  for (let t = 0; t < n; t++) calm[t] = alpha[2 * t]! * beta[2 * t]!;
  const fit: HmmFit = { mu, means: [m[0], m[1]], sigma: [s[0], s[1]], stay: [A[0]!, A[3]!], calm, logLik: ll, iterations: iter + 1 };
  return s[0] <= s[1] ? fit : { ...fit, means: [m[1], m[0]], sigma: [s[1], s[0]], stay: [A[3]!, A[0]!], calm: calm.map((c) => 1 - c) };
}

function forward(e: Float64Array, A: number[], pi0: number, alpha: Float64Array, scale: Float64Array, n: number): number {
  let ll = 0;
  for (let t = 0; t < n; t++) {
    let a0: number;
    let a1: number;
    if (t === 0) {
      a0 = pi0 * e[0]!;
      a1 = (1 - pi0) * e[1]!;
    } else {
      const p0 = alpha[2 * (t - 1)]!;
      const p1 = alpha[2 * (t - 1) + 1]!;
      a0 = (p0 * A[0]! + p1 * A[2]!) * e[2 * t]!;
      a1 = (p0 * A[1]! + p1 * A[3]!) * e[2 * t + 1]!;
    }
    const c = a0 + a1 || Number.MIN_VALUE;
    scale[t] = c;
    alpha[2 * t] = a0 / c;
    alpha[2 * t + 1] = a1 / c;
    ll += Math.log(c);
  }
  return ll;
}

function backward(e: Float64Array, A: number[], beta: Float64Array, scale: Float64Array, n: number): void {
  beta[2 * (n - 1)] = 1;
  beta[2 * (n - 1) + 1] = 1;
  for (let t = n - 2; t >= 0; t--) {
    const b0 = e[2 * (t + 1)]! * beta[2 * (t + 1)]!;
    const b1 = e[2 * (t + 1) + 1]! * beta[2 * (t + 1) + 1]!;
    const c = scale[t + 1]!;
    beta[2 * t] = (A[0]! * b0 + A[1]! * b1) / c;
    beta[2 * t + 1] = (A[2]! * b0 + A[3]! * b1) / c;
  }
}
