/**
 * The second generator: a circular block bootstrap of a historical series. Blocks of `blockSize`
 * consecutive source days are drawn uniformly (wrapping at the end); each source day contributes its
 * moves relative to its previous close (open, high, low, close ratios) and its funding and rates as
 * they were, so within a block the joint behaviour of price, funding and rates is the historical one.
 *
 * Example: `bootstrapPath(history, { blockSize: 20 }, scenarioRng(seed, 'boot', i))`
 */
import { UsageError } from '../../engine/errors.js';
import type { MarketRow } from '../../engine/data/rows.js';
import { datesFrom } from './generator.js';
import type { Rng } from './rng.js';

export interface BootstrapParams {
  /** Days per block (default 20). */
  blockSize?: number;
  /** Path length (default: the history's length). */
  days?: number;
  /** First date (default: the history's first date). */
  startDate?: string;
  /** First previous close (default: the history's first open). */
  startPrice?: number;
}

/** Longest bootstrapped path (days), the same bound as a generated path's: a path is built whole in memory. */
export const MAX_PATH_DAYS = 100_000;

/** A bootstrapped path; `history` must have at least 2 rows (day 0 has no previous close and is never drawn). */
export function bootstrapPath(history: readonly MarketRow[], p: BootstrapParams, rng: Rng): MarketRow[] {
  const src = history.length - 1; // source days 1..n-1
  const block = p.blockSize ?? 20;
  const days = p.days ?? history.length;
  if (src < 1) throw new UsageError('bootstrap: the history needs at least 2 rows');
  if (!Number.isInteger(block) || block < 1) throw new UsageError(`blockSize: expected an integer >= 1, got ${block}`);
  if (!Number.isInteger(days) || days < 2 || days > MAX_PATH_DAYS) throw new UsageError(`days: expected an integer in [2, ${MAX_PATH_DAYS}], got ${days}`);
  const dates = datesFrom(p.startDate ?? history[0]!.date, days);
  let prevClose = p.startPrice ?? history[0]!.open;
  const rows: MarketRow[] = new Array(days);
  let s = 0;
  for (let t = 0; t < days; t++) {
    if (t % block === 0) s = Math.floor(rng.uniform() * src);
    else s = (s + 1) % src;
    const h = history[s + 1]!;
    const c0 = history[s]!.close;
    // Ratios keep their order (high >= open, close >= low) and multiplication is monotonic.
    const close = prevClose * (h.close / c0);
    rows[t] = {
      date: dates[t]!,
      open: prevClose * (h.open / c0),
      high: prevClose * (h.high / c0),
      low: prevClose * (h.low / c0),
      close,
      funding: h.funding,
      lendApy: h.lendApy,
      borrowApy: h.borrowApy,
    };
    prevClose = close;
  }
  return rows;
}
