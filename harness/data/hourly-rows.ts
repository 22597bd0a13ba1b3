/**
 * `dnh data align --hourly`: hourly candles, hourly funding and the daily lending rates into the hourly
 * file `dnh paper --hourly` reads (engine/paper/replay.ts): `time,price,high,low,funding,lend_apy,borrow_apy`.
 *
 * - Candles: a Hyperliquid `candleSnapshot` response with interval `1h` (`t, T, s, i, o, h, l, c`).
 *   Row `time` is the candle's open hour, `price` its close. The replay opens each hour at the previous
 *   hour's close, so the extremes are widened to include it (an exchange's open can differ from the
 *   previous close by a tick; the file must stay loadable, and no extreme is narrowed).
 * - Funding: any hourly source `--funding` takes (Hyperliquid fundingHistory, Drift records, freqtrade 1h
 *   feather; several merged by hour). A record counts in the hour its timestamp falls in, as the daily
 *   aligner sums it into the day its timestamp falls in: the hours of a day sum to that day's funding.
 * - Rates: DefiLlama daily snapshots; every hour of a day carries that day's APYs.
 * Window: the hours every source covers, cut by `--from/--to` (days, inclusive); a missing hour inside
 * it is a `DataError` naming the file and the hour (nothing is filled).
 *
 * @example const { rows } = alignHourly({ candles: loadHlHourlyCandles(f), funding, lend, borrow }); formatHourlyCsv(rows)
 */
import { dayOfMs, formatIsoDay, parseIsoDay } from '../../engine/data/dates.js';
import { DataError, UsageError } from '../../engine/errors.js';
import { checkCandle, integerField, isoOf, numberField, parseJsonRecords, readText, stringField, type DailyFunding, type DailyRate, type Loaded } from '../../engine/venues-data/records.js';
import { csvNumber } from '../io/csv-number.js';

const HOUR = 3_600_000;

export interface HourCandle {
  /** hours since 1970-01-01T00:00Z */
  hour: number;
  open: number;
  high: number;
  low: number;
  close: number;
  record: number;
}

export interface HourRow {
  hour: number;
  price: number;
  high: number;
  low: number;
  funding: number;
  lendApy: number;
  borrowApy: number;
}

export const hourText = (hour: number): string => `${formatIsoDay(Math.floor(hour / 24))}T${String(hour % 24).padStart(2, '0')}:00:00Z`;

/** A Hyperliquid `candleSnapshot` response with interval `1h`. */
export function parseHlHourlyCandles(text: string, file: string): HourCandle[] {
  const records = parseJsonRecords(text, file);
  const out = records.map((r, i): HourCandle => {
    const at = { file, row: i + 1 };
    const interval = stringField(r, 'i', at);
    if (interval !== '1h') throw new DataError({ ...at, field: 'i' }, `--hourly needs hourly candles (i = "1h"), got "${interval}"`);
    const t = integerField(r, 't', at);
    const date = isoOf(dayOfMs(t));
    if (t % HOUR !== 0) throw new DataError({ ...at, date, field: 't' }, `an hourly candle must open on the hour, got ${t}`);
    const c = { day: dayOfMs(t), open: numberField(r, 'o', { ...at, date }), high: numberField(r, 'h', { ...at, date }), low: numberField(r, 'l', { ...at, date }), close: numberField(r, 'c', { ...at, date }), endMs: t + HOUR - 1, record: i + 1 };
    checkCandle(c, file);
    return { hour: t / HOUR, open: c.open, high: c.high, low: c.low, close: c.close, record: i + 1 };
  });
  for (let i = 1; i < out.length; i++) {
    if (out[i]!.hour <= out[i - 1]!.hour) throw new DataError({ file, row: i + 1, date: isoOf(Math.floor(out[i]!.hour / 24)), field: 't' }, 'candles must be in strictly increasing time order');
  }
  return out;
}

export function loadHlHourlyCandles(file: string): HourCandle[] {
  return parseHlHourlyCandles(readText(file), file);
}

