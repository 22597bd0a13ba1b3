/**
 * The summary's order statistics come from `selectOrdered` (harness/suite/select.ts) instead of full
 * sorts: the whole summary (every percentile, the return curve, VaR, CVaR, the expected shortfalls,
 * the robust choice) and its hash equal those computed from fully sorted columns, on aggregators
 * filled with adversarial columns (signed zeros, NaN, infinities, ties), for one thread (ordered
 * copies) and for the workers' form (means taken, then the shared columns ordered in place, in two ranges).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SuiteAggregator } from '../../../harness/suite/aggregate.js';
import { resolveSuite } from '../../../harness/suite/load.js';
import { indexScenarios } from '../../../harness/suite/scenarios.js';
import { meanThenSelect } from '../../../harness/suite/select.js';
import { mean } from '../../../harness/suite/stats.js';
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
        // The reference: fully sorted columns, means straight from the aggregator's columns.
        const colMeans = (c: Float64Array): Float64Array => Float64Array.from({ length: L }, (_, l) => mean(c.subarray(l * S, (l + 1) * S)));
        const full = { totalReturn: agg.totalReturn.slice(), maxDrawdown: agg.maxDrawdown.slice(), returnMean: colMeans(agg.totalReturn), drawdownMean: colMeans(agg.maxDrawdown) };
        for (const c of [full.totalReturn, full.maxDrawdown]) for (let a = 0; a < c.length; a += S) c.subarray(a, a + S).sort();
        const ref = summarise(suite, 1, agg, idx, {}, meta, full);
        const oneThread = summarise(suite, 1, agg, idx, {}, meta);
        // The workers' form: a shared aggregator with the same data, ordered in place in two ranges (as two workers do).
        const shared = new SuiteAggregator(S, L, suite.thresholds.scenario, true);
        shared.totalReturn.set(agg.totalReturn);
        shared.maxDrawdown.set(agg.maxDrawdown);
        const needs = summaryNeeds(suite, S);
        const half = L >> 1;
        const sel = {
          totalReturn: shared.totalReturn,
          maxDrawdown: shared.maxDrawdown,
          returnMean: Float64Array.from([...meanThenSelect(shared.totalReturn, S, 0, half, needs.totalReturn), ...meanThenSelect(shared.totalReturn, S, half, L, needs.totalReturn)]),
          drawdownMean: Float64Array.from([...meanThenSelect(shared.maxDrawdown, S, 0, half, needs.maxDrawdown), ...meanThenSelect(shared.maxDrawdown, S, half, L, needs.maxDrawdown)]),
        };
        // Copy the other aggregate figures (counts) the summary reads from the aggregator.
        const workers = summarise(suite, 1, Object.assign(Object.create(Object.getPrototypeOf(agg)), agg, { totalReturn: shared.totalReturn, maxDrawdown: shared.maxDrawdown }), idx, {}, meta, sel);
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
