/**
 * Suite files: the bundled suites validate and resolve; every kind of mistake is rejected with a
 * DataError naming the file and the exact field (schema errors and semantic ones alike).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../engine/errors.js';
import { repoPath, sharedDir } from '../../../engine/paths.js';
import { fieldOf, loadSuite } from '../../../harness/suite/load.js';

const DEFAULT = repoPath('fixtures', 'suites', 'default.json');
const dir = mkdtempSync(join(tmpdir(), 'dnh-suite-load-'));

function minimal(): Record<string, unknown> {
  return {
    name: 't',
    seed: 1,
    scenarios: [{ name: 'mc', kind: 'generated', count: 3, params: { days: 30 } }],
    grid: { leverage: [2], trigger: [4] },
  };
}

/** The field a bad suite is rejected for. */
function fieldFor(mutate: (s: Record<string, any>) => void): string | undefined {
  const s = minimal() as Record<string, any>;
  mutate(s);
  const file = join(dir, `s${Math.random().toString(36).slice(2)}.json`); // file name only; no effect on results
  writeFileSync(file, JSON.stringify(s));
  try {
    loadSuite(file);
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).message).toContain(file);
    return (e as DataError).where.field;
  }
  return undefined;
}

describe('loadSuite', () => {
  it('resolves the bundled default suite: 320 paths, 22 configurations', () => {
    const s = loadSuite(DEFAULT);
    expect(s.sets.reduce((a, x) => a + x.count, 0)).toBe(320);
    // 2 venues x (6 triggers at 2x + 5 at 3x: trigger 3 < 1.3 x 3 is skipped) = 22.
    expect(s.grid).toHaveLength(22);
    expect(s.skipped).toHaveLength(2);
    expect(s.percentiles).toEqual([5, 25, 50, 75, 95]);
  });

  it('resolves the historical suite when ../shared is present', () => {
    if (!sharedDir()) {
      console.log('not run: ../shared absent (historical suite)');
      expect(() => loadSuite(repoPath('fixtures', 'suites', 'historical.json'))).toThrow(/shared/);
      return;
    }
    const s = loadSuite(repoPath('fixtures', 'suites', 'historical.json'));
    expect(s.sets.map((x) => x.count)).toEqual([1, 200, 1, 1, 1]);
  });

  it('accepts the minimal suite', () => {
    expect(fieldFor(() => {})).toBeUndefined();
  });

  it('names the field of schema errors', () => {
    expect(fieldFor((s) => (s.scenarios[0].count = 0))).toBe('scenarios[0].count');
    expect(fieldFor((s) => (s.scenarios[0].params.price = { sigma: [0.1, 'x'] }))).toBe('scenarios[0].params.price.sigma[1]');
    expect(fieldFor((s) => (s.scenarios[0].params.price = { sigmas: [0.1, 0.2] }))).toBe('scenarios[0].params.price.sigmas');
    expect(fieldFor((s) => delete s.seed)).toBe('seed');
    expect(fieldFor((s) => (s.grid.venue = ['binance']))).toBe('grid.venue[0]');
    expect(fieldFor((s) => (s.grid.trigger = ['2x']))).toBe('grid.trigger[0]');
    expect(fieldFor((s) => (s.scenarios[0].kind = 'montecarlo'))).toBe('scenarios[0].kind');
    expect(fieldFor((s) => (s.thresholds = { configuration: { 'return.p555': { min: 0 } } }))).toBe('thresholds.configuration.return.p555');
    expect(fieldFor((s) => (s.scenarios.push({ name: 'st', kind: 'stress', count: 1, base: { kind: 'generated' }, shocks: [{ name: 'meteor' }] })))).toBe('scenarios[1].shocks[0].name');
    expect(fieldFor((s) => (s.scenarios.push({ name: 'st', kind: 'stress', count: 1, base: { kind: 'generated' } })))).toBe('scenarios[1].shocks');
  });

  it('names the field of semantic errors', () => {
    expect(fieldFor((s) => (s.scenarios[0].params.lend = { mean: 0.6, max: 0.5 }))).toBe('scenarios[0].params.lend.mean');
    expect(fieldFor((s) => s.scenarios.push({ name: 'mc', kind: 'generated', count: 1 }))).toBe('scenarios[1].name');
    expect(fieldFor((s) => s.scenarios.push({ name: 'b', kind: 'bootstrap', count: 1, data: 'nope.csv' }))).toBe('scenarios[1].data');
    const stress = (params: Record<string, unknown>) => (s: Record<string, any>) =>
      s.scenarios.push({ name: 'st', kind: 'stress', count: 2, base: { kind: 'generated', params: { days: 30 } }, shocks: [{ name: 'crash', params }] });
    expect(fieldFor(stress({ pct: 2 }))).toBe('scenarios[1].shocks[0].params.pct');
    expect(fieldFor(stress({ at: 30 }))).toBe('scenarios[1].shocks[0].params.at');
    expect(fieldFor(stress({ at: '2030-01-01' }))).toBe('scenarios[1].shocks[0].params.at');
    expect(fieldFor(stress({ depth: 1 }))).toBe('scenarios[1].shocks[0].params.depth');
    expect(fieldFor((s) => (s.grid = { leverage: [4], trigger: [4] }))).toBe('grid');
  });

  it('rejects unreadable and non-JSON files', () => {
    expect(() => loadSuite(join(dir, 'missing.json'))).toThrow(DataError);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ nope');
    expect(() => loadSuite(bad)).toThrow(/not valid JSON/);
  });

  it('turns JSON pointers into field paths', () => {
    expect(fieldOf('/scenarios/2/params/price/sigma/0')).toBe('scenarios[2].params.price.sigma[0]');
    expect(fieldOf('', 'seed')).toBe('seed');
    expect(fieldOf('')).toBe('(root)');
  });
});