export interface HourlyInputs {
  candles: HourCandle[];
  candlesFile: string;
  funding: Loaded<DailyFunding>;
  lend: Loaded<DailyRate>;
  borrow: Loaded<DailyRate>;
  from?: string;
  to?: string;
}

function dayOf(flag: string, text: string | undefined): number | null {
  if (text === undefined) return null;
  const d = parseIsoDay(text);
  if (d === null) throw new UsageError(`${flag}: expected a date YYYY-MM-DD, got "${text}"`);
  return d;
}

/** Align the sources hour by hour over the window they share (see the header). */
export function alignHourly(inp: HourlyInputs): { rows: HourRow[]; from: string; to: string } {
  if (inp.candles.length === 0) throw new DataError({ file: inp.candlesFile }, 'no candles');
  const hourly = inp.funding.hourly;
  if (!hourly || (inp.funding.perDay ?? 24) !== 24) throw new DataError({ file: inp.funding.file }, `${inp.funding.format}: --hourly needs hourly funding records (Hyperliquid fundingHistory, Drift records, a 1 h freqtrade feather)`);
  const funding = new Map(hourly.map((h) => [Math.floor(h.ms / HOUR), h.rate]));
  const lend = new Map(inp.lend.days.map((d) => [d.day, d.apy]));
  const borrow = new Map(inp.borrow.days.map((d) => [d.day, d.apy]));
  const fundingHours = [...funding.keys()];
  let first = Math.max(inp.candles[0]!.hour, Math.min(...fundingHours), inp.lend.days[0]!.day * 24, inp.borrow.days[0]!.day * 24);
  let last = Math.min(inp.candles.at(-1)!.hour, Math.max(...fundingHours), inp.lend.days.at(-1)!.day * 24 + 23, inp.borrow.days.at(-1)!.day * 24 + 23);
  const fromDay = dayOf('--from', inp.from);
  const toDay = dayOf('--to', inp.to);
  if (fromDay !== null && toDay !== null && fromDay > toDay) throw new UsageError(`--from ${inp.from} is after --to ${inp.to}`);
  if (fromDay !== null) first = Math.max(first, fromDay * 24);
  if (toDay !== null) last = Math.min(last, toDay * 24 + 23);
  if (last - first + 1 < 2) throw new UsageError(`the sources share ${Math.max(0, last - first + 1)} hour(s) (${hourText(first)} .. ${hourText(last)}): need at least 2`);
  const candles = new Map(inp.candles.map((c) => [c.hour, c]));
  const rows: HourRow[] = [];
  for (let h = first; h <= last; h++) {
    const c = candles.get(h);
    const date = isoOf(Math.floor(h / 24));
    if (!c) throw new DataError({ file: inp.candlesFile, date }, `candle of ${hourText(h)} missing inside the window (gap; nothing is filled)`);
    const rate = funding.get(h);
    if (rate === undefined) throw new DataError({ file: inp.funding.file, date }, `funding of ${hourText(h)} missing inside the window (gap; nothing is filled)`);
    const l = lend.get(Math.floor(h / 24));
    if (l === undefined) throw new DataError({ file: inp.lend.file, date }, 'lend rate of the day missing inside the window (gap; nothing is filled)');
    const b = borrow.get(Math.floor(h / 24));
    if (b === undefined) throw new DataError({ file: inp.borrow.file, date }, 'borrow rate of the day missing inside the window (gap; nothing is filled)');
    const prevClose = rows.at(-1)?.price ?? c.close;
    rows.push({ hour: h, price: c.close, high: Math.max(c.high, prevClose), low: Math.min(c.low, prevClose), funding: rate, lendApy: l, borrowApy: b });
  }
  return { rows, from: hourText(first), to: hourText(last) };
}

export function formatHourlyCsv(rows: readonly HourRow[]): string {
  const lines = ['time,price,high,low,funding,lend_apy,borrow_apy'];
  for (const r of rows) lines.push([hourText(r.hour), csvNumber(r.price), csvNumber(r.high), csvNumber(r.low), csvNumber(r.funding), csvNumber(r.lendApy), csvNumber(r.borrowApy)].join(','));
  return lines.join('\n') + '\n';
}
