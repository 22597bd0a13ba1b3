/**
 * The kernel bench's lane grids (bench/kernel.ts, and quick experiments that import them without
 * running the bench): the issue-2 grid and a suite-like grid.
 */
import { resolveParams } from '../engine/model/params.js';
import type { BacktestParams, Venue } from '../engine/model/types.js';

/** The issue-2 grid; combinations `validateParams` rejects are skipped and counted. */
export function kernelGrid(): { grid: BacktestParams[]; skipped: number } {
  const grid: BacktestParams[] = [];
  let skipped = 0;
  for (const leverage of [1.5, 2, 2.5, 3, 3.5, 4]) {
    for (let i = 0; i < 15; i++) {
      for (const capital of [1_000, 10_000, 100_000, 1_000_000]) {
        for (const venue of ['hl', 'drift'] as Venue[]) {
          try {
            grid.push(resolveParams({ leverage, trigger: (1.25 + 0.25 * i) * leverage, capital, venue, model: 'rebalance', convention: 'exact' }));
          } catch {
            skipped++;
          }
        }
      }
    }
  }
  return { grid, skipped };
}

/** A suite-like grid: 2 venues x 3 models (static included) x leverage 1.5..4 x triggers 3..12 + never, valid lanes, first 720. */
export function suiteLikeGrid(): BacktestParams[] {
  const grid: BacktestParams[] = [];
  for (const venue of ['hl', 'drift'] as Venue[]) {
    for (const model of ['rebalance', 'rotation', 'static'] as const) {
      for (const leverage of [1.5, 1.75, 2, 2.25, 2.5, 2.75, 3, 3.25, 3.5, 3.75, 4]) {
        for (const trigger of [3, 3.5, 4, 4.5, 5, 5.5, 6, 7, 8, 9, 10, 11, 12, 999]) {
          try {
            grid.push(resolveParams({ leverage, trigger, venue, model, convention: 'exact', capital: 10_000 }));
          } catch {
            // invalid combination: skipped
          }
        }
      }
    }
  }
  return grid.slice(0, 720);
}
