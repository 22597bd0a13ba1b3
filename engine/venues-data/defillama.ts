/**
 * DefiLlama `chartLendBorrow/{pool}` loader: one snapshot per day, `timestamp` (ISO, UTC) and the
 * APYs in **percent**; `apyBase` is the supply APY, `apyBaseBorrow` the borrow APY. The day is the
 * snapshot's UTC date; the value becomes an annual fraction (`apy / 100`, the same double the study
 * used). A null in the chosen field is rejected, never read as 0.
 */
import { DataError } from '../errors.js';
import { parseIsoDay } from '../data/dates.js';
import { checkBound, checkDaysIncreasing, numberField, parseJsonRecords, stringField, type DailyRate, type Loaded } from './records.js';

export type LendBorrowField = 'apyBase' | 'apyBaseBorrow';

const ISO_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|\+00:00)$/;

/** Milliseconds of a UTC ISO timestamp, or null when it is not one. */
export function isoTimestampMs(text: string): number | null {
  const m = ISO_TIME.exec(text);
  if (!m) return null;
  const day = parseIsoDay(m[1]!);
  const h = Number(m[2]);
  const mi = Number(m[3]);
  const s = Number(m[4]);
  if (day === null || h > 23 || mi > 59 || s > 59) return null;
  const frac = m[5] ? Math.floor(Number('0' + m[5]) * 1000) : 0;
  return day * 86_400_000 + ((h * 60 + mi) * 60 + s) * 1000 + frac;
}

/** Parse a DefiLlama `chartLendBorrow` series, taking `field` (percent) as an annual fraction. */
export function parseDefiLlamaLendBorrow(text: string, file: string, field: LendBorrowField): Loaded<DailyRate> {
  const records = parseJsonRecords(text, file);
  const days = records.map((r, i): DailyRate => {
    const at = { file, row: i + 1 };
    const ts = stringField(r, 'timestamp', at);
    const ms = isoTimestampMs(ts);
    if (ms === null) throw new DataError({ ...at, field: 'timestamp' }, `not a UTC ISO timestamp: "${ts}"`);
    const date = ts.slice(0, 10);
    const pct = numberField(r, field, { ...at, date });
    if (!(pct > -100)) throw new DataError({ ...at, date, field }, `an APY must be > -100%, got ${pct}`);
    const apy = pct / 100;
    checkBound(apy, 'apy', { ...at, date, field: `${field} (percent / 100)` });
    return { day: Math.floor(ms / 86_400_000), apy, ms, record: i + 1 };
  });
  checkDaysIncreasing(days, file, 'timestamp');
  return { file, format: `defillama chartLendBorrow (${field})`, days, lastMs: days[days.length - 1]!.ms };
}
