/**
 * `fit`: estimate the generator's parameters from a historical canonical series, so generated paths
 * resemble real data (`dnh scenario fit --data rows.csv`).
 *
 * Price: two-state Gaussian HMM on close-to-close log returns (Baum-Welch, `hmm.ts`); returns beyond
 * `JUMP_SIGMAS` posterior standard deviations are jumps, masked out of the HMM and refitted (so only
 * large jumps are counted: `jumpProb` is a lower bound, `jumpStd` an upper one). Gap: RMS of
 * log(open/prevClose). Range: mean wick over its expectation `rangeScale*sigma*sqrt(2/pi)`.
 * Funding: OLS of `f_t` on `[1, f_{t-1}, r_t]`. Lend: OLS AR(1). Borrow: days whose rise exceeds
 * `SPIKE_MADS` robust standard deviations are spikes; the AR(1) is fitted outside their decay windows.
 */
import { DataError } from '../../engine/errors.js';
import type { MarketRow } from '../../engine/data/rows.js';
import { fitTwoStateHmm } from './hmm.js';
import { DEFAULT_GENERATOR_PARAMS, resolveGeneratorParams, type BorrowParams, type GeneratorParams, type RateParams } from './params.js';

export const JUMP_SIGMAS = 4;
export const SPIKE_MADS = 8;
export const MIN_FIT_ROWS = 60;

/** Fit every generator parameter; `file` names the source in errors. */
export function fitGenerator(rows: readonly MarketRow[], file = 'rows'): GeneratorParams {
  const n = rows.length;
  if (n < MIN_FIT_ROWS) throw new DataError({ file }, `fit needs at least ${MIN_FIT_ROWS} daily rows, got ${n}`);
  const r = new Float64Array(n - 1);
  let gap2 = 0;
  for (let t = 1; t < n; t++) {
    r[t - 1] = Math.log(rows[t]!.close / rows[t - 1]!.close);
    gap2 += Math.log(rows[t]!.open / rows[t - 1]!.close) ** 2;
  }
  const price = fitPrice(rows, r);
  const base = DEFAULT_GENERATOR_PARAMS;
  return resolveGeneratorParams(
    {
      startDate: rows[0]!.date,
      days: n,
      startPrice: rows[0]!.open,
      price: { ...price, gapStd: Math.sqrt(gap2 / (n - 1)) },
      funding: fitFunding(rows, r),
      lend: fitRate(rows.map((x) => x.lendApy), base.lend),
      borrow: fitBorrow(rows.map((x) => x.borrowApy)),
    },
    base,
  );
}

function fitPrice(rows: readonly MarketRow[], r: Float64Array): Omit<GeneratorParams['price'], 'gapStd'> {
  const mask = new Uint8Array(r.length).fill(1);
  let hmm = fitTwoStateHmm(r, mask);
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    for (let t = 0; t < r.length; t++) {
      // The regime from the neighbours: a jump day's own posterior is pulled to the stressed state.
      const c = (hmm.calm[Math.max(0, t - 1)]! + hmm.calm[Math.min(r.length - 1, t + 1)]!) / 2;
      const sd = Math.sqrt(c * hmm.sigma[0] ** 2 + (1 - c) * hmm.sigma[1] ** 2);
      const jump = Math.abs(r[t]! - hmm.mu) > JUMP_SIGMAS * sd ? 0 : 1;
      if (jump !== mask[t]) (mask[t] = jump), (changed = true);
    }
    if (!changed) break;
    hmm = fitTwoStateHmm(r, mask);
  }
  const jumps: number[] = [];
  r.forEach((x, t) => mask[t] === 0 && jumps.push(x - hmm.mu));
  const jm = jumps.length ? jumps.reduce((a, b) => a + b, 0) / jumps.length : 0;
  const js = jumps.length > 1 ? Math.sqrt(jumps.reduce((a, b) => a + (b - jm) ** 2, 0) / (jumps.length - 1)) : 0;
  // Wicks: E[log(high/max(o,c)) + log(min(o,c)/low)] = 2*rangeScale*sigma_t*sqrt(2/pi).
  let wick = 0;
  let expected = 0;
  for (let t = 1; t < rows.length; t++) {
    const x = rows[t]!;
    wick += Math.log(x.high / Math.max(x.open, x.close)) + Math.log(Math.min(x.open, x.close) / x.low);
    const c = hmm.calm[t - 1]!;
    expected += 2 * Math.sqrt(2 / Math.PI) * (c * hmm.sigma[0] + (1 - c) * hmm.sigma[1]);
  }
  return {
    drift: hmm.mu,
    sigma: hmm.sigma,
    stay: hmm.stay,
    jumpProb: jumps.length / r.length,
    jumpMean: jm,
    jumpStd: js,
    rangeScale: expected > 0 ? wick / expected : 0,
  };
}

