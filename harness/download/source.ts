/**
 * What one downloaded file is, for the driver (run.ts): how to ask for a page at a cursor, how to read
 * and check an answer, where the next page starts, whether a page can be cached, and how the pages
 * become the raw file `dnh data align` reads (checked with that very loader before anything is written).
 */
import { MS_PER_DAY } from '../../engine/venues-data/records.js';
import { parseIsoDay } from '../../engine/data/dates.js';
import { UsageError } from '../../engine/errors.js';
import type { HttpRequest } from './http.js';

/** The UTC days asked for, inclusive, and their bounds in ms. */
export interface Window {
  fromDay: number;
  toDay: number;
  startMs: number;
  /** Last millisecond of `toDay`. */
  endMs: number;
}

export function windowOf(from: string, to: string): Window {
  const fromDay = parseIsoDay(from);
  if (fromDay === null) throw new UsageError(`--from: expected YYYY-MM-DD, got "${from}"`);
  const toDay = parseIsoDay(to);
  if (toDay === null) throw new UsageError(`--to: expected YYYY-MM-DD, got "${to}"`);
  if (toDay < fromDay) throw new UsageError(`--to ${to} is before --from ${from}`);
  return { fromDay, toDay, startMs: fromDay * MS_PER_DAY, endMs: (toDay + 1) * MS_PER_DAY - 1 };
}

export interface Source<R> {
  venue: string;
  /** The output file's name inside --out. */
  file: string;
  /** The flag of `dnh data align` that reads the file. */
  alignFlag: '--prices' | '--funding' | '--lend' | '--borrow' | '--spot';
  start: number;
  end: number;
  request(cursor: number): HttpRequest;
  /** The page's records, or a ResponseFormatError naming the URL and what was wrong. */
  read(text: string, req: HttpRequest, cursor: number): R[];
  /** Where the next page starts, or null when the window is covered. */
  next(cursor: number, records: readonly R[]): number | null;
  /** Whether the answer can no longer change (then it is cached). */
  stable(cursor: number, records: readonly R[], nowMs: number): boolean;
  /** The file's text from every page's records, in order. */
  assemble(records: readonly R[]): string;
  /** Parse the text with the loader `dnh data align` uses (throws its DataError). */
  check(text: string, file: string): void;
}
