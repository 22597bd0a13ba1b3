/**
 * The public API on the WASM engine: `backtestGrid` with lanes mixing conventions, models, venues
 * and capitals, with detail lanes, returns in grid order exactly what the `ts` engine returns;
 * `backtest` with events/equity likewise; and the study's published final equities are
 * reproduced to the cent by the kernel (needs ../shared/data; says so when absent).
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backtest, backtestGrid } from '../../../engine/backtest.js';
import { loadCanonicalCsv } from '../../../engine/data/csv.js';
import { sharedDir } from '../../../engine/paths.js';
import { firstDifference } from './compare.js';
import { paramDrawArb, paramsOf, rowsArb } from './gen.js';

const shared = sharedDir();

describe('backtestGrid / backtest on the wasm engine', () => {
  it('a mixed grid (both conventions, all models) with detail lanes equals the ts engine in grid order', () => {
    const [rows, draws] = fc.sample(fc.tuple(rowsArb(40, 80), fc.array(fc.tuple(paramDrawArb(), fc.boolean()), { minLength: 40, maxLength: 40 })), { seed: 31, numRuns: 1 })[0]!;
    const grid = draws.map(([x, study]) => paramsOf(x, study ? 'study' : 'exact'));
    expect(new Set(grid.map((p) => p.convention)).size).toBe(2);
    const detail = [0, 3, 7, 8, 39];
    const w = backtestGrid(rows, grid, { engine: 'wasm', detail });
    const t = backtestGrid(rows, grid, { engine: 'ts', detail });
    expect(w.map((r) => r.params)).toEqual(grid);
    w.forEach((r, i) => expect(firstDifference(r, t[i]), `lane ${i}`).toBeNull());
    expect(w[3]!.events!.length).toBeGreaterThan(0);
    expect(w[3]!.equity!.length).toBeGreaterThan(0);
    expect(w[4]!.events).toBeUndefined();
  });

  it('backtest() with events and equity equals the ts engine', () => {
    const rows = fc.sample(rowsArb(50, 50), { seed: 5, numRuns: 1 })[0]!;
    for (const convention of ['exact', 'study'] as const) {
      const o = { convention, leverage: 3, trigger: 4 };
      const a = backtest(rows, o, { engine: 'wasm', events: true, equity: true });
      const b = backtest(rows, o, { engine: 'ts', events: true, equity: true });
      expect(firstDifference(a, b)).toBeNull();
    }
  });

  it.runIf(shared !== null)('reproduces the study’s published final equities to the cent', () => {
    const hl = loadCanonicalCsv(join(shared!, 'data', 'sol-hl-study.csv'));
    const drift = loadCanonicalCsv(join(shared!, 'data', 'sol-drift-study.csv'));
    const cents = (x: number) => Math.round(x * 100) / 100;
    const f = (rows: typeof hl, venue: 'hl' | 'drift', leverage: number, trigger: number) =>
      cents(backtest(rows, { venue, leverage, trigger, convention: 'study', capital: 10_000 }, { engine: 'wasm' }).finalEquity);
    expect(f(hl, 'hl', 2, 4)).toBe(9459.61);
    expect(f(hl, 'hl', 2, 5)).toBe(10450.92);
    expect(f(hl, 'hl', 3, 6)).toBe(9609.68);
    expect(f(hl, 'hl', 4, 8)).toBe(7800.51);
    expect(f(drift, 'drift', 2, 4)).toBe(9455.67);
    expect(f(drift, 'drift', 3, 8)).toBe(9851.06);
    expect(f(drift, 'drift', 4, 8)).toBe(10253.11);
  });

  it('says whether the study check ran', () => {
    const msg = shared ? `study check ran against ${shared}` : 'not run: ../shared absent (study published equities on the wasm engine)';
    console.log(msg);
    expect(msg.length).toBeGreaterThan(0);
  });
});
