/**
 * Parameters of the scenario generator (`generator.ts`) and their validation.
 *
 * Price: close-to-close log return `r = drift + sigma[s]*z + jump`, `s` a two-state Markov regime
 * (0 calm, 1 stressed) that stays with probability `stay[s]`; a jump happens with probability
 * `jumpProb` and has size `N(jumpMean, jumpStd)`. The open is `prevClose*exp(gapStd*z)`. Wicks are
 * asymmetric: the high extends `max(open, close)` by `exp(rangeScale*sigma[s]*|z|)`, the low extends
 * `min(open, close)` by `exp(-(downWick*rangeScale*sigma[s]*|z'| + flash))`, where a flash-crash wick
 * of log depth `flashSize*E` (E ~ Exp(1)) happens with probability `flashProb`.
 * Funding (per day, fraction of notional): a two-state Markov regime `q` (0 the tighter state, usually
 * the positive carry; 1 the wider one) with mean `mean[q]`, staying with probability `stay[q]`, plus a
 * within-regime deviation of stationary sd `sd[q]` made of a slow AR(1) (`slowPhi`, a `slowShare` of
 * the variance) and a fast one (`phi`), plus `beta*r`: sign flips, negative stretches and their
 * persistence come from the regimes and the slow component.
 * Lend and borrow APYs: AR(1) clamped to `[min, max]`; borrow adds spikes of size `spikeSize*(0.5 + U)`
 * with probability `spikeProb`, decaying by `spikeDecay` per day, and high-rate episodes: with
 * probability `episodeProb` an addition of `episodeSize` that decays slowly, by `episodeDecay` per day.
 */
import { UsageError } from '../../engine/errors.js';
import { BOUNDS, boundProblem } from '../../engine/bounds.js';
import { parseIsoDay } from '../../engine/data/dates.js';

export interface PriceParams {
  drift: number;
  /** Daily volatility of each regime: [calm, stressed]. */
  sigma: [number, number];
  /** Probability of staying in each regime from one day to the next. */
  stay: [number, number];
  jumpProb: number;
  jumpMean: number;
  jumpStd: number;
  gapStd: number;
  rangeScale: number;
  /** Scale of the ordinary down-wick relative to the up-wick (1: symmetric). */
  downWick: number;
  /** Probability per day of a flash-crash wick. */
  flashProb: number;
  /** Mean log depth of a flash-crash wick (exponential). */
  flashSize: number;
}

export interface FundingParams {
  /** Mean of each funding regime: [tighter, wider]. */
  mean: [number, number];
  /** Stationary sd of the within-regime deviation in each regime. */
  sd: [number, number];
  /** Probability of staying in each regime from one day to the next. */
  stay: [number, number];
  /** Persistence of the fast AR(1) part of the deviation. */
  phi: number;
  /** Persistence of the slow AR(1) part of the deviation. */
  slowPhi: number;
  /** Share of the deviation's variance in the slow part, in [0, 1]. */
  slowShare: number;
  /** Link to the day's log return. */
  beta: number;
}

export interface RateParams {
  mean: number;
  phi: number;
  sd: number;
  min: number;
  max: number;
}

export interface BorrowParams extends RateParams {
  spikeProb: number;
  spikeSize: number;
  spikeDecay: number;
  /** Probability per day of a high-rate episode starting. */
  episodeProb: number;
  /** APY an episode adds on its first day. */
  episodeSize: number;
  /** Daily decay of an episode's addition (slower than a spike's). */
  episodeDecay: number;
}

export interface GeneratorParams {
  startDate: string;
  days: number;
  startPrice: number;
  price: PriceParams;
  funding: FundingParams;
  lend: RateParams;
  borrow: BorrowParams;
}

/** Partial parameters as a suite file gives them; `resolveGeneratorParams` fills the rest. */
export type GeneratorOverrides = Partial<Omit<GeneratorParams, 'price' | 'funding' | 'lend' | 'borrow'>> & {
  price?: Partial<PriceParams>;
  funding?: Partial<FundingParams>;
  lend?: Partial<RateParams>;
  borrow?: Partial<BorrowParams>;
};

/**
 * Defaults: `dnh scenario fit --data ../shared/data/sol-hl-study.csv` (2024-12-31 .. 2026-02-13),
 * rounded, for price, funding and lend; borrow from the fit of the longer
 * `../shared/data/sol-binance-hl-2024-12-01.csv` (the same Kamino series from 2024-12-01, so it holds
 * the December 2024 high-rate episode: P(borrow > 15%) = 4.6% of days). Two assumptions: drift 0 (the
 * sample's -0.2%/day bear market is not a forecast) and jumps of 1%/day with sd 8% (the fit finds none
 * beyond 4 sigma in 410 days; crypto has them). docs/scenario-suites.md compares paths from these
 * defaults with both series.
 */
export const DEFAULT_GENERATOR_PARAMS: GeneratorParams = {
  startDate: '2025-01-01',
  days: 410,
  startPrice: 190,
  price: { drift: 0, sigma: [0.035, 0.085], stay: [0.955, 0.72], jumpProb: 0.01, jumpMean: 0, jumpStd: 0.08, gapStd: 0.0006, rangeScale: 0.49, downWick: 1.12, flashProb: 0.0049, flashSize: 0.2 },
  funding: { mean: [0.00021, -0.000065], sd: [0.00013, 0.00072], stay: [0.9, 0.81], phi: 0.51, slowPhi: 0.97, slowShare: 0.29, beta: 0.0014 },
  lend: { mean: 0.052, phi: 0.47, sd: 0.017, min: 0, max: 0.5 },
  borrow: { mean: 0.059, phi: 0.915, sd: 0.0055, min: 0, max: 2, spikeProb: 0.041, spikeSize: 0.064, spikeDecay: 0.48, episodeProb: 0.0023, episodeSize: 0.165, episodeDecay: 0.973 },
};

