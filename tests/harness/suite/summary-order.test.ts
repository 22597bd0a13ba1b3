/**
 * The summary's order statistics come from `selectOrdered` (harness/suite/select.ts) instead of full
 * sorts: the whole summary (every percentile, the return curve, VaR, CVaR, the expected shortfalls,
 * the robust choice) and its hash equal those computed from fully sorted columns, on aggregators
 * filled with adversarial columns (signed zeros, NaN, infinities, ties), for one thread (ordered
 * copies) and for the workers' form (columns ordered segment by segment).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SuiteAggregator } from '../../../harness/suite/aggregate.js';
import { resolveSuite } from '../../../harness/suite/load.js';
import { indexScenarios } from '../../../harness/suite/scenarios.js';
import { selectSegments } from '../../../harness/suite/select.js';
import { summarise, summaryNeeds } from '../../../harness/suite/summary.js';

const suite = resolveSuite(
  {
    name: 'order',
    seed: 1,
    scenarios: [{ name: 'mc', kind: 'generated', count: 1, params: { days: 10 } }],
    grid: { leverage: [2, 3], trigger: [4, 'never'] },
    metrics: { percentiles: [1, 5, 33, 50, 95, 99] },
    robust: { by: 'return.es10', beside: 'return.p50' },
    thresholds: { configuration: { 'return.es2': { min: -0.5 }, 'maxDrawdown.p90': { max: 0.3 } } },
  },
  '/virtual/order.json',
);

const valueArb = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(0, -0, NaN, Infinity, -Infinity, -1, 0.25, -0.25) },
  { weight: 5, arbitrary: fc.double({ min: -1, max: 2 }) },
);

describe('summary from selected order statistics', () => {
  it('the shortfall levels and percentiles named anywhere are among the needs', () => {
    expect(suite.shortfalls).toEqual([2, 10]);
    const n = 200;
    const needs = summaryNeeds(suite, n);
    expect(needs.totalReturn.prefix).toBe(20); // es10 reads the lowest 20 of 200 (more than VaR/CVaR's 10)
    expect(needs.maxDrawdown.prefix).toBe(0);
    expect(needs.maxDrawdown.positions).toContain(Math.floor((199 * 90) / 100)); // maxDrawdown.p90, from the threshold
  });

  it('equals the summary of fully sorted columns, field for field and by hash (300 aggregators)', () => {
    const L = suite.grid.length;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 90 }), fc.array(valueArb, { minLength: 2 * 90 * 4, maxLength: 2 * 90 * 4 }), (S, pool) => {
        const agg = new SuiteAggregator(S, L, suite.thresholds.scenario);
        agg.add({
          from: 0,
          to: S,
          totalReturn: Float64Array.from({ length: S * L }, (_, i) => pool[i % pool.length]!),
          maxDrawdown: Float64Array.from({ length: S * L }, (_, i) => Math.abs(pool[(i * 7 + 3) % pool.length]!)),
          liquidations: new Float64Array(S * L),
          ruined: new Uint8Array(S * L),
        });
        const idx = { ...indexScenarios(suite), total: S };
        const meta = { file: 'x', engine: 'wasm', workers: 1, elapsedMs: 0 };
        const full = { totalReturn: agg.totalReturn.slice(), maxDrawdown: agg.maxDrawdown.slice() };
        for (const c of [full.totalReturn, full.maxDrawdown]) for (let a = 0; a < c.length; a += S) c.subarray(a, a + S).sort();
        const needs = summaryNeeds(suite, S);
        const sel = { totalReturn: agg.totalReturn.slice(), maxDrawdown: agg.maxDrawdown.slice() };
        selectSegments(sel.totalReturn, S, needs.totalReturn);
        selectSegments(sel.maxDrawdown, S, needs.maxDrawdown);
        const ref = summarise(suite, 1, agg, idx, {}, meta, full);
        const oneThread = summarise(suite, 1, agg, idx, {}, meta);
        const workers = summarise(suite, 1, agg, idx, {}, meta, sel);
        expect(oneThread.hash).toBe(ref.hash);
        expect(workers.hash).toBe(ref.hash);
        // Object.is on every number (the hash prints -0 as 0).
        expect(oneThread.content).toStrictEqual(ref.content);
        expect(workers.content).toStrictEqual(ref.content);
        // The aggregator's own columns are untouched (means are summed in scenario order from them).
        // (config-major: column l, scenario g holds the chunk's value at g * L + l)
        expect(agg.totalReturn.every((v, i) => Object.is(v, pool[((i % S) * L + Math.floor(i / S)) % pool.length]!))).toBe(true);
      }),
      { numRuns: 300, seed: 20_261_203 },
    );
  });
});