/** Least squares `y = X b` by the normal equations (Gaussian elimination with partial pivoting). */
export function ols(X: readonly number[][], y: readonly number[]): { coef: number[]; residualSd: number } {
  const k = X[0]!.length;
  const M = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  X.forEach((row, i) => {
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) M[a]![b]! += row[a]! * row[b]!;
      M[a]![k]! += row[a]! * y[i]!;
    }
  });
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let rI = c + 1; rI < k; rI++) if (Math.abs(M[rI]![c]!) > Math.abs(M[p]![c]!)) p = rI;
    [M[c], M[p]] = [M[p]!, M[c]!];
    const piv = M[c]![c]!;
    if (Math.abs(piv) < 1e-300) return { coef: new Array<number>(k).fill(0), residualSd: 0 };
    for (let rI = 0; rI < k; rI++) {
      if (rI === c) continue;
      const f = M[rI]![c]! / piv;
      for (let j = c; j <= k; j++) M[rI]![j]! -= f * M[c]![j]!;
    }
  }
  const coef = M.map((row, i) => row[k]! / row[i]!);
  let rss = 0;
  X.forEach((row, i) => (rss += (y[i]! - row.reduce((a, v, j) => a + v * coef[j]!, 0)) ** 2));
  return { coef, residualSd: Math.sqrt(rss / Math.max(1, X.length - k)) };
}

const clampPhi = (phi: number): number => Math.max(-0.999, Math.min(0.999, phi));

function fitFunding(rows: readonly MarketRow[], r: Float64Array): GeneratorParams['funding'] {
  const X: number[][] = [];
  const y: number[] = [];
  for (let t = 1; t < rows.length; t++) {
    X.push([1, rows[t - 1]!.funding, r[t - 1]!]);
    y.push(rows[t]!.funding);
  }
  const { coef, residualSd } = ols(X, y);
  const phi = clampPhi(coef[1]!);
  return { mean: coef[0]! / (1 - phi), phi, beta: coef[2]!, sd: residualSd };
}

function fitRate(x: readonly number[], base: RateParams, skip: (t: number) => boolean = () => false): RateParams {
  const X: number[][] = [];
  const y: number[] = [];
  for (let t = 1; t < x.length; t++) {
    if (skip(t)) continue;
    X.push([1, x[t - 1]!]);
    y.push(x[t]!);
  }
  const { coef, residualSd } = ols(X, y);
  const phi = clampPhi(coef[1]!);
  const lo = x.reduce((a, v) => Math.min(a, v), base.min);
  const hi = Math.max(base.max, 2 * x.reduce((a, v) => Math.max(a, v), -Infinity));
  const mean = Math.min(hi, Math.max(lo, coef[0]! / (1 - phi)));
  return { mean, phi, sd: residualSd, min: lo, max: hi };
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function fitBorrow(b: readonly number[]): BorrowParams {
  const d = b.slice(1).map((x, t) => x - b[t]!);
  const mid = median(d);
  const robustSd = 1.4826 * median(d.map((x) => Math.abs(x - mid)));
  const spikes: number[] = [];
  d.forEach((x, i) => x > SPIKE_MADS * robustSd && x > 0.01 && spikes.push(i + 1));
  const base = DEFAULT_GENERATOR_PARAMS.borrow;
  let decay = base.spikeDecay;
  let size = base.spikeSize;
  if (spikes.length > 0) {
    size = spikes.reduce((a, t) => a + (b[t]! - b[t - 1]!), 0) / spikes.length;
    const ratios = spikes.filter((t) => t + 1 < b.length).map((t) => (b[t + 1]! - b[t - 1]!) / (b[t]! - b[t - 1]!));
    if (ratios.length) decay = Math.max(0, Math.min(0.99, median(ratios)));
  }
  const window = decay > 0 ? Math.ceil(Math.log(0.01) / Math.log(decay)) : 1;
  const inSpike = new Uint8Array(b.length);
  for (const t of spikes) for (let u = t; u < Math.min(b.length, t + window + 1); u++) inSpike[u] = 1;
  const rate = fitRate(b, base, (t) => inSpike[t] === 1);
  return { ...rate, spikeProb: spikes.length / d.length, spikeSize: size, spikeDecay: decay };
}
