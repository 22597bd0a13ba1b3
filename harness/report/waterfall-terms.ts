/**
 * The P&L waterfall's terms in report order, signed as they move equity, and the waterfall as text:
 * each term with the running total after it (start equity, terms, identity residual, end equity),
 * with a bar of `#` scaled to the largest term.
 *
 * @example waterfallText(10_000, r.waterfall, r.finalEquity)
 */
import type { Waterfall } from '../../engine/model/types.js';
import { textTable, usd } from './table.js';

export function waterfallTerms(w: Waterfall): [string, number][] {
  return [
    ['lend income', w.lendIncome], ['borrow interest', 0 - w.borrowInterest], ['funding', w.funding], ['fees', 0 - w.fees],
    ['transfer costs', 0 - w.transferCosts], ['penalties', 0 - w.penalties], ['price P&L', w.pricePnl], ['bad debt', w.badDebt],
  ];
}

export const WATERFALL_BAR_WIDTH = 24;

/** The identity residual: end - start - sum of the terms (0 up to rounding when the accounting closes). */
export function waterfallResidual(start: number, w: Waterfall, end: number): number {
  return end - start - waterfallTerms(w).reduce((a, [, v]) => a + v, 0);
}

/** The residual in money; below a cent (rounding) its magnitude is shown too: `$0.00 (1.8e-12)`. */
export function residualText(r: number): string {
  return r !== 0 && Math.abs(r) < 0.005 ? `${usd(r)} (${r.toExponential(1)})` : usd(r);
}

export function waterfallText(start: number, w: Waterfall, end: number): string {
  const terms = waterfallTerms(w);
  const big = Math.max(...terms.map(([, v]) => Math.abs(v)), 1e-300);
  const bar = (v: number): string => {
    const n = Math.round((Math.abs(v) / big) * WATERFALL_BAR_WIDTH);
    // padded to one width so the right-aligned column reads left to right
    return (n === 0 ? '' : (v < 0 ? '-' : '+').repeat(n)).padEnd(WATERFALL_BAR_WIDTH);
  };
  let run = start;
  const rows = [['start equity', '', usd(start), '']];
  for (const [k, v] of terms) {
    run += v;
    rows.push([k, usd(v), usd(run), bar(v)]);
  }
  rows.push(['identity residual', residualText(waterfallResidual(start, w, end)), '', '']);
  rows.push(['end equity', '', usd(end), '']);
  return textTable({ columns: ['term', 'amount', 'running total', ''], rows, textColumns: 1 });
}
