/**
 * Figures-only runs (`runLanesWasm(..., { outputs: 'figures' })`, the f64x2 path's `lean` loop in
 * core-wasm/backtest/simd.ts and vevent.ts): the suite reads only final equity, drawdown, counts
 * and ruin, so the kernel skips the minimum-health folds and the daily ledger sums. Every other
 * output must equal a full run's (`Object.is`, on every field, every lane, in every event mode)
 * and the reference's; the skipped fields must be NaN (never a stale number that could pass a
 * check), except on detail lanes, which keep every output, their event logs and equity series.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCanonicalCsv } from '../../../engine/data/csv.js';
import { prepareSeries } from '../../../engine/data/series.js';
import { resolveParams } from '../../../engine/model/params.js';
import { laneConstants } from '../../../engine/model/reference/lane.js';
import { runReference } from '../../../engine/model/reference/run.js';
import type { BacktestParams } from '../../../engine/model/types.js';
import { repoPath, sharedDir } from '../../../engine/paths.js';
import { laneFigures } from '../../../engine/wasm/grid.js';
import { packLanes, runLanesWasm, type LaneOutputs } from '../../../engine/wasm/lanes.js';
import { NO, NOT_IN_FIGURES, O } from '../../../engine/wasm/layout.js';
import { kernel } from '../../../engine/wasm/loader.js';
import { kernelGrid, suiteLikeGrid } from '../../../bench/grids.js';
import { buildRows, optionDrawArb, paramDrawArb, paramsOf, paramsWithOptions, rowsArb, rowsWithSpotArb, uniformArb, violentRowsArb } from './gen.js';

const u = uniformArb;
const shared = sharedDir();
const laneArb = fc
  .tuple(paramDrawArb(), u(0.3, 1), fc.constantFrom('rebalance' as const, 'rotation' as const, 'static' as const), optionDrawArb())
  .map(([x, levU, model, opt]): BacktestParams => paramsWithOptions({ ...x, levU, model }, { ...opt, legPrices: 'perp' }));

/** The first field (other than the skipped ones) where a figures-only run differs from a full run. */
function firstMismatch(full: LaneOutputs, lean: LaneOutputs, count: number, detail: ReadonlySet<number> = new Set()): string | null {
  for (let f = 0; f < NO; f++) {
    for (let j = 0; j < count; j++) {
      const a = full.out[f * full.stride + j]!;
      const b = lean.out[f * lean.stride + j]!;
      const skipped = NOT_IN_FIGURES.includes(f) && !detail.has(j);
      if (skipped ? !Number.isNaN(b) : !Object.is(a, b)) return `lane ${j} field ${f}: full ${a}, figures ${b}`;
    }
  }
  return null;
}

