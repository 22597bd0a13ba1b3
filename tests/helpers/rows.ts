/** Tiny builders for hand-written market rows. */
import { formatIsoDay } from '../../engine/data/dates.js';
import type { MarketRow } from '../../engine/data/rows.js';

/** Day `t` (from 2025-01-01) with explicit OHLC and optional funding/rates. */
export function day(t: number, o: number, h: number, l: number, c: number, funding = 0, lendApy = 0, borrowApy = 0): MarketRow {
  return { date: formatIsoDay(20_089 + t), open: o, high: h, low: l, close: c, funding, lendApy, borrowApy };
}

/** A day where open = high = low = close = p. */
export function flat(t: number, p: number, funding = 0, lendApy = 0, borrowApy = 0): MarketRow {
  return day(t, p, p, p, p, funding, lendApy, borrowApy);
}

/** |a - b| <= tol * max(1, |b|). */
export function close(a: number, b: number, tol = 1e-9): boolean {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}
