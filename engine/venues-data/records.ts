/**
 * Shared pieces of the venue data loaders: the intermediate daily series every loader produces,
 * and strict field readers that name file, record and field in every `DataError`.
 *
 * Record numbers in errors are 1-based positions in the JSON array (or CSV line numbers).
 */
import { readFileSync } from 'node:fs';
import { DataError } from '../errors.js';
import { boundProblem, type BoundKey } from '../bounds.js';
import { dayInBounds, formatIsoDay } from '../data/dates.js';
import { parseDecimal } from '../data/decimal.js';
import type { AssetSource } from './asset.js';

export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** A daily OHLC candle, `day` a UTC day number; `endMs` the last millisecond it covers (as the source says). */
export interface DailyCandle {
  day: number;
  open: number;
  high: number;
  low: number;
  close: number;
  endMs: number;
  /** Position of the record in its file (for messages). */
  record: number;
}

/** One day of funding: the sum of its hourly rates (fraction of notional), and how many hours went in. */
export interface DailyFunding {
  day: number;
  rate: number;
  /** Hourly records summed into `rate`; `null` when the source does not say (a daily file without counts). */
  hours: number | null;
  record: number;
}

/** One daily lending-rate snapshot as an annual fraction; `ms` is the snapshot time. */
export interface DailyRate {
  day: number;
  apy: number;
  ms: number;
  record: number;
}

/** What every loader returns: the series, its format name, and the newest timestamp it contains. */
export interface Loaded<T> {
  file: string;
  format: string;
  days: T[];
  /** Latest timestamp (ms) any record of the file carries, or null when it holds dates only. */
  lastMs: number | null;
  /** Hourly funding sources keep their hourly records, so several files can be merged by hour. */
  hourly?: { ms: number; rate: number; record: number }[];
  /** Funding records a complete day has (24 for hourly sources, 3 for 8-hourly); default 24. */
  perDay?: number;
  /** The asset the file is about, when a field or its name says (see asset.ts). */
  asset?: AssetSource;
}

export type JsonRecord = Record<string, unknown>;

