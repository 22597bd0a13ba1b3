/**
 * Proves the first guard of the kernel (MODEL.md section 6): on random valid market paths and
 * parameters, `F - C` recomputed from the waterfall terms equals the run's `F - C` to `1e-9 * C`,
 * for both conventions and both engines.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backtestGrid, type EngineKind } from '../../../engine/backtest.js';
import type { Convention } from '../../../engine/model/types.js';
import { mixedMarketArb, paramsArb, waterfallSum } from '../../helpers/market.js';

const ENGINES: EngineKind[] = ['ts', 'wasm'];

describe.each(ENGINES)('waterfall identity (%s engine)', (engine) => {
  for (const convention of ['exact', 'study'] as Convention[]) {
    it(`holds to 1e-9 * capital under ${convention}`, () => {
      fc.assert(
        fc.property(mixedMarketArb(80), fc.array(paramsArb(convention), { minLength: 1, maxLength: 6 }), (rows, grid) => {
          const results = backtestGrid(rows, grid, { engine });
          results.forEach((r, i) => {
            const C = grid[i]!.capital;
            const gap = Math.abs(r.finalEquity - C - waterfallSum(r.waterfall));
            if (!(gap <= 1e-9 * C)) throw new Error(`lane ${i}: |F - C - terms| = ${gap} > ${1e-9 * C}`);
          });
        }),
        { seed: convention === 'exact' ? 20261121 : 20261122, numRuns: 300 },
      );
    });
  }
  it('is not vacuous: the random paths produce liquidations, bad debt, rebalances and rotations (ruin: see hand-computed.test.ts)', () => {
    const seen = { liquidations: 0, badDebt: 0, rebalances: 0, rotations: 0 };
    fc.assert(
      fc.property(mixedMarketArb(80), paramsArb('exact'), (rows, p) => {
        const [r] = backtestGrid(rows, [p], { engine });
        seen.liquidations += r!.liquidations;
        seen.badDebt += r!.waterfall.badDebt > 0 ? 1 : 0;
        seen.rebalances += r!.rebalances;
        seen.rotations += r!.rotations;
      }),
      { seed: 7, numRuns: 300 },
    );
    expect(seen.liquidations).toBeGreaterThan(20);
    expect(seen.badDebt).toBeGreaterThan(2);
    expect(seen.rebalances).toBeGreaterThan(20);
    expect(seen.rotations).toBeGreaterThan(5);
  });
});
