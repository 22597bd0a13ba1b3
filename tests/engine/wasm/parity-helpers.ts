/**
 * Runs one batch of lanes over one market path on the WASM kernel and on the TypeScript
 * reference and reports the first bit-level difference (null when every field is identical).
 */
import { prepareSeries } from '../../../engine/data/series.js';
import type { MarketRow } from '../../../engine/data/rows.js';
import { finishResult } from '../../../engine/model/finish.js';
import { runReference } from '../../../engine/model/reference/run.js';
import type { BacktestParams, BacktestResult, Convention } from '../../../engine/model/types.js';
import { runGridWasm } from '../../../engine/wasm/grid.js';
import type { KernelExports } from '../../../engine/wasm/loader.js';
import { firstDifference } from './compare.js';

/** What the reference did, summed over a test, to show the generators reach the rare events. */
export interface Coverage {
  lanes: number;
  liquidations: number;
  bothLegDays: number;
  badDebtLanes: number;
  refusedRebalances: number;
  ruined: number;
  rebalances: number;
}

export const emptyCoverage = (): Coverage => ({ lanes: 0, liquidations: 0, bothLegDays: 0, badDebtLanes: 0, refusedRebalances: 0, ruined: 0, rebalances: 0 });

export function referenceResults(rows: readonly MarketRow[], grid: readonly BacktestParams[], detail: ReadonlySet<number>): BacktestResult[] {
  const series = new Map<Convention, ReturnType<typeof prepareSeries>>();
  return grid.map((p, i) => {
    let s = series.get(p.convention);
    if (!s) series.set(p.convention, (s = prepareSeries(rows, p.convention)));
    const want = detail.has(i);
    const run = runReference(s, p, { events: want, equity: want });
    return finishResult(run.figures, p, rows.length, run.events, run.equity);
  });
}

function tally(cov: Coverage, r: BacktestResult): void {
  cov.lanes += 1;
  cov.liquidations += r.liquidations;
  cov.bothLegDays += r.liquidatedLegs - r.liquidations;
  cov.badDebtLanes += r.waterfall.badDebt > 0 ? 1 : 0;
  cov.ruined += r.ruined ? 1 : 0;
  cov.rebalances += r.rebalances;
  if (r.params.model === 'rebalance' && r.params.convention === 'exact') cov.refusedRebalances += r.rotations;
}

/**
 * Compare WASM (SIMD and scalar paths) with the reference. Lanes 2-3 (mod 4) are detail lanes:
 * a pair holding a detail lane runs scalar, so lanes 0-1 (mod 4) exercise the vector path.
 */
export function compareBatch(rows: readonly MarketRow[], grid: readonly BacktestParams[], cov?: Coverage, kernel?: KernelExports): string | null {
  const detail = new Set(grid.map((_, i) => i).filter((i) => i % 4 >= 2));
  const ref = referenceResults(rows, grid, detail);
  const series = new Map<Convention, ReturnType<typeof prepareSeries>>();
  const get = (c: Convention) => {
    let s = series.get(c);
    if (!s) series.set(c, (s = prepareSeries(rows, c)));
    return s;
  };
  for (const simd of [true, false]) {
    const got = runGridWasm(get, grid, detail, { simd, kernel });
    for (let i = 0; i < grid.length; i++) {
      const diff = firstDifference(got[i], ref[i]);
      if (diff) return `simd=${simd} lane ${i} ${JSON.stringify(grid[i])} (detail ${detail.has(i)}): ${diff}`;
    }
  }
  if (cov) ref.forEach((r) => tally(cov, r));
  return null;
}