/** Fill defaults and validate. */
export function resolveGeneratorParams(o: GeneratorOverrides = {}, base: GeneratorParams = DEFAULT_GENERATOR_PARAMS): GeneratorParams {
  const p: GeneratorParams = {
    startDate: o.startDate ?? base.startDate,
    days: o.days ?? base.days,
    startPrice: o.startPrice ?? base.startPrice,
    price: { ...base.price, ...o.price },
    funding: { ...base.funding, ...o.funding },
    lend: { ...base.lend, ...o.lend },
    borrow: { ...base.borrow, ...o.borrow },
  };
  p.price.sigma = [...p.price.sigma] as [number, number];
  p.price.stay = [...p.price.stay] as [number, number];
  for (const k of ['mean', 'sd', 'stay'] as const) if (Array.isArray(p.funding[k])) p.funding[k] = [...p.funding[k]] as [number, number];
  validateGeneratorParams(p);
  return p;
}

function need(ok: boolean, message: string): void {
  if (!ok) throw new UsageError(message);
}

function num(name: string, v: unknown, lo: number, hi: number, loOpen = false): void {
  need(typeof v === 'number' && Number.isFinite(v), `${name}: expected a finite number, got ${String(v)}`);
  const x = v as number;
  need(loOpen ? x > lo : x >= lo, `${name}: must be ${loOpen ? '>' : '>='} ${lo}, got ${x}`);
  need(x <= hi, `${name}: must be <= ${hi}, got ${x}`);
}

/** Reject invalid generator parameters with a `UsageError` naming the field. */
export function validateGeneratorParams(p: GeneratorParams): void {
  need(typeof p.startDate === 'string' && parseIsoDay(p.startDate) !== null, `startDate: not a valid YYYY-MM-DD date: ${String(p.startDate)}`);
  need(typeof p.days === 'number' && boundProblem('generatorDays', p.days) === null, `days: ${boundProblem('generatorDays', p.days as number)}`);
  // The start price and the APY clamps are data bounds (docs/bounds.md): a path starting or clamped
  // outside them could not be read back as a canonical CSV.
  need(typeof p.startPrice === 'number' && boundProblem('price', p.startPrice) === null, `startPrice: ${boundProblem('price', p.startPrice as number)}`);
  const pr = p.price;
  num('price.drift', pr.drift, -1, 1);
  need(Array.isArray(pr.sigma) && pr.sigma.length === 2, 'price.sigma: expected [calm, stressed]');
  need(Array.isArray(pr.stay) && pr.stay.length === 2, 'price.stay: expected [calm, stressed]');
  pr.sigma.forEach((s, i) => num(`price.sigma[${i}]`, s, 0, 1));
  pr.stay.forEach((s, i) => num(`price.stay[${i}]`, s, 0, 1));
  num('price.jumpProb', pr.jumpProb, 0, 1);
  num('price.jumpMean', pr.jumpMean, -2, 2);
  num('price.jumpStd', pr.jumpStd, 0, 2);
  num('price.gapStd', pr.gapStd, 0, 1);
  num('price.rangeScale', pr.rangeScale, 0, 100);
  num('price.downWick', pr.downWick, 0, 100);
  num('price.flashProb', pr.flashProb, 0, 1);
  num('price.flashSize', pr.flashSize, 0, 10);
  const fu = p.funding;
  for (const [k, lo, hi] of [['mean', -1, 1], ['sd', 0, 1], ['stay', 0, 1]] as const) {
    need(Array.isArray(fu[k]) && fu[k].length === 2, `funding.${k}: expected [tighter regime, wider regime]`);
    fu[k].forEach((v, i) => num(`funding.${k}[${i}]`, v, lo, hi));
  }
  num('funding.phi', fu.phi, -0.999, 0.999);
  num('funding.slowPhi', fu.slowPhi, -0.999, 0.999);
  num('funding.slowShare', fu.slowShare, 0, 1);
  num('funding.beta', fu.beta, -10, 10);
  for (const k of ['lend', 'borrow'] as const) {
    const r = p[k];
    num(`${k}.min`, r.min, BOUNDS.apy.min, BOUNDS.apy.max);
    num(`${k}.max`, r.max, r.min, BOUNDS.apy.max);
    num(`${k}.mean`, r.mean, r.min, r.max);
    num(`${k}.phi`, r.phi, -1, 1);
    num(`${k}.sd`, r.sd, 0, 10);
  }
  num('borrow.spikeProb', p.borrow.spikeProb, 0, 1);
  num('borrow.spikeSize', p.borrow.spikeSize, 0, 100);
  num('borrow.spikeDecay', p.borrow.spikeDecay, 0, 1);
  num('borrow.episodeProb', p.borrow.episodeProb, 0, 1);
  num('borrow.episodeSize', p.borrow.episodeSize, 0, 100);
  num('borrow.episodeDecay', p.borrow.episodeDecay, 0, 1);
}
