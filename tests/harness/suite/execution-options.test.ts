/**
 * Suite grid fields for MODEL.md section 10: `survivor` and `long.liquidation` are axes that expand
 * into configurations labelled and described by their options, and give the same numbers on the WASM
 * kernel and the TypeScript reference; `legPrices split` runs on a historical set with spot columns
 * and is refused, naming `grid.legPrices` and the set, on generated paths (which carry no spot).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../engine/errors.js';
import { repoPath } from '../../../engine/paths.js';
import { loadSuite } from '../../../harness/suite/load.js';
import { runSuite } from '../../../harness/suite/runner.js';

const dir = mkdtempSync(join(tmpdir(), 'dnh-suite-exec-'));
const SPOT = repoPath('fixtures', 'example', 'sol-synthetic-410d-spot.csv');
const PLAIN = repoPath('fixtures', 'example', 'sol-synthetic-410d.csv');

function write(doc: object): string {
  const file = join(dir, `s${Object.keys(dir).length}-${JSON.stringify(doc).length}.json`);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

describe('suite grid fields survivor, legPrices, long.liquidation', () => {
  it('expand as axes, label the configurations, and agree between engines', async () => {
    const suite = loadSuite(write({
      name: 'exec', seed: 7,
      scenarios: [{ name: 'mc', kind: 'generated', count: 6, params: { days: 90 } }],
      grid: { leverage: [3], trigger: [6], survivor: ['close', 'liquidation'], 'long.liquidation': ['full', 'partial:0.2:0.05'] },
    }));
    expect(suite.grid.length).toBe(4);
    expect(suite.grid.map((p) => [p.survivor, p.long.liquidation.kind])).toEqual([['close', 'full'], ['close', 'partial'], ['liquidation', 'full'], ['liquidation', 'partial']]);
    const wasm = await runSuite(suite, { workers: 1 });
    const ts = await runSuite(suite, { workers: 1, engine: 'ts' });
    expect(ts.hash).toBe(wasm.hash);
    const labels = wasm.content.configurations.map((c) => c.label);
    expect(labels[0]).not.toMatch(/survivor|partial/);
    expect(labels[3]).toMatch(/survivor=liquidation partial:0\.2:0\.05$/);
    expect(wasm.content.configurations[3]!.params).toMatchObject({ survivor: 'liquidation', longLiquidation: 'partial:0.2:0.05' });
    expect('survivor' in wasm.content.configurations[0]!.params).toBe(false);
  });

  it('runs split on a historical set with spot columns', async () => {
    const suite = loadSuite(write({
      name: 'split', seed: 1, scenarios: [{ name: 'example', kind: 'historical', data: SPOT }],
      grid: { leverage: [3], trigger: [6], legPrices: ['perp', 'split'] },
    }));
    const r = await runSuite(suite, { workers: 1 });
    expect(r.content.configurations.map((c) => c.label)[1]).toMatch(/ split$/);
  });

  it.each([
    [{ name: 'mc', kind: 'generated', count: 2, params: { days: 30 } }, /scenario set "mc" \(generated\) has none/],
    [{ name: 'plain', kind: 'historical', data: PLAIN }, /scenario set "plain" \(historical\) has none/],
  ])('refuses split on paths without spot columns, naming grid.legPrices', (set, msg) => {
    const file = write({ name: 'bad', seed: 1, scenarios: [set], grid: { leverage: [2], trigger: [4], legPrices: ['split'] } });
    let err: unknown;
    try {
      loadSuite(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).where.field).toBe('grid.legPrices');
    expect((err as DataError).message).toMatch(msg);
  });

  it('rejects a malformed long.liquidation and a study-convention option by field', () => {
    const bad = (grid: object) => {
      try {
        loadSuite(write({ name: 'b', seed: 1, scenarios: [{ name: 'mc', kind: 'generated', count: 2, params: { days: 30 } }], grid: { leverage: [2], trigger: [4], ...grid } }));
      } catch (e) {
        return (e as DataError).message;
      }
      return 'accepted';
    };
    expect(bad({ 'long.liquidation': ['partial:2:0.05'] })).toMatch(/close factor CF must lie in \(0, 1\]/);
    expect(bad({ 'long.liquidation': ['half'] })).toMatch(/long\.liquidation/);
    expect(bad({ convention: ['study'], survivor: ['liquidation'] })).toMatch(/no valid configuration.*survivor: the study convention/);
  });
});
