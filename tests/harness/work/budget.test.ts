/**
 * Work bounded before it starts (issue 8 point 3): a sweep grid, a suite's paths x configurations x
 * days and a bootstrap path length are checked against their limits before anything is allocated; the
 * refusal (exit 2, or 1 for a suite file field) states the estimate, the limit and the flag that
 * raises it, and comes back at once (no compute, no file written).
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../engine/errors.js';
import { repoPath } from '../../../engine/paths.js';
import { bootstrapPath, MAX_PATH_DAYS } from '../../../harness/scenario/bootstrap.js';
import { scenarioRng } from '../../../harness/scenario/rng.js';
import { checkWork, humanBytes } from '../../../harness/work/budget.js';
import { loadCanonicalCsv } from '../../../engine/data/csv.js';
import { cli } from '../../helpers/cli.js';

const EXAMPLE = repoPath('fixtures', 'example', 'sol-synthetic-410d.csv');

describe('checkWork', () => {
  it('names every estimate, the limit and the flag; a non-finite estimate is over any limit', () => {
    expect(() => checkWork('x', { lanes: 11, bytes: 2048 * 11 }, { lanes: { max: 10, flag: '--max-lanes' } })).toThrow(
      'x is too large: estimated 11 lanes, 22.0 KB of memory; the limit is 10 lanes; raise it with --max-lanes N if this is intended',
    );
    expect(() => checkWork('x', { lanes: 10 }, { lanes: { max: 10, flag: '--max-lanes' } })).not.toThrow();
    expect(() => checkWork('x', { laneDays: NaN }, { laneDays: { max: 1e12, flag: '--max-lane-days' } })).toThrow(UsageError);
    expect(humanBytes(3 * 2 ** 30)).toBe('3.00 GB');
  });
});

describe('dnh sweep', () => {
  it('a grid of ~3e9 combinations is refused at once (it used to run 66 s and die out of memory)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnh-budget-'));
    const t0 = performance.now();
    const r = await cli('sweep', '--data', EXAMPLE, '--leverage', '1:10:0.001', '--trigger', '1:100:0.001', '--capital', '1000:1030:1', '--out', join(dir, 'r.json'));
    const ms = performance.now() - t0;
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/grid of [\d,]+ combinations is too large: estimated [\d,]+ lanes, [\d.]+ TB of memory; the limit is 1,000,000 lanes; raise it with --max-lanes N/);
    expect(readdirSync(dir)).toEqual([]);
    console.log(`refused in ${ms.toFixed(0)} ms`); // not asserted: speed lives in bench/
  });
  it('--max-lanes lowers or raises the limit; --max-memory-mb bounds the estimate', async () => {
    const grid = ['--leverage', '2,3', '--trigger', '4,6,never', '--venue', 'hl,drift'];
    expect((await cli('sweep', '--data', EXAMPLE, ...grid, '--max-lanes', '11')).code).toBe(2);
    expect((await cli('sweep', '--data', EXAMPLE, ...grid, '--max-lanes', '12')).code).toBe(0);
    const mem = await cli('sweep', '--data', EXAMPLE, ...grid, '--max-memory-mb', '1', '--leverage', '1.5:4:0.01');
    expect(mem.code).toBe(2);
    expect(mem.err).toMatch(/of memory; the limit is 1.00 MB \(--max-memory-mb 1\)/);
    const days = await cli('sweep', '--data', EXAMPLE, ...grid, '--max-lane-days', String(12 * 410 - 1));
    expect(days.code).toBe(2);
    expect(days.err).toMatch(/the grid of 12 lanes is too large: estimated 12 lanes, 4,920 lane-days of work; the limit is 4,919 lane-days of work; raise it with --max-lane-days N/);
    expect((await cli('sweep', '--data', EXAMPLE, ...grid, '--max-lane-days', String(12 * 410))).code).toBe(0);
    expect((await cli('sweep', '--data', EXAMPLE, '--max-lanes', '0')).code).toBe(2);
    expect((await cli('sweep', '--data', EXAMPLE, '--max-lanes', '1e3')).code).toBe(2);
  });
});

describe('dnh suite run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dnh-budget-suite-'));
  const suite = (sets: unknown[], grid: object = { leverage: [2, 3], trigger: [4, 6] }) => {
    const f = join(dir, `s${readdirSync(dir).length}.json`);
    writeFileSync(f, JSON.stringify({ name: 'big', seed: 1, scenarios: sets, grid }));
    return f;
  };
  it('paths x configurations x days over the limit: refused before the first path, naming the estimate and the flag', async () => {
    const f = suite([{ name: 'g', kind: 'generated', count: 1_000_000, params: { days: 100_000 } }]);
    const r = await cli('suite', 'run', f, '--out', join(dir, 'r.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/1,000,000 paths x 4 configurations is too large: estimated 400,000,000,000 lane-days of work, [\d.]+ MB of memory; the limit is 20,000,000,000 lane-days of work; raise it with --max-lane-days N/);
    expect(existsSync(join(dir, 'r.json'))).toBe(false);
    const small = suite([{ name: 'g', kind: 'generated', count: 4, params: { days: 60 } }]);
    expect((await cli('suite', 'run', small, '--max-lane-days', '959')).code).toBe(2); // 4 x 4 x 60 = 960
    expect([0, 3]).toContain((await cli('suite', 'run', small, '--max-lane-days', '960')).code);
    expect((await cli('suite', 'run', small, '--max-memory-mb', '0')).code).toBe(2);
  });
  it('a bootstrap set without a day maximum is refused, naming the field (it used to reach 12 GB)', async () => {
    const f = suite([{ name: 'b', kind: 'bootstrap', count: 1, data: EXAMPLE, days: 1_000_000_000 }]);
    const r = await cli('suite', 'run', f);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/field scenarios\[0\]\.days: must be <= 100000/);
    const stress = suite([{ name: 's', kind: 'stress', count: 1, base: { kind: 'bootstrap', data: EXAMPLE, days: 200_000 }, shocks: [{ name: 'crash' }] }]);
    const r2 = await cli('suite', 'run', stress);
    expect(r2.code).toBe(1);
    expect(r2.err).toMatch(/scenarios\[0\]\.base\.days/);
  });
  it('bootstrapPath itself refuses a path longer than MAX_PATH_DAYS', () => {
    const rows = loadCanonicalCsv(EXAMPLE);
    expect(() => bootstrapPath(rows, { days: MAX_PATH_DAYS + 1 }, scenarioRng(1, 'b', 0))).toThrow(/days: expected an integer in \[2, 100000\]/);
    expect(bootstrapPath(rows, { days: 30 }, scenarioRng(1, 'b', 0))).toHaveLength(30);
  });
});

describe('day counts of generated series', () => {
  it('dnh example --days beyond the path maximum is a usage error', async () => {
    const r = await cli('example', '--days', '1000000000');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--days: must lie in \[2, 100000\]/);
  });
});
