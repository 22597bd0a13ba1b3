/**
 * Replay steps for the paper venue: canonical daily rows (one step per UTC day) or an hourly CSV (one
 * step per hour). A step opens at `start` with `open`, runs its funding periods at `fundingHourly`
 * (fraction of notional per hour, positive: longs pay shorts), and ends at `end` with `close`, where the
 * strategy decides. Daily rows spread the day's funding evenly over its 24 hours.
 *
 * Hourly CSV: header `time,price,funding,lend_apy,borrow_apy`, `time` as `YYYY-MM-DDTHH:00:00Z`,
 * consecutive hours, `funding` that hour's rate. Bad rows throw `DataError` (file, row, date, field).
 */
import { boundProblem, type BoundKey } from '../bounds.js';
import { parseDecimal } from '../data/decimal.js';
import { readDataText } from '../data/read.js';
import { DataError } from '../errors.js';
import { formatIsoDay, parseIsoDay } from '../data/dates.js';
import type { MarketRow } from '../data/rows.js';

export interface ReplayStep {
  start: number;
  end: number;
  open: number;
  close: number;
  fundingHourly: number;
  lendApy: number;
  borrowApy: number;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** One step per daily row, from 00:00 to 24:00 UTC. */
export function stepsFromDaily(rows: readonly MarketRow[]): ReplayStep[] {
  return rows.map((r) => {
    const start = parseIsoDay(r.date)! * DAY;
    return { start, end: start + DAY, open: r.open, close: r.close, fundingHourly: r.funding / 24, lendApy: r.lendApy, borrowApy: r.borrowApy };
  });
}

const HOUR_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):00:00Z$/;

/** The number columns of the hourly CSV, their position and their bound (docs/bounds.md). */
const HOURLY_FIELDS: readonly [string, number, BoundKey][] = [
  ['price', 1, 'price'],
  ['funding', 2, 'fundingHourly'],
  ['lend_apy', 3, 'apy'],
  ['borrow_apy', 4, 'apy'],
];

/** Parse an hourly CSV (see the header comment). */
export function parseHourlyCsv(text: string, file: string): ReplayStep[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const header = lines[0]?.trim();
  if (header !== 'time,price,funding,lend_apy,borrow_apy') throw new DataError({ file, row: 1 }, `expected header time,price,funding,lend_apy,borrow_apy, got "${header ?? ''}"`);
  const steps: ReplayStep[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const f = lines[i]!.split(',').map((s) => s.trim());
    const m = HOUR_RE.exec(f[0] ?? '');
    const day = m ? parseIsoDay(m[1]!) : null;
    const hour = m ? Number(m[2]) : NaN;
    if (day === null || !(hour >= 0 && hour < 24)) throw new DataError({ file, row: i + 1, field: 'time' }, `not YYYY-MM-DDTHH:00:00Z: "${f[0] ?? ''}"`);
    const where = { file, row: i + 1, date: formatIsoDay(day) };
    if (f.length !== 5) throw new DataError(where, `expected 5 fields (time,price,funding,lend_apy,borrow_apy), got ${f.length}`);
    // The same strictness as the canonical CSV: one decimal grammar, an empty field is an error, bounds.
    const [price, funding, lend, borrow] = HOURLY_FIELDS.map(([name, k, bound]) => {
      const v = parseDecimal(f[k]!);
      if (v === null) throw new DataError({ ...where, field: name }, `not a finite number: "${f[k]!}" (a plain decimal, docs/bounds.md)`);
      const problem = boundProblem(bound, v);
      if (problem !== null) throw new DataError({ ...where, field: name }, problem);
      return v;
    }) as [number, number, number, number];
    const start = day * DAY + hour * HOUR;
    const prev = steps.at(-1);
    if (prev !== undefined && start !== prev.end) throw new DataError({ ...where, field: 'time' }, 'hours must be consecutive (no gaps, duplicates or disorder)');
    steps.push({ start, end: start + HOUR, open: prev?.close ?? price, close: price, fundingHourly: funding, lendApy: lend, borrowApy: borrow });
  }
  if (steps.length < 2) throw new DataError({ file }, `need at least 2 hourly rows, got ${steps.length}`);
  return steps;
}

export function loadHourlyCsv(file: string): ReplayStep[] {
  const text = readDataText(file);
  return parseHourlyCsv(text, file);
}

/** `YYYY-MM-DD HH:MM` (UTC) of a millisecond timestamp. */
export function formatUtcMinute(ms: number): string {
  const day = Math.floor(ms / DAY);
  const rest = ms - day * DAY;
  const h = Math.floor(rest / HOUR);
  const min = Math.floor((rest - h * HOUR) / 60_000);
  return `${formatIsoDay(day)} ${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}
