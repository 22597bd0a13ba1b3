/**
 * The bundled example series: seeded, synthetic but realistic daily SOL data (MODEL.md section 2
 * rows) with a volatility regime switch, a single-day +40% intraday spike and a funding regime change.
 *
 * `dnh example --out fixtures/example/sol-synthetic-410d.csv` regenerates the bundled file byte for
 * byte (seed 20241231). Every draw comes from one `seedrandom` stream.
 */
import seedrandom from 'seedrandom';
import { formatIsoDay, parseIsoDay } from '../../engine/data/dates.js';
import type { MarketRow } from '../../engine/data/rows.js';

export interface ExampleOptions {
  seed: number;
  days: number;
  start: string;
  startPrice: number;
  /** Day index of the +40% intraday spike (high = 1.4 x open, close well below the high). */
  spikeDay: number;
  /** Day index from which funding turns negative on average. */
  fundingFlipDay: number;
}

export const EXAMPLE_DEFAULTS: ExampleOptions = {
  seed: 20241231,
  days: 410,
  start: '2024-12-31',
  startPrice: 190,
  spikeDay: 18,
  fundingFlipDay: 260,
};

/** Round to a fixed number of decimals (keeps the CSV readable; deterministic). */
function round(x: number, decimals: number): number {
  return Number(x.toFixed(decimals));
}

export function makeExampleSeries(o: ExampleOptions = EXAMPLE_DEFAULTS): MarketRow[] {
  const rng = seedrandom(`dnh-example:${o.seed}`);
  let spare: number | null = null;
  const normal = (): number => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u = 1 - rng();
    const v = rng();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  const day0 = parseIsoDay(o.start);
  if (day0 === null) throw new Error(`bad start date ${o.start}`);

  const rows: MarketRow[] = [];
  let close = o.startPrice;
  let volatile = false;
  let funding = 0.0003;
  let lend = 0.052;
  let borrow = 0.07;
  for (let t = 0; t < o.days; t++) {
    if (rng() < (volatile ? 0.06 : 0.025)) volatile = !volatile;
    const vol = volatile ? 0.058 : 0.032;
    const drift = t < 200 ? -0.0012 : 0.0004;
    const open = t === 0 ? close : close * (1 + 0.002 * normal());
    let next = open * Math.exp(drift + vol * normal());
    let high = Math.max(open, next) * (1 + Math.abs(normal()) * vol * 0.45);
    let low = Math.min(open, next) * (1 - Math.abs(normal()) * vol * 0.45);
    if (t === o.spikeDay) {
      high = open * 1.4;
      next = open * 1.06;
      low = Math.min(low, open * 0.97);
    }
    const fundingMean = t < o.fundingFlipDay ? 0.00025 : -0.00012;
    funding = fundingMean + 0.75 * (funding - fundingMean) + 0.00018 * normal() + (t === o.spikeDay ? 0.0025 : 0);
    lend = Math.max(0.01, 0.052 + 0.9 * (lend - 0.052) + 0.004 * normal());
    borrow = Math.max(0.02, 0.07 + 0.85 * (borrow - 0.07) + 0.006 * normal() + (rng() < 0.02 ? 0.2 : 0));
    const r: MarketRow = {
      date: formatIsoDay(day0 + t),
      open: round(open, 3),
      high: round(high, 3),
      low: round(low, 3),
      close: round(next, 3),
      funding: round(funding, 10),
      lendApy: round(lend, 6),
      borrowApy: round(borrow, 6),
    };
    // Rounding may nudge an extreme inside the open/close band; restore the OHLC invariant.
    r.high = Math.max(r.high, r.open, r.close);
    r.low = Math.min(r.low, r.open, r.close);
    rows.push(r);
    close = r.close;
  }
  return rows;
}
