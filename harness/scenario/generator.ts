/**
 * The Monte-Carlo path generator: daily OHLC with regime-switching volatility, jumps, opening gaps and
 * asymmetric wicks (fatter down-wicks, flash crashes), regime-switching funding with slow and fast
 * persistence linked to price moves, and lending/borrow APYs with spikes and high-rate episodes
 * (model in `params.ts`). Every draw comes from the one `Rng` passed in, a fixed number of draws per
 * day, so a path depends only on its seed and its parameters.
 *
 * Example: `generatePath(resolveGeneratorParams({ days: 365 }), scenarioRng(1, 'mc', 0))`
 */
import { formatIsoDay, parseIsoDay } from '../../engine/data/dates.js';
import type { MarketRow } from '../../engine/data/rows.js';
import { COL_BORROW, COL_CLOSE, COL_FUNDING, COL_HIGH, COL_LEND, COL_LOW, COL_OPEN, COL_SPOT, ROW_STRIDE } from '../../engine/data/series.js';
import type { GeneratorParams } from './params.js';
import type { Rng } from './rng.js';

/** Draws consumed per generated day (fixed, whatever the parameters). */
export const DRAWS_PER_DAY = 17; // 8 uniforms + 9 normals

/** Stationary probability of the calm regime (1 when neither regime is ever left). */
export function calmShare(stay: readonly [number, number]): number {
  const leaveCalm = 1 - stay[0];
  const leaveStressed = 1 - stay[1];
  return leaveCalm + leaveStressed === 0 ? 1 : leaveStressed / (leaveCalm + leaveStressed);
}

let cachedDates: { start: string; dates: string[] } = { start: '', dates: [] };

