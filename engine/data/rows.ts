/**
 * Canonical aligned daily rows (MODEL.md section 2) and their validation.
 * Every loader (CSV, venue data, generators) produces `MarketRow[]` and passes it through
 * `validateRows`, which rejects with a `DataError` naming file, row, date and field.
 */
import { DataError } from '../errors.js';
import { boundProblem, type BoundKey } from '../bounds.js';
import { isoDayProblem, parseIsoDay } from './dates.js';

export interface MarketRow {
  /** `YYYY-MM-DD`, UTC. */
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Sum of the day's hourly funding rates, fraction of notional; positive: longs pay shorts. */
  funding: number;
  /** SOL supply rate, annual fraction, compounded APY. */
  lendApy: number;
  /** USDC borrow rate, annual fraction, compounded APY. */
  borrowApy: number;
  /**
   * MODEL.md 10.2: the SOL spot candle the lending venue's oracle follows (CSV columns
   * `spot_open, spot_high, spot_low, spot_close`), all four or none, on every row or on none.
   */
  spotOpen?: number;
  spotHigh?: number;
  spotLow?: number;
  spotClose?: number;
}

/** The canonical CSV header, in order. */
export const CANONICAL_COLUMNS = ['date', 'open', 'high', 'low', 'close', 'funding', 'lend_apy', 'borrow_apy'] as const;
export type CanonicalColumn = (typeof CANONICAL_COLUMNS)[number];

/** MODEL.md 10.2: the optional spot candle columns, all four or none. */
export const SPOT_COLUMNS = ['spot_open', 'spot_high', 'spot_low', 'spot_close'] as const;
export type SpotColumn = (typeof SPOT_COLUMNS)[number];
export const SPOT_FIELD_OF_COLUMN: Record<SpotColumn, 'spotOpen' | 'spotHigh' | 'spotLow' | 'spotClose'> = {
  spot_open: 'spotOpen',
  spot_high: 'spotHigh',
  spot_low: 'spotLow',
  spot_close: 'spotClose',
};

export const ROW_FIELD_OF_COLUMN: Record<Exclude<CanonicalColumn, 'date'>, Exclude<keyof MarketRow, 'date'>> = {
  open: 'open',
  high: 'high',
  low: 'low',
  close: 'close',
  funding: 'funding',
  lend_apy: 'lendApy',
  borrow_apy: 'borrowApy',
};

/** Each column's bound in engine/bounds.ts (docs/bounds.md). */
const ROW_BOUNDS: readonly [CanonicalColumn, 'open' | 'high' | 'low' | 'close' | 'funding' | 'lendApy' | 'borrowApy', BoundKey][] = [
  ['open', 'open', 'price'],
  ['high', 'high', 'price'],
  ['low', 'low', 'price'],
  ['close', 'close', 'price'],
  ['funding', 'funding', 'fundingDaily'],
  ['lend_apy', 'lendApy', 'apy'],
  ['borrow_apy', 'borrowApy', 'apy'],
];

/**
 * Validate a whole series; `rowNumber(i)` maps a row index to the number shown in errors
 * (a CSV line number, say). Throws on the first problem; returns the rows unchanged.
 */
export function validateRows(
  rows: readonly MarketRow[],
  file: string,
  rowNumber: (i: number) => number = (i) => i + 2,
): readonly MarketRow[] {
  if (rows.length < 2) throw new DataError({ file }, `need at least 2 daily rows, got ${rows.length}`);
  const spot = rows[0]!.spotOpen !== undefined || rows[0]!.spotHigh !== undefined || rows[0]!.spotLow !== undefined || rows[0]!.spotClose !== undefined;
  let prevDay = NaN;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const where = { file, row: rowNumber(i), date: r.date };
    const day = parseIsoDay(r.date);
    if (day === null) throw new DataError({ ...where, field: 'date' }, `${isoDayProblem(r.date) ?? 'not a valid YYYY-MM-DD date'}: "${r.date}"`);
    for (const [col, key] of Object.entries(ROW_FIELD_OF_COLUMN)) {
      const v = r[key];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new DataError({ ...where, field: col }, `not a finite number: ${String(v)}`);
    }
    for (const col of ['open', 'high', 'low', 'close'] as const) {
      if (!(r[col] > 0)) throw new DataError({ ...where, field: col }, `price must be > 0, got ${r[col]}`);
    }
    if (r.low > Math.min(r.open, r.close)) {
      throw new DataError({ ...where, field: 'low' }, `low ${r.low} is above min(open, close) = ${Math.min(r.open, r.close)}`);
    }
    if (r.high < Math.max(r.open, r.close)) {
      throw new DataError({ ...where, field: 'high' }, `high ${r.high} is below max(open, close) = ${Math.max(r.open, r.close)}`);
    }
    if (spot) validateSpot(r, where);
    else {
      for (const col of SPOT_COLUMNS) {
        if (r[SPOT_FIELD_OF_COLUMN[col]] !== undefined) throw new DataError({ ...where, field: col }, `${col} present here but not on the first row (the spot columns are all or none)`);
      }
    }
    for (const [col, key, bound] of ROW_BOUNDS) {
      const problem = boundProblem(bound, r[key]);
      if (problem !== null) throw new DataError({ ...where, field: col }, problem);
    }
    if (i > 0) {
      if (day === prevDay) throw new DataError({ ...where, field: 'date' }, `duplicate date ${r.date}`);
      if (day < prevDay) throw new DataError({ ...where, field: 'date' }, `dates are not sorted: ${r.date} follows ${rows[i - 1]!.date}`);
      if (day !== prevDay + 1) {
        throw new DataError({ ...where, field: 'date' }, `gap: ${day - prevDay - 1} missing day(s) between ${rows[i - 1]!.date} and ${r.date}`);
      }
    }
    prevDay = day;
  }
  return rows;
}

/** The spot candle of one row, checked like the perp candle (section 2, MODEL.md 10.2). */
function validateSpot(r: MarketRow, where: { file: string; row: number; date: string }): void {
  for (const col of SPOT_COLUMNS) {
    const v = r[SPOT_FIELD_OF_COLUMN[col]];
    if (v === undefined) throw new DataError({ ...where, field: col }, `${col} missing (the spot columns are all or none, on every row)`);
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new DataError({ ...where, field: col }, `not a finite number: ${String(v)}`);
    if (!(v > 0)) throw new DataError({ ...where, field: col }, `price must be > 0, got ${v}`);
    const problem = boundProblem('price', v);
    if (problem !== null) throw new DataError({ ...where, field: col }, problem);
  }
  const o = r.spotOpen!, h = r.spotHigh!, l = r.spotLow!, c = r.spotClose!;
  if (l > Math.min(o, c)) throw new DataError({ ...where, field: 'spot_low' }, `spot_low ${l} is above min(spot_open, spot_close) = ${Math.min(o, c)}`);
  if (h < Math.max(o, c)) throw new DataError({ ...where, field: 'spot_high' }, `spot_high ${h} is below max(spot_open, spot_close) = ${Math.max(o, c)}`);
}
