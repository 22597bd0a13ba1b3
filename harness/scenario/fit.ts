/**
 * `fit`: estimate the generator's parameters from a historical canonical series, so generated paths
 * resemble real data (`dnh scenario fit --data rows.csv`).
 *
 * Price: two-state Gaussian HMM on close-to-close log returns (Baum-Welch, `hmm.ts`); returns beyond
 * `JUMP_SIGMAS` posterior standard deviations are jumps, masked out of the HMM and refitted (so only
 * large jumps are counted: `jumpProb` is a lower bound, `jumpStd` an upper one). Gap: RMS of
 * log(open/prevClose). Up-wick: mean over its expectation `rangeScale*sigma*sqrt(2/pi)`. Down-wick:
 * wicks beyond `FLASH_SIGMAS` of the ordinary down-wick are flash crashes (exponential: the mean
 * excess over the threshold is `flashSize`, and the count is scaled up by the share of flashes that
 * stay below it); `downWick` makes the mean down-wick (ordinary plus flash) that of the data.
 * Funding: `beta` from OLS of `f_t` on `[1, f_{t-1}, r_t]`; regimes from a two-state HMM with
 * state means on `f - beta*r`; the deviation's slow and fast persistence by least squares on the
 * model's autocorrelation at lags 1..`ACF_LAGS` (`fit-funding.ts`). Lend: OLS AR(1). Borrow: days
 * whose rise exceeds `SPIKE_MADS` robust standard deviations are spikes; runs of at least
 * `EPISODE_MIN_DAYS` days `EPISODE_MIN_LEVEL` above the median (gaps of at most `EPISODE_GAP` days)
 * are high-rate episodes (their count gives `episodeProb`, their first days' excess over the other
 * days' mean `episodeSize`, the area of that excess `episodeDecay`); the AR(1) is fitted outside
 * spike windows and episodes.
 */
import { DataError } from '../../engine/errors.js';
import type { MarketRow } from '../../engine/data/rows.js';
import { fitTwoStateHmm } from './hmm.js';
import { fitFunding } from './fit-funding.js';
import { DEFAULT_GENERATOR_PARAMS, resolveGeneratorParams, type BorrowParams, type GeneratorParams, type RateParams } from './params.js';

export const JUMP_SIGMAS = 4;
export const SPIKE_MADS = 8;
export const MIN_FIT_ROWS = 60;
export const FLASH_SIGMAS = 4;
export const EPISODE_MIN_LEVEL = 0.05;
export const EPISODE_GAP = 2;
export const EPISODE_MIN_DAYS = 5;

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
  // Up-wick: E[log(high/max(o,c))] = rangeScale*sigma_t*sqrt(2/pi).
  const k = Math.sqrt(2 / Math.PI);
  const sig = (t: number): number => hmm.calm[t - 1]! * hmm.sigma[0] + (1 - hmm.calm[t - 1]!) * hmm.sigma[1];
  let up = 0;
  let expected = 0;
  const down: number[] = [];
  for (let t = 1; t < rows.length; t++) {
    const x = rows[t]!;
    up += Math.log(x.high / Math.max(x.open, x.close));
    down.push(Math.log(Math.min(x.open, x.close) / x.low));
    expected += k * sig(t);
  }
  const rangeScale = expected > 0 ? up / expected : 0;
  const wicks = fitDownWicks(down, (i) => rangeScale * sig(i + 1), rangeScale * expected);
  return {
    drift: hmm.mu,
    sigma: hmm.sigma,
    stay: hmm.stay,
    jumpProb: jumps.length / r.length,
    jumpMean: jm,
    jumpStd: js,
    rangeScale,
    ...wicks,
  };
}

/**
 * Down-wicks `d[i]` with ordinary scale `scale(i)` (the up-wick's `rangeScale*sigma`; `expectedUp` is the
 * sum of the up-wick's expectations `sqrt(2/pi)*scale(i)`). A wick beyond
 * `FLASH_SIGMAS` times its expected scale (taken first from all wicks, flashes included) is a flash
 * crash: `flashProb` is their share of days and `flashSize` their mean excess over the ordinary mean
 * wick (the exponential's mean). `downWick` is set so the mean down-wick, ordinary plus
 * `flashProb*flashSize`, is the data's.
 */
