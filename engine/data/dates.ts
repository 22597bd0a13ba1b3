/**
 * Calendar helpers on UTC day numbers (days since 1970-01-01), free of the wall clock:
 * no Date objects and no wall clock anywhere, so the engine stays deterministic.
 * Years outside the `year` bound of engine/bounds.ts (1970..2200) are not dates here: `Date.UTC`
 * read 0000-0099 as 1900-1999, and no market series predates 1970.
 */
import { BOUNDS } from '../bounds.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/** `YYYY-MM-DD` to a UTC day number, or `null` when the text is not a real calendar date. */
export function parseIsoDay(text: string): number | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < BOUNDS.year.min || y > BOUNDS.year.max) return null;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return daysFromCivil(y, mo, d);
}

/** Howard Hinnant's days-from-civil (the inverse of `formatIsoDay`), exact for every year. */
function daysFromCivil(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Why `text` is not a date here (for messages), or null when it is one. */
export function isoDayProblem(text: string): string | null {
  const m = ISO_DATE.exec(text);
  if (m && (Number(m[1]) < BOUNDS.year.min || Number(m[1]) > BOUNDS.year.max)) {
    return `year ${m[1]} outside ${BOUNDS.year.min}..${BOUNDS.year.max} (docs/bounds.md)`;
  }
  return parseIsoDay(text) === null ? 'not a valid YYYY-MM-DD date' : null;
}

/** Whether a UTC day number lies inside the year bound (for timestamps read as numbers). */
export function dayInBounds(day: number): boolean {
  return day >= DAY_MIN && day <= DAY_MAX;
}

/** UTC day number to `YYYY-MM-DD` (Howard Hinnant's civil-from-days). */
export function formatIsoDay(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** UTC day number of a millisecond timestamp. */
export function dayOfMs(ms: number): number {
  return Math.floor(ms / 86_400_000);
}

const DAY_MIN = 0;
const DAY_MAX = daysFromCivil(BOUNDS.year.max, 12, 31);
