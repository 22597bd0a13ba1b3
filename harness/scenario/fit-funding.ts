/**
 * The funding part of `fit` (`fit.ts`): `beta` by OLS of `f_t` on `[1, f_{t-1}, r_t]`; the regimes by a
 * two-state HMM with state means on `f - beta*r`; the within-regime deviation's slow and fast
 * persistence by weighted least squares on the autocorrelation at lags 1..`ACF_LAGS`, corrected for
 * the bias of a short sample by `INDIRECT_STEPS` steps of indirect inference (docs/scenario-suites.md).
 */
import type { MarketRow } from '../../engine/data/rows.js';
import { ols } from './fit.js';
import { calmShare, generatePath } from './generator.js';
import { fitTwoStateHmm } from './hmm.js';
import { resolveGeneratorParams, type GeneratorParams } from './params.js';
import { makeRng } from './rng.js';

export const ACF_LAGS = 14;
export const INDIRECT_STEPS = 3;

export function fitFunding(rows: readonly MarketRow[], r: Float64Array): GeneratorParams['funding'] {
  const X: number[][] = [];
  const y: number[] = [];
  for (let t = 1; t < rows.length; t++) {
    X.push([1, rows[t - 1]!.funding, r[t - 1]!]);
    y.push(rows[t]!.funding);
  }
  const beta = ols(X, y).coef[2]!;
  // Funding net of the price link (day 0 has no return: taken as is).
  const g = Float64Array.from(rows, (x, t) => x.funding - (t > 0 ? beta * r[t - 1]! : 0));
  const hmm = fitTwoStateHmm(g, new Uint8Array(g.length).fill(1), 500, 1e-10, true);
  const acf = Array.from({ length: ACF_LAGS }, (_, k) => autocorrelation(g, k + 1));
  const pi0 = calmShare(hmm.stay);
  const between = pi0 * (1 - pi0) * (hmm.means[0] - hmm.means[1]) ** 2;
  const within = pi0 * hmm.sigma[0] ** 2 + (1 - pi0) * hmm.sigma[1] ** 2;
  const lambda = hmm.stay[0] + hmm.stay[1] - 1;
  let fit = fundingAcfFit(acf, between, within, lambda);
  // Indirect inference: the sample autocorrelation of n days is biased low for a persistent series,
  // and the regime switches interact with the deviation. Simulate the fitted model (seeded, about
  // 40,000 days in paths of n days, at least 4), move the target by the gap between the model's formula and the simulated sample
  // autocorrelation, and fit again (INDIRECT_STEPS times).
  const regimes = { mean: hmm.means, sd: hmm.sigma, stay: hmm.stay, beta: 0 };
  const sims = Math.max(4, Math.ceil(40_000 / g.length));
  for (let step = 0; step < INDIRECT_STEPS; step++) {
    const simAcf = new Float64Array(ACF_LAGS);
    const p = resolveGeneratorParams({ days: g.length, funding: { ...regimes, ...fit } });
    for (let i = 0; i < sims; i++) {
      const f = generatePath(p, makeRng(`fit/funding-acf/${i}`)).map((x) => x.funding);
      for (let k = 0; k < ACF_LAGS; k++) simAcf[k]! += autocorrelation(f, k + 1) / sims;
    }
    const cur = fit;
    const model = (k: number): number => (between * lambda ** k + within * (cur.slowShare * cur.slowPhi ** k + (1 - cur.slowShare) * cur.phi ** k)) / (between + within);
    fit = fundingAcfFit(acf.map((x, k) => x + model(k + 1) - simAcf[k]!), between, within, lambda);
  }
  return { mean: hmm.means, sd: hmm.sigma, stay: hmm.stay, ...fit, beta };
}

/** Sample autocorrelation at lag `k` (the mean removed, the full-sample variance as denominator). */
export function autocorrelation(x: ArrayLike<number>, k: number): number {
  const n = x.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i]!;
  m /= n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    den += (x[i]! - m) ** 2;
    if (i >= k) num += (x[i]! - m) * (x[i - k]! - m);
  }
  return den > 0 ? num / den : 0;
}

/**
 * The funding model's autocorrelation at lag k is `(B*l^k + W*(s*a^k + (1-s)*b^k)) / (B + W)`, with B
 * the variance between regime means, l the regimes' persistence (`stay0 + stay1 - 1`), W the mean
 * within-regime variance, a/b the slow/fast persistence and s the slow share. Least squares over the
 * lags given, each weighted by the inverse of its sampling variance (Bartlett: `1 + 2*sum_{j<k} r_j^2`,
 * so the well-measured short lags count most), on a grid (a in [0.5, 0.995] by 0.0025 with b <= a,
 * b in [0, 0.9] by 0.01, s by 0.01).
 */
export function fundingAcfFit(acf: readonly number[], between: number, within: number, lambda: number): { slowPhi: number; phi: number; slowShare: number } {
  const total = between + within;
  if (!(total > 0)) return { slowPhi: 0, phi: 0, slowShare: 0 };
  const target = acf.map((x, k) => x - (between * lambda ** (k + 1)) / total);
  const w = within / total;
  let best = { err: Infinity, slowPhi: 0, phi: 0, slowShare: 0 };
  const L = acf.length;
  const weight = new Float64Array(L);
  let bartlett = 1;
  for (let k = 0; k < L; k++) {
    weight[k] = 1 / bartlett;
    bartlett += 2 * acf[k]! ** 2;
  }
  const ap = new Float64Array(L);
  const bp = new Float64Array(L);
  for (let ia = 0; ia <= 198; ia++) {
    const a = 0.5 + 0.0025 * ia;
    for (let k = 0; k < L; k++) ap[k] = a ** (k + 1);
    for (let ib = 0; ib <= 90 && 0.01 * ib <= a; ib++) {
      const b = 0.01 * ib;
      for (let k = 0; k < L; k++) bp[k] = b ** (k + 1);
      for (let is = 0; is <= 100; is++) {
        const s = 0.01 * is;
        let err = 0;
        for (let k = 0; k < L; k++) err += weight[k]! * (w * (s * ap[k]! + (1 - s) * bp[k]!) - target[k]!) ** 2;
        if (err < best.err) best = { err, slowPhi: a, phi: b, slowShare: s };
      }
    }
  }
  return { slowPhi: best.slowPhi, phi: best.phi, slowShare: best.slowShare };
}
