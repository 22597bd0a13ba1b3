/**
 * Attach spot candles (MODEL.md 10.2) to canonical rows by date: every row's day must have a spot
 * candle (a missing one is a `DataError` naming the spot file and the date; nothing is filled).
 * `dnh data align --spot` does the same inside the alignment; this is for rows already aligned
 * (the study files, which carry no spot columns).
 */
import { parseIsoDay } from '../data/dates.js';
import { validateRows, type MarketRow } from '../data/rows.js';
import { DataError } from '../errors.js';
import type { DailyCandle, Loaded } from './records.js';

export function attachSpot(rows: readonly MarketRow[], spot: Loaded<DailyCandle>, rowsFile: string): MarketRow[] {
  const byDay = new Map(spot.days.map((c) => [c.day, c]));
  const out = rows.map((r) => {
    const c = byDay.get(parseIsoDay(r.date)!);
    if (!c) throw new DataError({ file: spot.file, date: r.date }, `spot: no candle for ${r.date}, a day of ${rowsFile} (nothing is filled)`);
    return { ...r, spotOpen: c.open, spotHigh: c.high, spotLow: c.low, spotClose: c.close };
  });
  validateRows(out, `${rowsFile} with spot from ${spot.file}`);
  return out;
}
