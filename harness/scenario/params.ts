/**
 * Parameters of the scenario generator (`generator.ts`) and their validation.
 *
 * Price: close-to-close log return `r = drift + sigma[s]*z + jump`, `s` a two-state Markov regime
 * (0 calm, 1 stressed) that stays with probability `stay[s]`; a jump happens with probability
 * `jumpProb` and has size `N(jumpMean, jumpStd)`. The open is `prevClose*exp(gapStd*z)`; the high and
 * low extend `max/min(open, close)` by `exp(+-rangeScale*sigma[s]*|z|)`.
 * Funding (per day, fraction of notional): AR(1) around `mean` with persistence `phi`, linked to the
 * day's return by `beta`: `f = mean + phi*(fPrev - mean) + beta*r + sd*z` (sign flips happen whenever
 * the level crosses zero). Lend and borrow APYs: AR(1) clamped to `[min, max]`; borrow adds spikes of
 * size `spikeSize*(0.5 + U)` with probability `spikeProb`, decaying by `spikeDecay` per day.
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
}

export interface FundingParams {
  mean: number;
  phi: number;
  beta: number;
  sd: number;
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
 * rounded, except two assumptions: drift 0 (the sample's -0.2%/day bear market is not a forecast) and
 * jumps of 1%/day with sd 8% (the fit finds none beyond 4 sigma in 410 days; crypto has them).
 */
export const DEFAULT_GENERATOR_PARAMS: GeneratorParams = {
  startDate: '2025-01-01',
  days: 410,
  startPrice: 190,
  price: { drift: 0, sigma: [0.035, 0.085], stay: [0.955, 0.72], jumpProb: 0.01, jumpMean: 0, jumpStd: 0.08, gapStd: 0.0006, rangeScale: 0.54 },
  funding: { mean: 0.00012, phi: 0.69, beta: 0.0014, sd: 0.00032 },
  lend: { mean: 0.052, phi: 0.47, sd: 0.017, min: 0, max: 0.5 },
  borrow: { mean: 0.059, phi: 0.92, sd: 0.005, min: 0, max: 2, spikeProb: 0.03, spikeSize: 0.044, spikeDecay: 0.5 },
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
  num('funding.mean', p.funding.mean, -1, 1);
  num('funding.phi', p.funding.phi, -1, 1);
  num('funding.beta', p.funding.beta, -10, 10);
  num('funding.sd', p.funding.sd, 0, 1);
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
}
