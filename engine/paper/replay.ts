/**
 * Replay steps for the paper venue: canonical daily rows (one step per UTC day) or an hourly CSV (one
 * step per hour). A step opens at `start` with `open`, runs its funding periods at `fundingHourly`
 * (fraction of notional per hour, positive: longs pay shorts), and ends at `end` with `close`, where the
 * strategy decides. Daily rows spread the day's funding evenly over its 24 hours.
 *
 * Hourly CSV: header `time,price,funding,lend_apy,borrow_apy`, `time` as `YYYY-MM-DDTHH:00:00Z`,
 * consecutive hours, `funding` that hour's rate; or `time,price,high,low,funding,lend_apy,borrow_apy`
 * with each hour's own extremes (`price` is the hour's close). Bad rows throw `DataError` (file, row,
 * date, field).
 *
 * Intraday path (`intradayPath`): a step with extremes walks open -> adverse extreme -> other extreme ->
 * close, the extremes at one third and two thirds of the step (daily: 08:00 and 16:00 UTC). The adverse
 * extreme is the one that threatens the weaker leg (the low when the lending long's health is the lower,
 * the high when the perp short's is); the replay moves the price continuously along each segment, so a
 * venue liquidates where its liquidation price is crossed. Why: OHLC rows say the extremes happened, not
 * when; taking the weaker leg's extreme first is the worst case for the account (it meets its extreme
 * before any recovery), and it is the order in which a daily model that tests both extremes against the
 * start-of-day state (MODEL.md 5.1) sees them. docs/health-paper-strategy.md, "Paper liquidations".
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
  /** the step's extremes, when the input has them */
  high?: number;
  low?: number;
}

/** A point on the intraday price path: time (ms) and SOL price (USD). */
export interface PathPoint {
  time: number;
  price: number;
}

/** The points after the open: [adverse extreme, other extreme, close], or [close] without extremes. */
export function intradayPath(step: ReplayStep, adverse: 'low' | 'high'): PathPoint[] {
  const close = { time: step.end, price: step.close };
  if (step.high === undefined || step.low === undefined) return [close];
  const third = Math.floor((step.end - step.start) / 3);
  const [first, second] = adverse === 'low' ? [step.low, step.high] : [step.high, step.low];
  return [{ time: step.start + third, price: first }, { time: step.start + 2 * third, price: second }, close];
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** One step per daily row, from 00:00 to 24:00 UTC. */
export function stepsFromDaily(rows: readonly MarketRow[]): ReplayStep[] {
  return rows.map((r) => {
    const start = parseIsoDay(r.date)! * DAY;
    return { start, end: start + DAY, open: r.open, close: r.close, high: r.high, low: r.low, fundingHourly: r.funding / 24, lendApy: r.lendApy, borrowApy: r.borrowApy };
  });
}

const HOUR_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):00:00Z$/;

const HOURLY_HEADERS = ['time,price,funding,lend_apy,borrow_apy', 'time,price,high,low,funding,lend_apy,borrow_apy'];

/** The bound of each number column of the hourly CSV (docs/bounds.md). */
const HOURLY_BOUNDS: Record<string, BoundKey> = { price: 'price', high: 'price', low: 'price', funding: 'fundingHourly', lend_apy: 'apy', borrow_apy: 'apy' };

/** Parse an hourly CSV (see the header comment). */
export function parseHourlyCsv(text: string, file: string): ReplayStep[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const header = lines[0]?.trim();
  if (header === undefined || !HOURLY_HEADERS.includes(header)) throw new DataError({ file, row: 1 }, `expected header ${HOURLY_HEADERS.join(' or ')}, got "${header ?? ''}"`);
  const names = header.split(',').slice(1);
  const steps: ReplayStep[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const f = lines[i]!.split(',').map((s) => s.trim());
    const m = HOUR_RE.exec(f[0] ?? '');
    const day = m ? parseIsoDay(m[1]!) : null;
    const hour = m ? Number(m[2]) : NaN;
    if (day === null || !(hour >= 0 && hour < 24)) throw new DataError({ file, row: i + 1, field: 'time' }, `not YYYY-MM-DDTHH:00:00Z: "${f[0] ?? ''}"`);
    const where = { file, row: i + 1, date: formatIsoDay(day) };
    if (f.length !== names.length + 1) throw new DataError(where, `expected ${names.length + 1} fields (${header}), got ${f.length}`);
    // The same strictness as the canonical CSV: one decimal grammar, an empty field is an error, bounds.
    const v: Record<string, number> = {};
    names.forEach((name, k) => {
      const x = parseDecimal(f[k + 1]!);
      if (x === null) throw new DataError({ ...where, field: name }, `not a finite number: "${f[k + 1]!}" (a plain decimal, docs/bounds.md)`);
      const problem = boundProblem(HOURLY_BOUNDS[name]!, x);
      if (problem !== null) throw new DataError({ ...where, field: name }, problem);
      v[name] = x;
    });
    const price = v.price!;
    const start = day * DAY + hour * HOUR;
    const prev = steps.at(-1);
    if (prev !== undefined && start !== prev.end) throw new DataError({ ...where, field: 'time' }, 'hours must be consecutive (no gaps, duplicates or disorder)');
    const open = prev?.close ?? price;
    const step: ReplayStep = { start, end: start + HOUR, open, close: price, fundingHourly: v.funding!, lendApy: v.lend_apy!, borrowApy: v.borrow_apy! };
    if (v.high !== undefined && v.low !== undefined) {
      if (!(v.low > 0 && v.low <= Math.min(open, price))) throw new DataError({ ...where, field: 'low' }, `low must be in (0, min(open ${open}, close ${price})], got ${v.low}`);
      if (!(v.high >= Math.max(open, price))) throw new DataError({ ...where, field: 'high' }, `high must be >= max(open ${open}, close ${price}), got ${v.high}`);
      step.high = v.high;
      step.low = v.low;
    }
    steps.push(step);
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
