/**
 * Byte-identical outputs (issue 8 point 6): the same inputs give the same bytes whatever the worker
 * count (`sweep --out` with 1, 2 and auto workers; `suite run --json` with 1 and 2 workers and run
 * twice), compared by SHA-256; the documents carry no timing, worker count or checkout path.
 * Worker runs need the compiled workers (npm run build).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPath, repoRoot } from '../../../engine/paths.js';
import { backtest } from '../../../engine/backtest.js';
import { loadCanonicalCsv } from '../../../engine/data/csv.js';
import { resolveParams } from '../../../engine/model/params.js';
import type { BacktestResult } from '../../../engine/model/types.js';
import { laneLine } from '../../../harness/sweep/results.js';
import { cli } from '../../helpers/cli.js';

const EXAMPLE = repoPath('fixtures', 'example', 'sol-synthetic-410d.csv');
// As a user types it: the replay commands inside the hashed content name the suite file as given.
const SUITE = relative(process.cwd(), repoPath('fixtures', 'suites', 'default.json'));
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** The same object with its keys (at every level) in reverse order. */
function reversedKeys<T>(v: T): T {
  if (Array.isArray(v)) return v.map(reversedKeys) as T;
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversedKeys(x)])) as T;
}

describe('same inputs, same bytes', () => {
  it('a lane line does not depend on the key order of the result object it is built from', () => {
    const r = backtest(loadCanonicalCsv(EXAMPLE), resolveParams({ leverage: 3, trigger: 5 }));
    const { events: _e, equity: _q, ...lane } = r;
    const flipped = reversedKeys(lane) as BacktestResult;
    expect(JSON.stringify(flipped)).not.toBe(JSON.stringify(lane)); // the naive serialisation differs
    expect(laneLine(flipped)).toBe(laneLine(lane));
    expect(JSON.parse(laneLine(lane))).toEqual(lane);
  });

  it('sweep --out with --workers 1, 2 and auto (key order fixed; lanes cross the worker boundary packed)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnh-bytes-'));
    const grid = ['--leverage', '1.5:4:0.5', '--trigger', '3,4,6,2L,never', '--venue', 'hl,drift', '--model', 'static,rebalance,rotation', '--convention', 'exact,study'];
    const hashes: string[] = [];
    for (const w of ['1', '2', 'auto']) {
      const out = join(dir, `w${w}.json`);
      const r = await cli('sweep', '--data', EXAMPLE, ...grid, '--workers', w, '--out', out);
      expect(r.code, r.err).toBe(0);
      hashes.push(sha(readFileSync(out)));
    }
    expect(hashes[1]).toBe(hashes[0]);
    expect(hashes[2]).toBe(hashes[0]);
    const text = readFileSync(join(dir, 'w1.json'), 'utf8');
    expect(text).not.toContain(repoRoot());
    expect(text).toContain('"repo:fixtures/example/sol-synthetic-410d.csv"');
  }, 60_000);

  it('suite run --json twice, and with 1 and 2 workers', async () => {
    const runs = [await cli('suite', 'run', SUITE, '--json'), await cli('suite', 'run', SUITE, '--json'), await cli('suite', 'run', SUITE, '--json', '--workers', '2')];
    for (const r of runs) expect([0, 3], r.err).toContain(r.code);
    const [a, b, c] = runs.map((r) => sha(r.out));
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(runs[0]!.out).not.toMatch(/elapsedMs|"workers"/);
    expect(runs[0]!.out).not.toContain(repoRoot());
    expect(runs[2]!.err).toMatch(/2 worker\(s\)/); // the timing and the worker count went to stderr
  }, 60_000);

  it('paper --json twice (no checkout path in it)', async () => {
    const [a, b] = [await cli('paper', '--json'), await cli('paper', '--json')];
    expect(sha(a.out)).toBe(sha(b.out));
    expect(a.out).not.toContain(repoRoot());
  });
});
