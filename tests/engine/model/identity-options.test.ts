/**
 * The section 6 identity with every MODEL.md section 10 option on (survivor liquidation, legPrices
 * split on a spot series with its own basis and wicks, partial long liquidation with random CF and
 * bonus): `F - C` recomputed from the waterfall equals the run's `F - C` to `1e-9 * C`, on both
 * engines, and the paths reach partial rounds, re-hedges and split liquidations (not vacuous).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backtestGrid, type EngineKind } from '../../../engine/backtest.js';
import { waterfallSum } from '../../helpers/market.js';
import { optionDrawArb, paramDrawArb, paramsWithOptions, rowsWithSpotArb } from '../wasm/gen.js';

const ENGINES: EngineKind[] = ['ts', 'wasm'];

describe.each(ENGINES)('waterfall identity with every section 10 option on (%s engine)', (engine) => {
  it('holds to 1e-9 * capital over 300 random paths x 1-6 lanes', () => {
    const seen = { liquidations: 0, partialRounds: 0, rehedges: 0, badDebt: 0 };
    fc.assert(
      fc.property(rowsWithSpotArb(2, 80), fc.array(fc.tuple(paramDrawArb(), optionDrawArb(true)), { minLength: 1, maxLength: 6 }), (rows, draws) => {
        const grid = draws.map(([x, o]) => paramsWithOptions(x, o));
        const results = backtestGrid(rows, grid, { engine, detail: grid.map((_, i) => i) });
        results.forEach((r, i) => {
          const C = grid[i]!.capital;
          const gap = Math.abs(r.finalEquity - C - waterfallSum(r.waterfall));
          if (!(gap <= 1e-9 * C)) throw new Error(`lane ${i}: |F - C - terms| = ${gap} > ${1e-9 * C}`);
          seen.liquidations += r.liquidations;
          seen.partialRounds += r.events!.filter((e) => e.kind === 'partial').length;
          seen.rehedges += r.events!.filter((e) => e.kind === 'rehedge').length;
          seen.badDebt += r.waterfall.badDebt > 0 ? 1 : 0;
        });
      }),
      { seed: 20_261_204, numRuns: 300 },
    );
    expect(seen.liquidations).toBeGreaterThan(100);
    expect(seen.partialRounds).toBeGreaterThan(100);
    expect(seen.rehedges).toBeGreaterThan(20);
    expect(seen.badDebt).toBeGreaterThan(5);
  });
});
