/**
 * Hourly funding records summed per UTC day (MODEL.md section 2), in file order, like the
 * feasibility study (`sum()` left to right). Strict: timestamps must strictly increase and no two
 * records may fall in the same hour (a duplicate hour would be counted twice).
 */
import { DataError } from '../errors.js';
import { checkBound, checkDay, isoOf, MS_PER_HOUR, type DailyFunding } from './records.js';
import { dayOfMs } from '../data/dates.js';

export interface HourlyRecord {
  ms: number;
  /** Fraction of notional for that hour; positive: longs pay shorts. */
  rate: number;
  record: number;
}

/** Sum hourly records into days; `field` names the time field in errors. */
export function sumHourlyByDay(hours: readonly HourlyRecord[], file: string, field: string): DailyFunding[] {
  const out: DailyFunding[] = [];
  let prev: HourlyRecord | undefined;
  for (const h of hours) {
    const day = checkDay(dayOfMs(h.ms), { file, row: h.record, field });
    if (prev) {
      const at = { file, row: h.record, date: isoOf(day), field };
      if (Math.floor(h.ms / MS_PER_HOUR) === Math.floor(prev.ms / MS_PER_HOUR)) {
        throw new DataError(at, `duplicate hour: records ${prev.record} and ${h.record} fall in the same hour`);
      }
      if (h.ms < prev.ms) throw new DataError(at, `records are not sorted: time ${h.ms} follows ${prev.ms}`);
    }
    const last = out[out.length - 1];
    if (last && last.day === day) {
      last.rate += h.rate;
      last.hours = (last.hours ?? 0) + 1;
    } else {
      out.push({ day, rate: 0 + h.rate, hours: 1, record: h.record });
    }
    prev = h;
  }
  // A day's sum inside the daily funding bound (docs/bounds.md); rows name the day's first record.
  for (const d of out) checkBound(d.rate, 'fundingDaily', { file, row: d.record, date: isoOf(d.day), field: 'funding (sum of the day)' });
  return out;
}
