/**
 * Spot columns for the bundled example (MODEL.md 10.2): a seeded SOL spot candle beside each perp
 * candle, with a small persistent basis that widens in a crash. Drawn from its own `seedrandom`
 * stream, so the perp columns stay byte for byte those of `makeExampleSeries`.
 *
 * Per day t, with the perp candle (open, high, low, close) and ret = close/open - 1:
 * - basis b_t = 0.8*b_{t-1} + 0.0005*z + CRASH_PREMIUM*max(0, -ret - CRASH_FROM): spot trades at a
 *   premium to the perp after a crash day (a drop beyond 6%: perps lead and overshoot in a sell-off),
 *   mean-reverting at 0.8 a day;
 * - spot open = open*(1 + b_{t-1}), spot close = close*(1 + b_t);
 * - the spot wicks are a fraction of the perp's: down-wick WICK_DOWN (0.6) x the perp's, up-wick
 *   WICK_UP (0.9) x; so on a crash day the spot low stays well above the perp low (the widening basis
 *   at the low that 2025-10-10 showed: HL perp low 137.51 against Binance spot 168.79).
 */
import seedrandom from 'seedrandom';
import type { MarketRow } from '../../engine/data/rows.js';

export const CRASH_PREMIUM = 0.15;
/** Daily drops beyond this widen the basis (a crash, not an ordinary down day). */
export const CRASH_FROM = 0.06;
export const WICK_DOWN = 0.6;
export const WICK_UP = 0.9;

function round(x: number, decimals: number): number {
  return Number(x.toFixed(decimals));
}

/** The rows with the four spot fields added (a new array; the perp fields are unchanged). */
export function withExampleSpot(rows: readonly MarketRow[], seed: number): MarketRow[] {
  const rng = seedrandom(`dnh-example-spot:${seed}`);
  const normal = (): number => {
    const u = 1 - rng();
    const v = rng();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  let basis = 0;
  return rows.map((r) => {
    const ret = r.close / r.open - 1;
    const prev = basis;
    basis = 0.8 * basis + 0.0005 * normal() + CRASH_PREMIUM * Math.max(0, -ret - CRASH_FROM);
    const so = round(r.open * (1 + prev), 3);
    const sc = round(r.close * (1 + basis), 3);
    const downWick = 1 - r.low / Math.min(r.open, r.close);
    const upWick = r.high / Math.max(r.open, r.close) - 1;
    const sl = round(Math.min(so, sc) * (1 - WICK_DOWN * downWick), 3);
    const sh = round(Math.max(so, sc) * (1 + WICK_UP * upWick), 3);
    return { ...r, spotOpen: so, spotHigh: Math.max(sh, so, sc), spotLow: Math.min(sl, so, sc), spotClose: sc };
  });
}
