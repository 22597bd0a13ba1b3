/**
 * Figures that need `pow` (kept out of the kernel, KERNEL-NOTES.md pitfall 6) are computed here,
 * once, in TypeScript, for both engines: total return and annualised return (section 6 / section 9).
 */
import type { BacktestEvent, BacktestParams, BacktestResult, LaneFigures } from './types.js';

export function totalReturn(finalEquity: number, capital: number): number {
  return finalEquity / capital - 1;
}

/** exact: `(F/C)^(365/(D-1)) - 1`, `-1` when `F <= 0`; study: simple `(F/C - 1) * 365/D`. */
export function annualized(finalEquity: number, params: BacktestParams, days: number): number {
  if (params.convention === 'study') return (finalEquity / params.capital - 1) * (365 / days);
  if (finalEquity <= 0) return -1;
  return Math.pow(finalEquity / params.capital, 365 / (days - 1)) - 1;
}

export function finishResult(
  figures: LaneFigures,
  params: BacktestParams,
  days: number,
  events?: BacktestEvent[] | null,
  equity?: number[] | null,
): BacktestResult {
  // One object literal with a fixed shape (no spread): sweeps build 100k of these.
  const r: BacktestResult = {
    finalEquity: figures.finalEquity,
    maxDrawdown: figures.maxDrawdown,
    liquidations: figures.liquidations,
    liquidatedLegs: figures.liquidatedLegs,
    rebalances: figures.rebalances,
    rotations: figures.rotations,
    ruined: figures.ruined,
    minHealthLong: figures.minHealthLong,
    minHealthShort: figures.minHealthShort,
    waterfall: figures.waterfall,
    totalReturn: totalReturn(figures.finalEquity, params.capital),
    annualized: annualized(figures.finalEquity, params, days),
    params,
    convention: params.convention,
  };
  if (events) r.events = events;
  if (equity) r.equity = equity;
  return r;
}
