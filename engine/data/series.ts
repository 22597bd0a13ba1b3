/**
 * A market series prepared for the kernel: rates converted to daily rates once, per convention
 * (MODEL.md section 2), so the kernel needs no `pow`.
 *
 * Layout (the kernel's market block): 12 f64 per day,
 *   [open, high, low, close, funding, lendDaily, borrowDaily, pad, spotOpen, spotHigh, spotLow, spotClose]
 * The long leg reads its prices at `longColumn(legPrices)` + COL_OPEN..COL_CLOSE: the perp columns,
 * or the spot columns under `legPrices split` (MODEL.md 10.2). A series without spot columns repeats
 * the perp prices there (never read: `split` is refused on such a series, `requireSpot`).
 */
import { UsageError } from '../errors.js';
import type { Convention, LegPrices } from '../model/types.js';
import type { MarketRow } from './rows.js';

export const ROW_STRIDE = 12;
export const COL_OPEN = 0;
export const COL_HIGH = 1;
export const COL_LOW = 2;
export const COL_CLOSE = 3;
export const COL_FUNDING = 4;
export const COL_LEND = 5;
export const COL_BORROW = 6;
/** Offset of the spot candle (open, high, low, close) within a row. */
export const COL_SPOT = 8;

/** Column offset of the long leg's prices: 0 (the perp candle) or COL_SPOT (`split`). */
export function longColumn(legPrices: LegPrices): number {
  return legPrices === 'split' ? COL_SPOT : 0;
}

export interface PreparedSeries {
  convention: Convention;
  days: number;
  dates: readonly string[];
  /** `days * ROW_STRIDE` values. */
  data: Float64Array;
  /** True when the rows carried the four spot columns (MODEL.md 10.2). */
  hasSpot: boolean;
}

/** Refuse `legPrices split` on a series without spot columns (`file` names it when known). */
export function requireSpot(series: { hasSpot: boolean }, legPrices: LegPrices, file?: string): void {
  if (legPrices === 'split' && !series.hasSpot) {
    throw new UsageError(
      `legPrices: split needs the spot_open, spot_high, spot_low, spot_close columns${file ? ` and ${file} has none` : ' and the series has none'}` +
        ' (write them with dnh data align --spot FILE)',
    );
  }
}

/** True when every row has the four spot fields (validateRows guarantees all or none). */
export function rowsHaveSpot(rows: readonly MarketRow[]): boolean {
  return rows.length > 0 && rows[0]!.spotClose !== undefined;
}

/** Daily rate from an annual APY: `(1+apy)^(1/365)-1` (exact) or `apy/365` (study). */
export function dailyRate(apy: number, convention: Convention): number {
  return convention === 'study' ? apy / 365 : Math.pow(1 + apy, 1 / 365) - 1;
}

export function prepareSeries(rows: readonly MarketRow[], convention: Convention): PreparedSeries {
  const data = new Float64Array(rows.length * ROW_STRIDE);
  const hasSpot = rowsHaveSpot(rows);
  rows.forEach((r, t) => {
    const o = t * ROW_STRIDE;
    data[o + COL_OPEN] = r.open;
    data[o + COL_HIGH] = r.high;
    data[o + COL_LOW] = r.low;
    data[o + COL_CLOSE] = r.close;
    data[o + COL_FUNDING] = r.funding;
    data[o + COL_LEND] = dailyRate(r.lendApy, convention);
    data[o + COL_BORROW] = dailyRate(r.borrowApy, convention);
    data[o + COL_SPOT + COL_OPEN] = hasSpot ? r.spotOpen! : r.open;
    data[o + COL_SPOT + COL_HIGH] = hasSpot ? r.spotHigh! : r.high;
    data[o + COL_SPOT + COL_LOW] = hasSpot ? r.spotLow! : r.low;
    data[o + COL_SPOT + COL_CLOSE] = hasSpot ? r.spotClose! : r.close;
  });
  return { convention, days: rows.length, dates: rows.map((r) => r.date), data, hasSpot };
}

/**
 * A series already in the kernel layout with the lend and borrow columns as annual APYs (the
 * scenario generator's `generateColumns`): a copy with those two columns as daily rates under
 * `convention`, every other value as is. Equal, value for value, to `prepareSeries` of the same rows.
 * `inPlace`: convert `columns` itself (its APYs are then gone; for a caller needing one convention only).
 */
export function prepareApyColumns(columns: Float64Array, dates: readonly string[], convention: Convention, inPlace = false): PreparedSeries {
  const days = columns.length / ROW_STRIDE;
  if (!Number.isInteger(days) || dates.length !== days) throw new Error(`prepareApyColumns: ${columns.length} values for ${dates.length} dates`);
  const data = inPlace ? columns : columns.slice();
  for (let o = 0; o < data.length; o += ROW_STRIDE) {
    data[o + COL_LEND] = dailyRate(data[o + COL_LEND]!, convention);
    data[o + COL_BORROW] = dailyRate(data[o + COL_BORROW]!, convention);
  }
  return { convention, days, dates, data, hasSpot: false };
}
