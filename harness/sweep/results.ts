/**
 * What a sweep produces and `dnh report` reads: the grid, the data it ran on, one result per lane
 * (no per-day series: those are recomputed for the few lanes a report shows) and the skipped lanes.
 */
import { readJsonFlag } from '../io/json.js';
import { UsageError } from '../../engine/errors.js';
import { invalidReason } from '../verdict/finite.js';
import type { BacktestResult, Venue } from '../../engine/model/types.js';
import type { MarketRow } from '../../engine/data/rows.js';
import type { GridSpec, SkippedLane } from './grid.js';

export interface SeriesInfo {
  venue: Venue;
  file: string;
  from: string;
  to: string;
  days: number;
}

export interface SweepResults {
  kind: 'dnh-sweep';
  version: 1;
  spec: Partial<GridSpec>;
  series: SeriesInfo[];
  lanes: SweepLane[];
  skipped: SkippedLane[];
}

export function seriesInfo(venue: Venue, file: string, rows: readonly MarketRow[]): SeriesInfo {
  return { venue, file, from: rows[0]!.date, to: rows[rows.length - 1]!.date, days: rows.length };
}

/** A lane as stored: the result without per-day detail, and `invalid` with the reason when a figure is not finite. */
export type SweepLane = BacktestResult & { invalid?: string };

/** Strip per-day detail from a lane result (kept small for files); mark an invalid run (harness/verdict/finite.ts). */
export function laneSummary(r: BacktestResult): SweepLane {
  const { events: _e, equity: _q, ...rest } = r;
  const invalid = invalidReason(r);
  return invalid === null ? rest : { ...rest, invalid };
}

/** Whether a stored lane is invalid: marked so, or a judged figure that is not finite (JSON writes NaN as null). */
export function laneInvalid(r: BacktestResult): string | null {
  return (r as SweepLane).invalid ?? invalidReason(r);
}

export function readSweepResults(file: string): SweepResults {
  const doc = readJsonFlag('--results', file, false);
  const d = doc as Partial<SweepResults>;
  if (d?.kind !== 'dnh-sweep' || d.version !== 1 || !Array.isArray(d.lanes)) throw new UsageError(`--results ${file}: not a dnh sweep results file (version 1)`);
  return d as SweepResults;
}
