/** Entry point of the TypeScript reference engine: one lane at a time, either convention. */
import { prepareSeries, type PreparedSeries } from '../../data/series.js';
import type { MarketRow } from '../../data/rows.js';
import type { BacktestEvent, BacktestParams, LaneFigures, RunOptions } from '../types.js';
import { runExact } from './exact.js';
import { runStudy } from './study.js';

export interface ReferenceRun {
  figures: LaneFigures;
  events: BacktestEvent[] | null;
  equity: number[] | null;
}

/** Run one lane on a series prepared for the lane's convention. */
export function runReference(series: PreparedSeries, params: BacktestParams, opts: RunOptions = {}): ReferenceRun {
  if (series.convention !== params.convention) {
    throw new Error(`series prepared for ${series.convention}, lane wants ${params.convention}`);
  }
  return params.convention === 'study' ? runStudy(series, params, opts) : runExact(series, params, opts);
}

/** Convenience: prepare and run. */
export function runReferenceRows(rows: readonly MarketRow[], params: BacktestParams, opts: RunOptions = {}): ReferenceRun {
  return runReference(prepareSeries(rows, params.convention), params, opts);
}
