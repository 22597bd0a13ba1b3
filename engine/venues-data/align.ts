/**
 * Align venue series into canonical daily rows (MODEL.md section 2) with a coverage report.
 *
 * The window is the overlap of the four sources (narrowed by `from`/`to`); inside it every source
 * must have every day (a missing one is a `DataError` naming the file and date: nothing is filled).
 * Partial days are flagged, never silently kept or dropped:
 * - funding from fewer than 24 hourly records;
 * - a candle that ends early (its close time before the end of its day), or that is the last of its
 *   file while no input carries a timestamp at or after its end (it was fetched before the day closed).
 * `dropPartial` trims flagged days at the window's edges; one inside the window cannot be dropped
 * without a gap, so it is a `UsageError` asking for `from`/`to`.
 */
import { DataError, UsageError } from '../errors.js';
import { parseIsoDay } from '../data/dates.js';
import { validateRows, type MarketRow } from '../data/rows.js';
import { checkSameAsset } from './asset.js';
import { checkFundingScale } from './scale.js';
import { isoMinute, isoOf, MS_PER_DAY, type DailyCandle, type DailyFunding, type DailyRate, type Loaded } from './records.js';

export const HOURS_PER_DAY = 24;

export interface AlignInputs {
  prices: Loaded<DailyCandle>;
  funding: Loaded<DailyFunding>;
  lend: Loaded<DailyRate>;
  borrow: Loaded<DailyRate>;
  /** MODEL.md 10.2: spot candles (e.g. Binance SOL/USDT klines) written as the `spot_*` columns. */
  spot?: Loaded<DailyCandle>;
  from?: string;
  to?: string;
  dropPartial?: boolean;
}

export interface SourceCoverage {
  role: 'prices' | 'funding' | 'lend' | 'borrow' | 'spot';
  file: string;
  format: string;
  first: string;
  last: string;
  days: number;
}

export interface PartialDay {
  date: string;
  reasons: string[];
}

export interface Coverage {
  from: string;
  to: string;
  rows: number;
  sources: SourceCoverage[];
  /** Every partial day of the window before any drop. */
  partial: PartialDay[];
  /** Dates removed by `dropPartial`. */
  dropped: string[];
  /** Newest timestamp among the inputs (ms), the evidence used for unfinished candles. */
  newestInputMs: number | null;
  unknownHours: number;
}

function dayArg(text: string | undefined, flag: string): number | null {
  if (text === undefined) return null;
  const d = parseIsoDay(text);
  if (d === null) throw new UsageError(`${flag}: expected YYYY-MM-DD, got "${text}"`);
  return d;
}

function byDay<T extends { day: number }>(l: Loaded<T>): Map<number, T> {
  return new Map(l.days.map((d) => [d.day, d]));
}

function candleReason(c: DailyCandle, isLast: boolean, newest: number | null): string | null {
  const dayEnd = (c.day + 1) * MS_PER_DAY - 1;
  if (c.endMs < dayEnd) return `candle ends early (close time ${isoMinute(c.endMs)})`;
  if (isLast && (newest === null || newest < c.endMs)) {
    const seen = newest === null ? 'no input carries a time' : `newest input time ${isoMinute(newest)}`;
    return `candle is the last of its file and no input shows the day closed (${seen})`;
  }
  return null;
}

