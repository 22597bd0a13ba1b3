/**
 * What a sweep produces and `dnh report` reads: the grid, the data it ran on, one result per lane
 * (no per-day series: those are recomputed for the few lanes a report shows) and the skipped lanes.
 */
import { readJsonFlag } from '../io/json.js';
import { UsageError } from '../../engine/errors.js';
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
  lanes: BacktestResult[];
  skipped: SkippedLane[];
}

export function seriesInfo(venue: Venue, file: string, rows: readonly MarketRow[]): SeriesInfo {
  return { venue, file, from: rows[0]!.date, to: rows[rows.length - 1]!.date, days: rows.length };
}

/** Strip per-day detail from a lane result (kept small for files). */
export function laneSummary(r: BacktestResult): BacktestResult {
  const { events: _e, equity: _q, ...rest } = r;
  return rest;
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
  return d as SweepResults;
}
