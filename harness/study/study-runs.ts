/**
 * The feasibility study's grid (MODEL.md section 9), run as one `backtestGrid` call per venue and
 * convention: capital {1k, 10k, 100k} x leverage {2, 3, 4} at T = 2L; at $10k triggers
 * {3, 4, 5, 6, 8, 10, never} skipping T < 1.3 L; the long-fee sensitivity {15, 10, 5, 0} bps at
 * $10k, 3x, T = 6; event logs for $10k 2x and 3x and the equity series of $10k 3x (all at T = 2L).
 */
import { backtestGrid, type EngineKind } from '../../engine/backtest.js';
import type { MarketRow } from '../../engine/data/rows.js';
import { NEVER_TRIGGER, resolveParams } from '../../engine/model/params.js';
import type { BacktestParams, BacktestResult, Convention, Venue } from '../../engine/model/types.js';

export const STUDY_CAPITALS = [1_000, 10_000, 100_000];
export const STUDY_LEVERAGES = [2, 3, 4];
export const STUDY_TRIGGERS = [3, 4, 5, 6, 8, 10, NEVER_TRIGGER];
export const STUDY_FEES_BPS = [15, 10, 5, 0];
export const STUDY_MIN_TRIGGER_RATIO = 1.3;
export const STUDY_CAPITAL = 10_000;

export interface StudyRuns {
  venue: Venue;
  convention: Convention;
  days: number;
  rows: readonly MarketRow[];
  /** [capital][leverage] at T = 2L. */
  summary: BacktestResult[][];
  /** [leverage] -> runs over the triggers kept (ascending). */
  triggers: BacktestResult[][];
  /** Fee sensitivity at $10k, 3x, T = 6. */
  fees: BacktestResult[];
  /** $10k at T = 2L for 2x and 3x, with events and equity. */
  detail: BacktestResult[];
}

export function studyTriggers(leverage: number): number[] {
  return STUDY_TRIGGERS.filter((t) => !(t < leverage * STUDY_MIN_TRIGGER_RATIO));
}

export function runStudy(rows: readonly MarketRow[], venue: Venue, convention: Convention, engine?: EngineKind): StudyRuns {
  const grid: BacktestParams[] = [];
  const add = (capital: number, leverage: number, trigger: number, openFeeBps?: number): number => {
    grid.push(resolveParams({ venue, convention, model: 'rebalance', capital, leverage, trigger, ...(openFeeBps === undefined ? {} : { long: { openFeeBps } }) }));
    return grid.length - 1;
  };
  const summary = STUDY_CAPITALS.map((c) => STUDY_LEVERAGES.map((l) => add(c, l, 2 * l)));
  const triggers = STUDY_LEVERAGES.map((l) => studyTriggers(l).map((t) => add(STUDY_CAPITAL, l, t)));
  const fees = STUDY_FEES_BPS.map((f) => add(STUDY_CAPITAL, 3, 6, f));
  const detail = [2, 3].map((l) => add(STUDY_CAPITAL, l, 2 * l));
  const res = backtestGrid(rows, grid, { engine, detail });
  const pick = (i: number) => res[i]!;
  return {
    venue, convention, days: rows.length, rows,
    summary: summary.map((r) => r.map(pick)),
    triggers: triggers.map((r) => r.map(pick)),
    fees: fees.map(pick),
    detail: detail.map(pick),
  };
}