/** The `days` consecutive dates from `start`, cached: formatting dates costs more than drawing a day. */
export function datesFrom(start: string, days: number): readonly string[] {
  if (cachedDates.start !== start || cachedDates.dates.length < days) {
    const day0 = parseIsoDay(start)!;
    cachedDates = { start, dates: Array.from({ length: days }, (_, t) => formatIsoDay(day0 + t)) };
  }
  return cachedDates.dates;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/**
 * One generated path straight in the kernel's market layout (`ROW_STRIDE` f64 per day, engine/data/series.ts):
 * open, high, low, close, funding, then the lend and borrow **APYs** (annual, not yet daily: see
 * `prepareApyColumns`), the pad 0, and the spot candle equal to the perp candle. Suites run this form
 * (no row objects, no dates); `generatePath` builds its rows from it, so both carry the same numbers.
 * `into` (a suite reuses one per chunk): a buffer of exactly `days * ROW_STRIDE` values, every one overwritten.
 */
export function generateColumns(params: GeneratorParams, rng: Rng, into?: Float64Array): Float64Array {
  const { price: pp, funding: fp, lend: lp, borrow: bp } = params;
  if (into && into.length !== params.days * ROW_STRIDE) throw new Error(`generateColumns: a buffer of ${into.length} values for ${params.days} days`);
  const out = into ?? new Float64Array(params.days * ROW_STRIDE);
  let regime = rng.uniform() < calmShare(pp.stay) ? 0 : 1;
  let fRegime = rng.uniform() < calmShare(fp.stay) ? 0 : 1;
  let episode = 0;
  let prevClose = params.startPrice;
  // The deviation starts from its stationary distribution (2 normals before day 0).
  let slow = fp.sd[fRegime as 0 | 1] * Math.sqrt(fp.slowShare) * rng.normal();
  let fast = fp.sd[fRegime as 0 | 1] * Math.sqrt(1 - fp.slowShare) * rng.normal();
  const slowSd = Math.sqrt(fp.slowShare * (1 - fp.slowPhi * fp.slowPhi));
  const fastSd = Math.sqrt((1 - fp.slowShare) * (1 - fp.phi * fp.phi));
  let lPrev = lp.mean;
  let bPrev = bp.mean;
  let spike = 0;
  for (let t = 0; t < params.days; t++) {
    const uRegime = rng.uniform();
    if (t > 0 && uRegime >= pp.stay[regime as 0 | 1]) regime = 1 - regime;
    const sigma = pp.sigma[regime as 0 | 1];
    const zRet = rng.normal();
    const uJump = rng.uniform();
    const zJump = rng.normal();
    const jump = uJump < pp.jumpProb ? pp.jumpMean + pp.jumpStd * zJump : 0;
    const r = pp.drift + sigma * zRet + jump;
    const close = prevClose * Math.exp(r);
    const open = prevClose * Math.exp(pp.gapStd * rng.normal());
    // exp(x >= 0) >= 1 and IEEE multiplication is monotonic, so high >= max(open, close) exactly.
    const high = Math.max(open, close) * Math.exp(pp.rangeScale * sigma * Math.abs(rng.normal()));
    const zLow = rng.normal();
    const uFlash = rng.uniform();
    const uDepth = rng.uniform();
    const flash = uFlash < pp.flashProb ? -pp.flashSize * Math.log(1 - uDepth) : 0;
    const low = Math.min(open, close) * Math.exp(-(pp.downWick * pp.rangeScale * sigma * Math.abs(zLow) + flash));
    const uFunding = rng.uniform();
    if (t > 0 && uFunding >= fp.stay[fRegime as 0 | 1]) fRegime = 1 - fRegime;
    const fSd = fp.sd[fRegime as 0 | 1];
    slow = fp.slowPhi * slow + fSd * slowSd * rng.normal();
    fast = fp.phi * fast + fSd * fastSd * rng.normal();
    const funding = fp.mean[fRegime as 0 | 1] + slow + fast + fp.beta * r;
    const lendRaw = lp.mean + lp.phi * (lPrev - lp.mean) + lp.sd * rng.normal();
    const borrowBase = bp.mean + bp.phi * (bPrev - bp.mean) + bp.sd * rng.normal();
    const uSpike = rng.uniform();
    const uSize = rng.uniform();
    spike = bp.spikeDecay * spike + (uSpike < bp.spikeProb ? bp.spikeSize * (0.5 + uSize) : 0);
    const uEpisode = rng.uniform();
    episode = bp.episodeDecay * episode + (uEpisode < bp.episodeProb ? bp.episodeSize : 0);
    const o = t * ROW_STRIDE;
    out[o + COL_OPEN] = open;
    out[o + COL_HIGH] = high;
    out[o + COL_LOW] = low;
    out[o + COL_CLOSE] = close;
    out[o + COL_FUNDING] = funding;
    out[o + COL_LEND] = clamp(lendRaw, lp.min, lp.max);
    out[o + COL_BORROW] = clamp(borrowBase + spike + episode, bp.min, bp.max);
    out[o + COL_BORROW + 1] = 0; // the pad
    out[o + COL_SPOT + COL_OPEN] = open;
    out[o + COL_SPOT + COL_HIGH] = high;
    out[o + COL_SPOT + COL_LOW] = low;
    out[o + COL_SPOT + COL_CLOSE] = close;
    prevClose = close;
    lPrev = lendRaw;
    bPrev = borrowBase;
  }
  return out;
}

/** One generated path of `params.days` canonical rows (valid under `validateRows`): `generateColumns` as rows. */
export function generatePath(params: GeneratorParams, rng: Rng): MarketRow[] {
  const c = generateColumns(params, rng);
  const dates = datesFrom(params.startDate, params.days);
  const rows: MarketRow[] = new Array(params.days);
  for (let t = 0; t < params.days; t++) {
    const o = t * ROW_STRIDE;
    rows[t] = {
      date: dates[t]!,
      open: c[o + COL_OPEN]!,
      high: c[o + COL_HIGH]!,
      low: c[o + COL_LOW]!,
      close: c[o + COL_CLOSE]!,
      funding: c[o + COL_FUNDING]!,
      lendApy: c[o + COL_LEND]!,
      borrowApy: c[o + COL_BORROW]!,
    };
  }
  return rows;
}