function fitDownWicks(d: readonly number[], scale: (i: number) => number, expectedUp: number): { downWick: number; flashProb: number; flashSize: number } {
  const total = d.reduce((a, b) => a + b, 0);
  if (!(expectedUp > 0) || !(total > 0)) return { downWick: 1, flashProb: 0, flashSize: 0 };
  const k = Math.sqrt(2 / Math.PI);
  const all = total / expectedUp;
  let count = 0;
  let excess = 0;
  d.forEach((w, i) => {
    if (w > FLASH_SIGMAS * all * scale(i)) (count++, (excess += w - k * all * scale(i)));
  });
  const flashSize = count > 0 ? excess / count : 0;
  return { downWick: Math.max(0, total - excess) / expectedUp, flashProb: count / d.length, flashSize };
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
  let spikes: number[] = [];
  d.forEach((x, i) => x > SPIKE_MADS * robustSd && x > 0.01 && spikes.push(i + 1));
  const base = DEFAULT_GENERATOR_PARAMS.borrow;
  const spikeShape = (): { size: number; decay: number; inSpike: Uint8Array } => {
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
    return { size, decay, inSpike };
  };
  let { size, decay, inSpike } = spikeShape();
  // High-rate episodes: runs of days at least EPISODE_MIN_LEVEL above the median (gaps of at most
  // EPISODE_GAP days inside a run) with at least EPISODE_MIN_DAYS days outside spike windows (a run
  // made by a spike's tail is the spike's). A rise detected as a spike within EPISODE_GAP days of an
  // episode's start is the episode's onset, not a spike: it is removed and the spikes refitted.
  const med = median([...b]);
  const episodeOf = new Uint8Array(b.length);
  const onsets: number[] = [];
  let start = -1;
  let last = -Infinity;
  const close = (): void => {
    if (start < 0) return;
    let own = 0;
    for (let u = start; u <= last; u++) own += 1 - inSpike[u]!;
    if (own < EPISODE_MIN_DAYS) return;
    onsets.push(start);
    for (let u = start; u <= last; u++) episodeOf[u] = 1;
  };
  b.forEach((x, t) => {
    if (x < med + EPISODE_MIN_LEVEL) return;
    if (t - last > EPISODE_GAP + 1) (close(), (start = t));
    last = t;
  });
  close();
  const episodes = onsets.length;
  const kept = spikes.filter((t) => !onsets.some((o) => t >= o && t <= o + EPISODE_GAP));
  if (kept.length !== spikes.length) ((spikes = kept), ({ size, decay, inSpike } = spikeShape()));
  const inEpisode = (t: number): boolean => t >= 0 && episodeOf[t] === 1;
  // An episode's addition decays geometrically from its size S by d per day. Excess is over the mean
  // of the other days (outside spikes); S is the highest excess of an episode's first EPISODE_GAP + 1
  // days. d matches the area: a run with excess area A that ends at excess c (below which the decay
  // goes on unseen) has S/(1-d) = A + c*d/(1-d), so d = (A - S)/(A - c), pooled over episodes.
  // (A plateau then a decline, like Kamino's December 2024, is fitted by its area, not its shape.)
  // Spike days inside an episode count at the episode's level, not the spike's.
  const rest = b.filter((_, t) => !inEpisode(t) && inSpike[t] === 0);
  const restMean = rest.reduce((a, x) => a + x, 0) / Math.max(1, rest.length);
  let sizeSum = 0;
  let area = 0;
  let endSum = 0;
  for (const o of onsets) {
    sizeSum += Math.max(...b.slice(o, o + EPISODE_GAP + 1)) - restMean;
    // Inside a spike's window the spike is counted as a spike: the excess is held at most at its
    // level on the last day outside a window (or the size).
    let t = o;
    let held = Math.max(...b.slice(o, o + EPISODE_GAP + 1)) - restMean;
    for (; t < b.length && inEpisode(t); t++) {
      const x = b[t]! - restMean;
      if (inSpike[t] === 0) held = x;
      area += inSpike[t] === 0 ? x : Math.min(x, held);
    }
    endSum += b[t - 1]! - restMean;
  }
  const episode = { episodeProb: 0, episodeSize: 0, episodeDecay: 0 };
  if (episodes > 0 && area > endSum) {
    episode.episodeProb = episodes / b.length;
    episode.episodeSize = sizeSum / episodes;
    episode.episodeDecay = Math.max(0, Math.min(0.99, (area - sizeSum) / (area - endSum)));
  }
  const rate = fitRate(b, base, (t) => inSpike[t] === 1 || inEpisode(t) || inEpisode(t - 1));
  return { ...rate, spikeProb: spikes.length / d.length, spikeSize: size, spikeDecay: decay, ...episode };
}
