/**
 * Running a list of lanes over per-venue series in as few `backtestGrid` calls as possible: lanes
 * are grouped by series (the venue's rows) and each group is cut only into chunks (so a progress bar
 * can move and a worker can report). Results are per lane, so neither chunking nor the split across
 * workers can change a number.
 */
import { backtestGrid, type EngineKind } from '../../engine/backtest.js';
import type { MarketRow } from '../../engine/data/rows.js';
import type { BacktestParams, BacktestResult, Venue } from '../../engine/model/types.js';

/** The rows each venue's lanes run on (one file may serve both venues). */
export type SeriesByVenue = Partial<Record<Venue, readonly MarketRow[]>>;

export interface LaneRunOptions {
  engine?: EngineKind;
  /** Lanes per `backtestGrid` call (default: the whole group when no progress is wanted). */
  chunk: number;
  /** Lane indices (into `lanes`) that get events and the equity series. */
  detail?: ReadonlySet<number>;
}

/** Group lane indices by venue, in order of first appearance. */
export function groupByVenue(lanes: readonly BacktestParams[]): Map<Venue, number[]> {
  const groups = new Map<Venue, number[]>();
  lanes.forEach((p, i) => {
    let g = groups.get(p.venue);
    if (!g) groups.set(p.venue, (g = []));
    g.push(i);
  });
  return groups;
}

/**
 * Run `lanes`, calling `afterChunk(done)` after each `backtestGrid` call (it may await, so a
 * progress bar can draw). Returns results in lane order.
 */
export async function runLanes(
  data: SeriesByVenue,
  lanes: readonly BacktestParams[],
  opts: LaneRunOptions,
  afterChunk: (done: number) => void | Promise<void> = () => {},
): Promise<BacktestResult[]> {
  const out: BacktestResult[] = new Array(lanes.length);
  let done = 0;
  for (const [venue, idx] of groupByVenue(lanes)) {
    const rows = data[venue];
    if (!rows) throw new Error(`no series for venue ${venue}`);
    for (let a = 0; a < idx.length; a += opts.chunk) {
      const part = idx.slice(a, a + opts.chunk);
      const detail = opts.detail ? part.flatMap((g, j) => (opts.detail!.has(g) ? [j] : [])) : [];
      const res = backtestGrid(rows, part.map((g) => lanes[g]!), { engine: opts.engine, detail });
      part.forEach((g, j) => (out[g] = res[j]!));
      done += part.length;
      await afterChunk(done);
    }
  }
  return out;
}
