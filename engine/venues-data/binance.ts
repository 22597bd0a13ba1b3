/**
 * Binance daily klines CSV loader. Three layouts are read:
 * - with a header naming `open_time` (ISO `2024-03-17 00:00:00+00:00` or ms) or `timestamp` (ms),
 *   then `open, high, low, close`, optionally `close_time`;
 * - without a header, the 12 columns of the klines API / data.binance.vision
 *   (`open time, open, high, low, close, volume, close time, ...`), times in ms or µs.
 * Every kline must open at 00:00 UTC; a `close_time` outside its own day is rejected.
 */
import { parse } from 'csv-parse/sync';
import { parseDecimal } from '../data/decimal.js';
import { DataError } from '../errors.js';
import { dayOfMs } from '../data/dates.js';
import { isoTimestampMs } from './defillama.js';
import { checkCandle, checkDaysIncreasing, isoOf, MS_PER_DAY, type DailyCandle, type Loaded } from './records.js';

/** ms of a kline time: integer ms, integer µs (>= 1e14), or a UTC ISO timestamp (space or `T`). */
function klineMs(text: string): number | null {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= 1e14 ? Math.floor(n / 1000) : n;
  }
  return isoTimestampMs(text.replace(' ', 'T'));
}

interface Columns {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  closeTime: number | null;
  timeName: string;
}

function columnsOf(header: string[], file: string): Columns | null {
  const lower = header.map((h) => h.trim().toLowerCase());
  if (/^\d+$/.test(lower[0] ?? '')) return null;
  const idx = (name: string): number => lower.indexOf(name);
  const timeName = idx('open_time') >= 0 ? 'open_time' : idx('timestamp') >= 0 ? 'timestamp' : '';
  if (!timeName) throw new DataError({ file, row: 1, field: 'open_time' }, 'missing column "open_time" (or "timestamp")');
  const cols: Columns = { time: idx(timeName), open: idx('open'), high: idx('high'), low: idx('low'), close: idx('close'), closeTime: null, timeName };
  for (const k of ['open', 'high', 'low', 'close'] as const) {
    if (cols[k] < 0) throw new DataError({ file, row: 1, field: k }, `missing column "${k}"`);
  }
  cols.closeTime = idx('close_time') >= 0 ? idx('close_time') : null;
  return cols;
}

const HEADERLESS: Columns = { time: 0, open: 1, high: 2, low: 3, close: 4, closeTime: 6, timeName: 'open_time' };

function cellNumber(rec: string[], col: number, name: string, at: { file: string; row: number; date?: string }): number {
  const raw = (rec[col] ?? '').trim();
  const v = parseDecimal(raw.trim());
  if (v === null) throw new DataError({ ...at, field: name }, `not a finite number: "${raw}" (a plain decimal, docs/bounds.md)`);
  return v;
}

/** Parse Binance daily klines CSV text. */
export function parseBinanceKlinesCsv(text: string, file: string): Loaded<DailyCandle> {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch (e) {
    throw new DataError({ file }, `not valid CSV: ${(e as Error).message}`);
  }
  if (records.length === 0) throw new DataError({ file }, 'empty file');
  const named = columnsOf(records[0]!, file);
  const cols = named ?? HEADERLESS;
  const first = named ? 1 : 0;
  if (records.length <= first) throw new DataError({ file }, 'no klines');
  const days: DailyCandle[] = [];
  for (let i = first; i < records.length; i++) {
    const rec = records[i]!;
    const at = { file, row: i + 1 };
    const rawTime = (rec[cols.time] ?? '').trim();
    const ms = klineMs(rawTime);
    if (ms === null) throw new DataError({ ...at, field: cols.timeName }, `not a timestamp: "${rawTime}"`);
    const date = isoOf(dayOfMs(ms));
    if (ms % MS_PER_DAY !== 0) throw new DataError({ ...at, date, field: cols.timeName }, `a daily kline must open at 00:00 UTC, got "${rawTime}"`);
    let endMs = ms + MS_PER_DAY - 1;
    if (cols.closeTime !== null) {
      const rawClose = (rec[cols.closeTime] ?? '').trim();
      const c = klineMs(rawClose);
      if (c === null || c < ms || c >= ms + MS_PER_DAY) {
        throw new DataError({ ...at, date, field: 'close_time' }, `close time "${rawClose}" is not within the kline's day`);
      }
      endMs = c;
    }
    const candle: DailyCandle = {
      day: dayOfMs(ms),
      open: cellNumber(rec, cols.open, 'open', { ...at, date }),
      high: cellNumber(rec, cols.high, 'high', { ...at, date }),
      low: cellNumber(rec, cols.low, 'low', { ...at, date }),
      close: cellNumber(rec, cols.close, 'close', { ...at, date }),
      endMs,
      record: i + 1,
    };
    checkCandle(candle, file);
    days.push(candle);
  }
  checkDaysIncreasing(days, file, cols.timeName);
  return { file, format: 'binance klines csv', days, lastMs: null };
}
