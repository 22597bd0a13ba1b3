/**
 * The exact (Garwood) two-sided 95% interval of a Poisson mean from an observed count, for the
 * realism check of rare events (`compare.ts`: flash-crash wicks, one day in 410 on the HL series).
 *
 * Example: `poissonInterval(1)` is about `[0.0253, 5.572]`.
 */

/**
 * Exact two-sided 95% interval of a Poisson mean for `k` observed events (Garwood): chi-square
 * quantiles computed by bisection on the regularized gamma function (series / continued fraction).
 */
export function poissonInterval(k: number): [number, number] {
  const lower = k === 0 ? 0 : gammaQuantile(k, 0.025);
  return [lower, gammaQuantile(k + 1, 0.975)];
}

/** x with P(shape, x) = p, P the regularized lower incomplete gamma function. */
function gammaQuantile(shape: number, p: number): number {
  let lo = 0;
  let hi = shape + 20 * Math.sqrt(shape) + 20;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (lowerGamma(shape, mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function lowerGamma(a: number, x: number): number {
  if (x <= 0) return 0;
  const lnPre = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 500; n++) {
      term *= x / (a + n);
      sum += term;
      if (term < sum * 1e-16) break;
    }
    return Math.exp(lnPre) * sum;
  }
  // Continued fraction for Q (Lentz), P = 1 - Q.
  let b = x + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    d = Math.abs(d) < 1e-300 ? 1e-300 : d;
    c = b + an / c;
    c = Math.abs(c) < 1e-300 ? 1e-300 : c;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 - Math.exp(lnPre) * h;
}

function logGamma(z: number): number {
  // Lanczos (g = 7, n = 9).
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  z -= 1;
  let x = c[0]!;
  for (let i = 1; i < 9; i++) x += c[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(x);
}
