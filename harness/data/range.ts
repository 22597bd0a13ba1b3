/**
 * `--from/--to`: an inclusive range of UTC days cut out of a series (docs/cli.md, "Date ranges").
 * Checked before any work: each date a real YYYY-MM-DD (years 1970..2200), `from` not after `to`;
 * then against the series: a range reaching before its first day or after its last is refused, never
 * silently shortened, and so is a range leaving fewer than 2 steps. Every refusal names the flag
 * (exit 2).
 *
 * @example const range = dayRange({ from: '2025-01-01', to: '2025-06-30' }); const rows = sliceByDay(all, (r) => r.date, range, file);
 */
import { isoDayProblem, parseIsoDay } from '../../engine/data/dates.js';
import { UsageError } from '../../engine/errors.js';

export interface DayRange {
  from?: string;
  to?: string;
}

function dayFlag(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const d = parseIsoDay(text);
  if (d === null) throw new UsageError(`${flag}: expected a date YYYY-MM-DD, got "${text}"${isoDayProblem(text) ? ` (${isoDayProblem(text)})` : ''}`);
  return d;
}

/** The validated range of the flags (either end optional). */
export function dayRange(v: { from?: string; to?: string }): DayRange {
  const from = dayFlag('--from', v.from);
  const to = dayFlag('--to', v.to);
  if (from !== undefined && to !== undefined && from > to) throw new UsageError(`--from ${v.from} is after --to ${v.to}`);
  return { ...(v.from !== undefined ? { from: v.from } : {}), ...(v.to !== undefined ? { to: v.to } : {}) };
}

export const rangeGiven = (r: DayRange): boolean => r.from !== undefined || r.to !== undefined;

/**
 * The items whose day (`dayOf`, YYYY-MM-DD) lies in the range; `what` names the series in messages.
 * Items must be in time order (the loaders guarantee it).
 */
export function sliceByDay<T>(items: readonly T[], dayOf: (t: T) => string, range: DayRange, what: string): T[] {
  if (!rangeGiven(range) || items.length === 0) return [...items];
  const first = dayOf(items[0]!);
  const last = dayOf(items[items.length - 1]!);
  if (range.from !== undefined && range.from < first) throw new UsageError(`--from ${range.from}: before the first day of ${what} (${first})`);
  if (range.to !== undefined && range.to > last) throw new UsageError(`--to ${range.to}: after the last day of ${what} (${last})`);
  if (range.from !== undefined && range.from > last) throw new UsageError(`--from ${range.from}: after the last day of ${what} (${last})`);
  if (range.to !== undefined && range.to < first) throw new UsageError(`--to ${range.to}: before the first day of ${what} (${first})`);
  const out = items.filter((t) => {
    const d = dayOf(t);
    return (range.from === undefined || d >= range.from) && (range.to === undefined || d <= range.to);
  });
  if (out.length < 2) throw new UsageError(`--from/--to: ${range.from ?? first} .. ${range.to ?? last} leaves ${out.length} step(s) of ${what}; need at least 2`);
  return out;
}
