/**
 * Funding in percent where fractions are expected (or the reverse) shows as a block of days whose
 * magnitude jumps by ~100x against its neighbour. Days are cut into blocks of `SCALE_BLOCK_DAYS`; a
 * block whose median |daily funding| differs from the previous block's by `SCALE_JUMP` or more is
 * refused naming the file and the block's first date. Calibrated on ../shared/data: the largest
 * week-to-week ratio of medians there is about 8.
 */
import { DataError } from '../errors.js';
import { isoOf, type DailyFunding, type Loaded } from './records.js';

export const SCALE_BLOCK_DAYS = 7;
export const SCALE_JUMP = 30;

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

export function checkFundingScale(l: Loaded<DailyFunding>): void {
  const days = l.days;
  let prev: { median: number; from: number } | null = null;
  for (let a = 0; a + SCALE_BLOCK_DAYS <= days.length; a += SCALE_BLOCK_DAYS) {
    const block = days.slice(a, a + SCALE_BLOCK_DAYS);
    const m = median(block.map((d) => Math.abs(d.rate)));
    if (prev && prev.median > 0 && m > 0) {
      const ratio = Math.max(m / prev.median, prev.median / m);
      if (ratio >= SCALE_JUMP) {
        throw new DataError(
          { file: l.file, row: block[0]!.record, date: isoOf(block[0]!.day) },
          `funding magnitude jumps ${ratio.toFixed(0)}x from the ${SCALE_BLOCK_DAYS} days before (median |daily funding| ${prev.median.toExponential(2)} from ${isoOf(prev.from)}, then ${m.toExponential(2)}): percent instead of fractions in one of the blocks?`,
        );
      }
    }
    prev = { median: m, from: block[0]!.day };
  }
}
