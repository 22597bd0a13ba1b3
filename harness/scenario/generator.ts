/**
 * The Monte-Carlo path generator: daily OHLC with regime-switching volatility, jumps and opening
 * gaps, a persistent funding process linked to price moves, and lending/borrow APYs with spikes
 * (model in `params.ts`). Every draw comes from the one `Rng` passed in, a fixed number of draws per
 * day, so a path depends only on its seed and its parameters.
 *
 * Example: `generatePath(resolveGeneratorParams({ days: 365 }), scenarioRng(1, 'mc', 0))`
 */
import { formatIsoDay, parseIsoDay } from '../../engine/data/dates.js';
import type { MarketRow } from '../../engine/data/rows.js';
import type { GeneratorParams } from './params.js';
import type { Rng } from './rng.js';

/** Draws consumed per generated day (fixed, whatever the parameters). */
export const DRAWS_PER_DAY = 12; // 4 uniforms + 8 normals

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

/** One generated path of `params.days` canonical rows (valid under `validateRows`). */
export function generatePath(params: GeneratorParams, rng: Rng): MarketRow[] {
  const { price: pp, funding: fp, lend: lp, borrow: bp } = params;
  const dates = datesFrom(params.startDate, params.days);
  const rows: MarketRow[] = new Array(params.days);
  let regime = rng.uniform() < calmShare(pp.stay) ? 0 : 1;
  let prevClose = params.startPrice;
  let fPrev = fp.mean;
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
    const low = Math.min(open, close) * Math.exp(-pp.rangeScale * sigma * Math.abs(rng.normal()));
    const funding = fp.mean + fp.phi * (fPrev - fp.mean) + fp.beta * r + fp.sd * rng.normal();
    const lendRaw = lp.mean + lp.phi * (lPrev - lp.mean) + lp.sd * rng.normal();
    const borrowBase = bp.mean + bp.phi * (bPrev - bp.mean) + bp.sd * rng.normal();
    const uSpike = rng.uniform();
    const uSize = rng.uniform();
    spike = bp.spikeDecay * spike + (uSpike < bp.spikeProb ? bp.spikeSize * (0.5 + uSize) : 0);
    rows[t] = {
      date: dates[t]!,
      open,
      high,
      low,
      close,
      funding,
      lendApy: clamp(lendRaw, lp.min, lp.max),
      borrowApy: clamp(borrowBase + spike, bp.min, bp.max),
    };
    prevClose = close;
    fPrev = funding;
    lPrev = lendRaw;
    bPrev = borrowBase;
  }
  return rows;
}
