/**
 * Scenario paths of a suite: a stress set rebuilds its base path from the scenario's own stream and
 * shocks it, with `at: "random"` on a day drawn per scenario from a second stream (so the base stays
 * the same path); scenario numbering and SET:INDEX ids round-trip.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../engine/errors.js';
import { prepareApyColumns, prepareSeries, ROW_STRIDE } from '../../../engine/data/series.js';
import { generateColumns, generatePath } from '../../../harness/scenario/generator.js';
import { scenarioRng } from '../../../harness/scenario/rng.js';
import { resolveSuite } from '../../../harness/suite/load.js';
import { indexScenarios, locate, parseScenarioId, scenarioColumns, scenarioPath, shockDays } from '../../../harness/suite/scenarios.js';
import type { SuiteFile } from '../../../harness/suite/types.js';

const doc: SuiteFile = {
  name: 't',
  seed: 5,
  scenarios: [
    { name: 'mc', kind: 'generated', count: 3, params: { days: 100 } },
    { name: 'spike', kind: 'stress', count: 30, base: { kind: 'generated', params: { days: 100 } }, shocks: [{ name: 'spike', params: { at: 'random', pct: 0.4 } }] },
  ],
  grid: { leverage: [2], trigger: [4] },
};
const suite = resolveSuite(doc, '/virtual/t.json');

describe('suite scenario paths', () => {
  it('a random-day spike changes only that day\'s high of the set\'s own generated path; days differ across scenarios', () => {
    const set = suite.sets[1]!;
    if (set.base.kind !== 'generated') throw new Error('expected a generated base');
    const days = new Set<number>();
    for (let i = 0; i < 30; i++) {
      const base = generatePath(set.base.params, scenarioRng(5, 'spike', i));
      const shocked = scenarioPath(set, 5, i);
      const [d] = shockDays(set, 5, i, base);
      days.add(d!);
      expect(d).toBeGreaterThanOrEqual(1);
      expect(d).toBeLessThan(100);
      base.forEach((r, t) => {
        if (t === d) expect(shocked[t]).toEqual({ ...r, high: Math.max(r.high, r.open * 1.4) });
        else expect(shocked[t]).toEqual(r);
      });
      expect(JSON.stringify(scenarioPath(set, 5, i))).toBe(JSON.stringify(shocked));
    }
    expect(days.size).toBeGreaterThan(15);
  });

  it('numbers scenarios set by set and parses SET:INDEX', () => {
    const idx = indexScenarios(suite);
    expect(idx).toEqual({ total: 33, offsets: [0, 3] });
    expect(locate(idx, 2)).toEqual({ set: 0, index: 2 });
    expect(locate(idx, 3)).toEqual({ set: 1, index: 0 });
    expect(locate(idx, 32)).toEqual({ set: 1, index: 29 });
    expect(parseScenarioId(suite, 'spike:29')).toEqual({ set: 1, index: 29 });
    expect(() => parseScenarioId(suite, 'spike:30')).toThrow(UsageError);
    expect(() => parseScenarioId(suite, 'spike')).toThrow(/SET:INDEX/);
  });
});

describe('scenarioColumns (the suite\'s direct path from the generator to the kernel layout)', () => {
  const two: SuiteFile = {
    name: 'c',
    seed: 11,
    scenarios: [
      { name: 'mc', kind: 'generated', count: 4, params: { days: 50 } },
      { name: 'long', kind: 'generated', count: 2, params: { days: 400, startDate: '2023-03-01' } },
      { name: 'spike', kind: 'stress', count: 2, base: { kind: 'generated', params: { days: 60 } }, shocks: [{ name: 'spike', params: { at: 'random', pct: 0.4 } }] },
    ],
    grid: { leverage: [2], trigger: [4] },
  };
  const s2 = resolveSuite(two, '/virtual/c.json');

  it('gives, once prepared, the same bits as prepareSeries of scenarioPath, in both conventions; the same dates', () => {
    for (const [si, set] of s2.sets.entries()) {
      if (set.kind !== 'generated') continue;
      for (let i = 0; i < set.count; i++) {
        const c = scenarioColumns(set, 11, i);
        if (!c) throw new Error(`set ${si}: expected columns`);
        const rows = scenarioPath(set, 11, i);
        expect(c.dates).toEqual(rows.map((r) => r.date));
        for (const convention of ['exact', 'study'] as const) {
          const a = prepareApyColumns(c.columns, c.dates, convention);
          const b = prepareSeries(rows, convention);
          expect(Buffer.from(a.data.buffer).equals(Buffer.from(b.data.buffer)), `${set.name}:${i} ${convention}`).toBe(true);
          expect(a.hasSpot).toBe(b.hasSpot);
        }
      }
    }
  });

  it('is null for a set with shocks (those go through rows)', () => {
    expect(scenarioColumns(s2.sets[2]!, 11, 0)).toBeNull();
  });

  it('generatePath is generateColumns as rows (same numbers, dates from the start date)', () => {
    const set = s2.sets[1]!;
    if (set.base.kind !== 'generated') throw new Error('expected a generated base');
    const cols = generateColumns(set.base.params, scenarioRng(3, 'x', 1));
    const rows = generatePath(set.base.params, scenarioRng(3, 'x', 1));
    expect(rows[0]!.date).toBe('2023-03-01');
    rows.forEach((r, t) => {
      const o = t * ROW_STRIDE;
      expect([r.open, r.high, r.low, r.close, r.funding, r.lendApy, r.borrowApy]).toEqual(Array.from(cols.subarray(o, o + 7)));
      expect(Array.from(cols.subarray(o + 7, o + ROW_STRIDE))).toEqual([0, r.open, r.high, r.low, r.close]);
    });
  });
});

describe('generateColumns into a reused buffer', () => {
  it('overwrites every value (a dirty buffer gives the same bits as a fresh one) and refuses a wrong length', () => {
    const set = suite.sets[0]!;
    if (set.base.kind !== 'generated') throw new Error('expected a generated base');
    const p = set.base.params;
    const fresh = generateColumns(p, scenarioRng(9, 'mc', 2));
    const dirty = new Float64Array(fresh.length).fill(NaN);
    expect(generateColumns(p, scenarioRng(9, 'mc', 2), dirty)).toBe(dirty);
    expect(Buffer.from(dirty.buffer).equals(Buffer.from(fresh.buffer))).toBe(true);
    expect(() => generateColumns(p, scenarioRng(9, 'mc', 2), new Float64Array(fresh.length - 1))).toThrow(/buffer of/);
  });
});