/** Read a file's bytes, turning an I/O failure into a `DataError`. */
export function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new DataError({ file }, `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** Read a file as text, turning an I/O failure into a `DataError`. */
export function readText(file: string): string {
  return readBytes(file).toString('utf8');
}

/** Parse JSON text that must be an array of objects (or `{ data: [...] }`, as DefiLlama wraps it). */
export function parseJsonRecords(text: string, file: string): JsonRecord[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new DataError({ file }, `not valid JSON: ${(e as Error).message}`);
  }
  if (doc !== null && typeof doc === 'object' && !Array.isArray(doc) && Array.isArray((doc as JsonRecord).data)) {
    doc = (doc as JsonRecord).data;
  }
  if (!Array.isArray(doc)) throw new DataError({ file }, 'expected a JSON array of records');
  if (doc.length === 0) throw new DataError({ file }, 'no records');
  doc.forEach((r, i) => {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) throw new DataError({ file, row: i + 1 }, 'record is not an object');
  });
  return doc as JsonRecord[];
}

/** Where a record sits, for errors. */
export interface At {
  file: string;
  row: number;
  date?: string;
}


/**
 * A finite number given as a JSON number or a decimal string (venues send both).
 * Anything else (missing, null, boolean, "", "abc", NaN, Infinity) is rejected naming the field.
 */
export function numberField(rec: JsonRecord, field: string, at: At): number {
  const v = rec[field];
  if (v === undefined) throw new DataError({ ...at, field }, 'missing field');
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && parseDecimal(v.trim()) !== null) n = Number(v.trim());
  else throw new DataError({ ...at, field }, `expected a number or a decimal string (docs/bounds.md), got ${describe(v)}`);
  if (!Number.isFinite(n)) throw new DataError({ ...at, field }, `not a finite number: ${String(v)}`);
  return n;
}

/** An integer timestamp (JSON number or integer string). */
export function integerField(rec: JsonRecord, field: string, at: At): number {
  const n = numberField(rec, field, at);
  if (!Number.isSafeInteger(n)) throw new DataError({ ...at, field }, `expected an integer, got ${String(rec[field])}`);
  return n;
}

export function stringField(rec: JsonRecord, field: string, at: At): string {
  const v = rec[field];
  if (v === undefined) throw new DataError({ ...at, field }, 'missing field');
  if (typeof v !== 'string') throw new DataError({ ...at, field }, `expected a string, got ${describe(v)}`);
  return v;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return `"${v}"`;
  if (typeof v === 'object') return Array.isArray(v) ? 'an array' : 'an object';
  return `${typeof v} ${String(v)}`;
}

/** `YYYY-MM-DD` of a UTC day number (for `DataError.date`). */
export function isoOf(day: number): string {
  return formatIsoDay(day);
}

/** `YYYY-MM-DDTHH:MMZ` of a millisecond timestamp, for reports. */
export function isoMinute(ms: number): string {
  const day = Math.floor(ms / MS_PER_DAY);
  const rest = ms - day * MS_PER_DAY;
  const h = Math.floor(rest / MS_PER_HOUR);
  const m = Math.floor((rest - h * MS_PER_HOUR) / 60_000);
  return `${formatIsoDay(day)}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}Z`;
}

/** Require the same value of an identifying field (coin, market) on every record. */
export function sameEverywhere(records: readonly JsonRecord[], field: string, file: string): string | null {
  let first: string | null = null;
  records.forEach((r, i) => {
    if (r[field] === undefined) return;
    const v = String(r[field]);
    if (first === null) first = v;
    else if (v !== first) throw new DataError({ file, row: i + 1, field }, `mixed ${field}s: "${v}" after "${first}"`);
  });
  return first;
}

/** Require strictly increasing days (no duplicate, sorted). */
export function checkDaysIncreasing<T extends { day: number; record: number }>(days: readonly T[], file: string, field: string): void {
  for (let i = 1; i < days.length; i++) {
    const a = days[i - 1]!;
    const b = days[i]!;
    if (b.day === a.day) throw new DataError({ file, row: b.record, date: isoOf(b.day), field }, `duplicate date ${isoOf(b.day)}`);
    if (b.day < a.day) {
      throw new DataError({ file, row: b.record, date: isoOf(b.day), field }, `records are not sorted: ${isoOf(b.day)} follows ${isoOf(a.day)}`);
    }
  }
}

/** A value inside its plausibility bound (docs/bounds.md), else a DataError naming where it is. */
export function checkBound(v: number, bound: BoundKey, at: At & { field: string }): number {
  const problem = boundProblem(bound, v);
  if (problem !== null) throw new DataError(at, problem);
  return v;
}

/** A UTC day number inside the year bound (docs/bounds.md), else a DataError naming where it is. */
export function checkDay(day: number, at: At & { field: string }): number {
  if (!dayInBounds(day)) throw new DataError(at, `time outside the years 1970..2200 (docs/bounds.md)`);
  return day;
}

/** Reject candles whose prices are not positive or whose high/low do not bound open and close. */
export function checkCandle(c: DailyCandle, file: string): void {
  const at = { file, row: c.record, date: isoOf(c.day) };
  checkDay(c.day, { file, row: c.record, field: 'time' });
  for (const k of ['open', 'high', 'low', 'close'] as const) {
    if (!(c[k] > 0)) throw new DataError({ ...at, field: k }, `price must be > 0, got ${c[k]}`);
    checkBound(c[k], 'price', { ...at, field: k });
  }
  if (c.low > Math.min(c.open, c.close)) throw new DataError({ ...at, field: 'low' }, `low ${c.low} is above min(open, close)`);
  if (c.high < Math.max(c.open, c.close)) throw new DataError({ ...at, field: 'high' }, `high ${c.high} is below max(open, close)`);
}