/** Align the four sources; throws `DataError` on a gap inside the window. */
export function alignVenueData(inp: AlignInputs): { rows: MarketRow[]; coverage: Coverage } {
  const sources: (readonly [SourceCoverage['role'], Loaded<{ day: number }>])[] = [
    ['prices', inp.prices],
    ['funding', inp.funding],
    ['lend', inp.lend],
    ['borrow', inp.borrow],
  ];
  if (inp.spot) sources.push(['spot', inp.spot]);
  // Every input about one asset, and funding in one unit (docs/bounds.md).
  checkSameAsset([
    { role: 'prices', file: inp.prices.file, asset: inp.prices.asset },
    { role: 'funding', file: inp.funding.file, asset: inp.funding.asset },
    ...(inp.spot ? [{ role: 'spot prices', file: inp.spot.file, asset: inp.spot.asset }] : []),
  ]);
  checkFundingScale(inp.funding);
  const fromArg = dayArg(inp.from, '--from');
  const toArg = dayArg(inp.to, '--to');
  let from = Math.max(...sources.map(([, l]) => l.days[0]!.day));
  let to = Math.min(...sources.map(([, l]) => l.days[l.days.length - 1]!.day));
  if (fromArg !== null) from = Math.max(from, fromArg);
  if (toArg !== null) to = Math.min(to, toArg);
  if (to - from + 1 < 2) {
    throw new UsageError(`the sources overlap on ${Math.max(0, to - from + 1)} day(s) (${isoOf(from)} .. ${isoOf(to)}): need at least 2`);
  }
  const maps = sources.map(([role, l]) => [role, l, byDay<{ day: number }>(l)] as const);
  for (const [role, l, m] of maps) {
    for (let d = from; d <= to; d++) {
      if (!m.has(d)) throw new DataError({ file: l.file, date: isoOf(d) }, `${role}: day missing inside the aligned window ${isoOf(from)} .. ${isoOf(to)} (gap; nothing is filled)`);
    }
  }
  const times = sources.map(([, l]) => l.lastMs).filter((x): x is number => x !== null);
  const newest = times.length ? Math.max(...times) : null;
  const prices = byDay(inp.prices);
  const funding = byDay(inp.funding);
  const lend = byDay(inp.lend);
  const borrow = byDay(inp.borrow);
  const lastCandleDay = inp.prices.days[inp.prices.days.length - 1]!.day;
  const spot = inp.spot ? byDay(inp.spot) : null;
  const lastSpotDay = inp.spot ? inp.spot.days[inp.spot.days.length - 1]!.day : NaN;
  const partial: PartialDay[] = [];
  let unknownHours = 0;
  const perDay = inp.funding.perDay ?? HOURS_PER_DAY;
  const unit = perDay === HOURS_PER_DAY ? 'hours' : `${HOURS_PER_DAY / perDay}-hour records`;
  const all: MarketRow[] = [];
  for (let d = from; d <= to; d++) {
    const c = prices.get(d)!;
    const f = funding.get(d)!;
    const reasons: string[] = [];
    if (f.hours === null) unknownHours++;
    else if (f.hours < perDay) reasons.push(`funding from ${f.hours} of ${perDay} ${unit}`);
    const cr = candleReason(c, d === lastCandleDay, newest);
    if (cr) reasons.push(cr);
    const sc = spot?.get(d);
    if (sc) {
      const sr = candleReason(sc, d === lastSpotDay, newest);
      if (sr) reasons.push(`spot ${sr}`);
    }
    if (reasons.length) partial.push({ date: isoOf(d), reasons });
    const row: MarketRow = {
      date: isoOf(d), open: c.open, high: c.high, low: c.low, close: c.close,
      funding: f.rate, lendApy: lend.get(d)!.apy, borrowApy: borrow.get(d)!.apy,
    };
    if (sc) {
      row.spotOpen = sc.open;
      row.spotHigh = sc.high;
      row.spotLow = sc.low;
      row.spotClose = sc.close;
    }
    all.push(row);
  }
  const { rows, dropped } = inp.dropPartial ? dropEdges(all, partial) : { rows: all, dropped: [] };
  validateRows(rows, `aligned rows (${inp.prices.file})`, (i) => i + 2);
  const coverage: Coverage = {
    from: rows[0]!.date,
    to: rows[rows.length - 1]!.date,
    rows: rows.length,
    sources: sources.map(([role, l]) => ({
      role, file: l.file, format: l.format, first: isoOf(l.days[0]!.day), last: isoOf(l.days[l.days.length - 1]!.day), days: l.days.length,
    })),
    partial,
    dropped,
    newestInputMs: newest,
    unknownHours,
  };
  return { rows, coverage };
}

function dropEdges(rows: MarketRow[], partial: readonly PartialDay[]): { rows: MarketRow[]; dropped: string[] } {
  const bad = new Set(partial.map((p) => p.date));
  let a = 0;
  let b = rows.length;
  while (a < b && bad.has(rows[a]!.date)) a++;
  while (b > a && bad.has(rows[b - 1]!.date)) b--;
  const inner = rows.slice(a, b).find((r) => bad.has(r.date));
  if (inner) {
    throw new UsageError(`--drop-partial: partial day ${inner.date} lies inside the window; dropping it would leave a gap (choose --from/--to around it)`);
  }
  if (b - a < 2) throw new UsageError('--drop-partial: fewer than 2 complete days remain');
  return { rows: rows.slice(a, b), dropped: [...rows.slice(0, a), ...rows.slice(b)].map((r) => r.date) };
}
