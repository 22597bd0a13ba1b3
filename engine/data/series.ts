/**
 * A market series prepared for the kernel: rates converted to daily rates once, per convention
 * (MODEL.md section 2), so the kernel needs no `pow`.
 *
 * Layout (the kernel's market block): 8 f64 per day,
 *   [open, high, low, close, funding, lendDaily, borrowDaily, pad]
 */
import type { Convention } from '../model/types.js';
import type { MarketRow } from './rows.js';

export const ROW_STRIDE = 8;
export const COL_OPEN = 0;
export const COL_HIGH = 1;
export const COL_LOW = 2;
export const COL_CLOSE = 3;
export const COL_FUNDING = 4;
export const COL_LEND = 5;
export const COL_BORROW = 6;

export interface PreparedSeries {
  convention: Convention;
  days: number;
  dates: readonly string[];
  /** `days * ROW_STRIDE` values. */
  data: Float64Array;
}

/** Daily rate from an annual APY: `(1+apy)^(1/365)-1` (exact) or `apy/365` (study). */
export function dailyRate(apy: number, convention: Convention): number {
  return convention === 'study' ? apy / 365 : Math.pow(1 + apy, 1 / 365) - 1;
}

export function prepareSeries(rows: readonly MarketRow[], convention: Convention): PreparedSeries {
  const data = new Float64Array(rows.length * ROW_STRIDE);
  rows.forEach((r, t) => {
    const o = t * ROW_STRIDE;
    data[o + COL_OPEN] = r.open;
    data[o + COL_HIGH] = r.high;
    data[o + COL_LOW] = r.low;
    data[o + COL_CLOSE] = r.close;
    data[o + COL_FUNDING] = r.funding;
    data[o + COL_LEND] = dailyRate(r.lendApy, convention);
    data[o + COL_BORROW] = dailyRate(r.borrowApy, convention);
  });
  return { convention, days: rows.length, dates: rows.map((r) => r.date), data };
}
