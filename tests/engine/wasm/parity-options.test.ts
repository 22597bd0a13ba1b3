/**
 * Proves the WASM kernel (f64x2 and scalar paths) reproduces the TypeScript reference bit for bit
 * with the MODEL.md section 10 options on (survivor, legPrices split on a spot series with its own
 * basis and wicks, partial long liquidation), on every field, event log (partial rounds and
 * re-hedges with their amounts) and equity series, over 1,000 random batches; and that the batches
 * reach every new path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { optionDrawArb, paramDrawArb, paramsWithOptions, rowsWithSpotArb } from './gen.js';
import { compareBatch, emptyCoverage, referenceResults } from './parity-helpers.js';
import type { BacktestParams } from '../../../engine/model/types.js';
import type { MarketRow } from '../../../engine/data/rows.js';

const SEED = 20_261_203;

interface OptionCoverage {
  partialRounds: number;
  rehedges: number;
  partialFallbacks: number;
  survivorCloses: number;
  splitLiquidations: number;
  lanes: number;
}

function tallyOptions(cov: OptionCoverage, rows: readonly MarketRow[], grid: readonly BacktestParams[]): void {
  const all = new Set(grid.map((_, i) => i));
  referenceResults(rows, grid, all).forEach((r, i) => {
    const p = grid[i]!;
    const ev = r.events ?? [];
    cov.lanes += 1;
    cov.partialRounds += ev.filter((e) => e.kind === 'partial').length;
    cov.rehedges += ev.filter((e) => e.kind === 'rehedge').length;
    // A round followed by a long liquidation on the same day: the rounds could not save the leg.
    cov.partialFallbacks += ev.filter((e, j) => e.kind === 'liquidation' && e.leg === 'long' && j > 0 && ev[j - 1]!.kind === 'partial').length;
    if (p.survivor === 'liquidation') {
      cov.survivorCloses += ev.filter((e) => e.kind === 'close' && e.leg !== 'both' && ev.some((x) => x.day === e.day && x.kind === 'liquidation') && e.price !== rows[e.day]![e.leg === 'long' && p.legPrices === 'split' ? 'spotClose' : 'close']).length;
    }
    if (p.legPrices === 'split') cov.splitLiquidations += r.liquidations;
  });
}

describe('WASM kernel == TypeScript reference with the MODEL.md section 10 options on', () => {
  it('exact: 1000 random batches (1-6 lanes, options drawn per lane) agree on every field and event', () => {
    const cov = emptyCoverage();
    const opt: OptionCoverage = { partialRounds: 0, rehedges: 0, partialFallbacks: 0, survivorCloses: 0, splitLiquidations: 0, lanes: 0 };
    fc.assert(
      fc.property(rowsWithSpotArb(2, 60), fc.array(fc.tuple(paramDrawArb(), optionDrawArb()), { minLength: 1, maxLength: 6 }), (rows, draws) => {
        const grid = draws.map(([x, o]) => paramsWithOptions(x, o));
        expect(compareBatch(rows, grid, cov)).toBeNull();
        tallyOptions(opt, rows, grid);
      }),
      { seed: SEED, numRuns: 1000 },
    );
    console.log('options coverage', cov, opt);
    expect(cov.liquidations).toBeGreaterThan(50);
    expect(cov.ruined).toBeGreaterThan(5);
    expect(opt.partialRounds).toBeGreaterThan(100);
    expect(opt.rehedges).toBeGreaterThan(50);
    expect(opt.partialFallbacks).toBeGreaterThan(5);
    expect(opt.survivorCloses).toBeGreaterThan(20);
    expect(opt.splitLiquidations).toBeGreaterThan(50);
  });

  it('exact: 300 batches with every option on in every lane agree on every field and event', () => {
    fc.assert(
      fc.property(rowsWithSpotArb(2, 60), fc.array(fc.tuple(paramDrawArb(), optionDrawArb(true)), { minLength: 1, maxLength: 6 }), (rows, draws) => {
        expect(compareBatch(rows, draws.map(([x, o]) => paramsWithOptions(x, o)))).toBeNull();
      }),
      { seed: SEED + 1, numRuns: 300 },
    );
  });
});
