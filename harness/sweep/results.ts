/**
 * What a sweep produces and `dnh report` reads: the grid, the data it ran on, one result per lane
 * (no per-day series: those are recomputed for the few lanes a report shows) and the skipped lanes.
 */
import { readJsonFlag } from '../io/json.js';
import { DataError, UsageError } from '../../engine/errors.js';
import { paramsProblem } from '../../engine/model/params.js';
import { invalidReason } from '../verdict/finite.js';
import { CONVENTIONS, VENUES, type BacktestParams, type BacktestResult, type Venue } from '../../engine/model/types.js';
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
  // Files written before MODEL.md section 10 carry no execution options: they ran the defaults.
  for (const lane of d.lanes) {
    const p = lane?.params as Partial<BacktestResult['params']> | undefined;
    if (!p || typeof p !== 'object') continue;
    p.survivor ??= 'close';
    p.legPrices ??= 'perp';
    if (p.long && typeof p.long === 'object') p.long.liquidation ??= { kind: 'full' };
  }
  d.lanes.forEach((lane, i) => checkLaneParams(lane, i, file));
  return d as SweepResults;
}

/**
 * A lane's parameters must be valid ones (MODEL.md section 3) before a report labels, groups or re-runs
 * them: a null or absurd capital is bad data naming the lane, not a TypeError. (Its figures may be
 * anything: a non-finite or missing figure makes the lane invalid, harness/verdict/finite.ts.)
 */
function checkLaneParams(lane: unknown, i: number, file: string): void {
  const p = (lane as { params?: unknown } | null)?.params as BacktestParams | undefined;
  const where = { file, row: i + 1, field: `lanes[${i}].params` };
  if (p === null || typeof p !== 'object' || p.long === null || typeof p.long !== 'object' || p.perp === null || typeof p.perp !== 'object'
    || p.long.penalty === null || typeof p.long.penalty !== 'object' || p.perp.penalty === null || typeof p.perp.penalty !== 'object') {
    throw new DataError(where, 'expected the parameters of a backtest');
  }
  const problem = paramsProblem(p);
  if (problem !== null) throw new DataError(where, problem);
  if (!VENUES.includes(p.venue) || !CONVENTIONS.includes(p.convention)) throw new DataError(where, `unknown venue or convention: ${String(p.venue)}, ${String(p.convention)}`);
}