describe("runLanesWasm outputs: 'figures'", () => {
  it('equals a full run on every computed field, in every event mode, with NaN where skipped (500 batches, half liquidation-heavy)', () => {
    const k = kernel();
    let liquidations = 0;
    let rebalances = 0;
    let rotations = 0;
    try {
      fc.assert(
        fc.property(fc.oneof(violentRowsArb, rowsArb(2, 80)), fc.array(laneArb, { minLength: 2, maxLength: 8 }), (rows, grid) => {
          const series = prepareSeries(rows, 'exact');
          const packed = packLanes(grid.map(laneConstants));
          k.setVectorEvents(1);
          const full = runLanesWasm(series, packed, { dedupe: false });
          for (const mode of [1, 0, 2, 3]) {
            k.setVectorEvents(mode);
            const lean = runLanesWasm(series, packed, { dedupe: false, outputs: 'figures' });
            const bad = firstMismatch(full, lean, grid.length);
            if (bad) throw new Error(`mode ${mode}: ${bad}`);
          }
          k.setVectorEvents(1);
          grid.forEach((p, j) => {
            const ref = runReference(series, p).figures;
            liquidations += ref.liquidations;
            rebalances += ref.rebalances;
            rotations += ref.rotations;
            expect(full.out[O.finalEquity * full.stride + j]).toBe(ref.finalEquity);
          });
        }),
        { seed: 20_261_203, numRuns: 500 },
      );
    } finally {
      k.setVectorEvents(1);
    }
    console.log('figures-only coverage', { liquidations, rebalances, rotations });
    expect(liquidations).toBeGreaterThan(1000);
    expect(rebalances).toBeGreaterThan(150);
    expect(rotations).toBeGreaterThan(100);
  });

  it('keeps every output of detail lanes (reference figures, event log, equity) and the full run\'s figures on split-leg lanes (150 batches)', () => {
    fc.assert(
      fc.property(rowsWithSpotArb(2, 60), fc.array(fc.tuple(paramDrawArb(), optionDrawArb()), { minLength: 2, maxLength: 6 }), (rows, draws) => {
        const grid = draws.map(([x, opt]) => paramsWithOptions(x, opt));
        const series = prepareSeries(rows, 'exact');
        const detail = new Map([[0, 0]]);
        const packed = packLanes(grid.map(laneConstants), detail);
        const full = runLanesWasm(series, packed, { dedupe: false });
        const lean = runLanesWasm(series, packed, { dedupe: false, outputs: 'figures' });
        expect(firstMismatch(full, lean, grid.length, new Set([0]))).toBeNull();
        // The detail lane: every figure as the reference, and the event log and equity series of the full run.
        expect(laneFigures(lean, 0)).toEqual(runReference(series, grid[0]!).figures);
        expect(lean.events).toEqual(full.events);
        expect(lean.equity).toEqual(full.equity);
      }),
      { seed: 20_261_204, numRuns: 150 },
    );
  });

  it('equals a full run on the bench grid and the suite-like grid over the example series, deduplicated or not', () => {
    const series = prepareSeries(loadCanonicalCsv(repoPath('fixtures', 'example', 'sol-synthetic-410d.csv')), 'exact');
    const grids: BacktestParams[][] = [kernelGrid().grid, suiteLikeGrid(), [resolveParams({ leverage: 3, trigger: 4.5, model: 'rotation', convention: 'exact' })]];
    for (const grid of grids) {
      const packed = packLanes(grid.map(laneConstants));
      for (const dedupe of [false, true]) {
        const full = runLanesWasm(series, packed, { dedupe });
        const lean = runLanesWasm(series, packed, { dedupe, outputs: 'figures' });
        expect(firstMismatch(full, lean, grid.length)).toBeNull();
      }
    }
  });

  it.runIf(shared !== null)('equals a full run on the real HL and Drift series (bench grid with and without survivor/partial options, suite-like grid; needs ../shared/data, skipped when absent)', () => {
    const base = kernelGrid().grid;
    const options = base.map((p) => resolveParams({ ...p, survivor: 'liquidation', long: { ...p.long, liquidation: { kind: 'partial', closeFactor: 0.2, bonus: 0.05 } } }));
    for (const file of ['sol-hl-study.csv', 'sol-drift-study.csv']) {
      const series = prepareSeries(loadCanonicalCsv(join(shared!, 'data', file)), 'exact');
      for (const grid of [base, options, suiteLikeGrid()]) {
        const packed = packLanes(grid.map(laneConstants));
        const full = runLanesWasm(series, packed);
        const lean = runLanesWasm(series, packed, { outputs: 'figures' });
        expect(firstMismatch(full, lean, grid.length)).toBeNull();
      }
    }
  });

  it('is ignored off the f64x2 exact path (study convention, simd off): every output computed', () => {
    const rows = buildRows(150, Array.from({ length: 30 }, (_, t) => ({ ret: 0.02 * Math.sin(t), gap: 0, up: 0.03, down: 0.04, funding: 0.0002, lend: 0.05, borrow: 0.08 })));
    const grid = [paramsOf({ ...fc.sample(paramDrawArb(), { seed: 7, numRuns: 1 })[0]!, model: 'rebalance' }, 'study'), resolveParams({ leverage: 2, convention: 'study' })];
    const packed = packLanes(grid.map(laneConstants));
    const study = runLanesWasm(prepareSeries(rows, 'study'), packed, { outputs: 'figures' });
    const scalar = runLanesWasm(prepareSeries(rows, 'exact'), packed, { simd: false, outputs: 'figures' });
    for (const r of [study, scalar]) {
      for (const f of NOT_IN_FIGURES) for (let j = 0; j < grid.length; j++) expect(Number.isFinite(r.out[f * r.stride + j])).toBe(true);
    }
  });
});
