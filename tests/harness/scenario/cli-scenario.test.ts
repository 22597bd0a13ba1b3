/**
 * `dnh scenario`: fit writes a JSON parameter set that regenerates valid paths; generate is
 * reproducible from its seed; bad input exits 2 (usage) or 1 (data) with one line.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCanonicalCsv } from '../../../engine/data/csv.js';
import { existsSync } from 'node:fs';
import { sharedDir } from '../../../engine/paths.js';
import { REALISM_CHECKS } from '../../../harness/scenario/compare.js';
import { resolveGeneratorParams } from '../../../harness/scenario/params.js';
import { repoPath } from '../../../engine/paths.js';
import { cli } from '../../helpers/cli.js';

/** The realism lines of `dnh scenario fit` (stderr): statistic -> ok/FAIL, data, generated. */
function realismLines(err: string): Map<string, { ok: boolean; data: number; generated: number }> {
  const m = new Map<string, { ok: boolean; data: number; generated: number }>();
  for (const line of err.split('\n')) {
    const x = /^ {2}(ok {2}|FAIL) (\w+)\s+(\S+)\s+(\S+)\s+(\S+)\s+/.exec(line);
    if (x) m.set(x[3]!, { ok: x[1] === 'ok  ', data: Number(x[4]), generated: Number(x[5]) });
  }
  return m;
}

const statisticOf = (c: (typeof REALISM_CHECKS)[number]): string => (c.key === 'wickRatio' ? 'downWick/upWick' : c.key);

describe('dnh scenario', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dnh-scenario-'));

  it('generate is reproducible from its seed and fit reads its output back into valid parameters', async () => {
    const a = await cli('scenario', 'generate', '--seed', '7', '--days', '400');
    const b = await cli('scenario', 'generate', '--seed', '7', '--days', '400');
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect((await cli('scenario', 'generate', '--seed', '8', '--days', '400')).out).not.toBe(a.out);
    expect(parseCanonicalCsv(a.out, 'gen')).toHaveLength(400);
    const csv = join(dir, 'rows.csv');
    writeFileSync(csv, a.out);
    const out = join(dir, 'params.json');
    const f = await cli('scenario', 'fit', '--data', csv, '--out', out);
    expect(f.code).toBe(0);
    expect(f.err).toMatch(/vs 200 paths of 400 days generated from the fit/);
    expect(f.err).toMatch(/realism \(docs\/scenario-suites\.md\)/);
    expect(f.err).toMatch(/returnSd\s+\S+\s+\S+/);
    const params = JSON.parse(readFileSync(out, 'utf8'));
    expect(resolveGeneratorParams(params)).toEqual(params); // complete and valid
    expect(params.days).toBe(400);
    const g = await cli('scenario', 'generate', '--params', out, '--seed', '1');
    expect(parseCanonicalCsv(g.out, 'regen')).toHaveLength(400);
  });

  const shared = sharedDir();
  const hl = shared ? join(shared, 'data', 'sol-hl-study.csv') : null;
  it.runIf(hl !== null && existsSync(hl))('fit on the real HL series prints generated vs real for every realism item, each within its tolerance', async () => {
    const r = await cli('scenario', 'fit', '--data', hl!);
    expect(r.code).toBe(0);
    const lines = realismLines(r.err);
    expect(lines.size).toBe(REALISM_CHECKS.length);
    for (const c of REALISM_CHECKS) expect(lines.get(statisticOf(c))?.ok, `${statisticOf(c)}: ${JSON.stringify(lines.get(statisticOf(c)))}`).toBe(true);
    // The figures for the real series, as printed.
    expect(lines.get('fundingNegative')!.data).toBeCloseTo(0.2732, 4);
    expect(lines.get('fundingFlips')!.data).toBeCloseTo(0.1736, 4);
    expect(lines.get('fundingAc7')!.data).toBeCloseTo(0.2001, 4);
    expect(lines.get('downWick/upWick')!.generated).toBeGreaterThan(1);
    expect(lines.get('flashPer1000')!.generated).toBeGreaterThan(0);
    expect(r.err).toContain('realism: every item within its tolerance');
  });
  it.runIf(shared !== null && existsSync(join(shared, 'data', 'sol-binance-hl-2024-12-01.csv')))('fit on the longer Binance-HL series: P(borrow > 15%) 4.6% reproduced within tolerance, every item ok', async () => {
    const r = await cli('scenario', 'fit', '--data', join(shared!, 'data', 'sol-binance-hl-2024-12-01.csv'));
    const lines = realismLines(r.err);
    expect(lines.get('borrowAbove15')!.data).toBeCloseTo(0.0456, 4);
    expect([...lines.values()].every((l) => l.ok)).toBe(true);
  });
  it('reports whether the real-data realism checks ran', () => {
    if (!hl || !existsSync(hl)) console.warn('NOT RUN: ../shared/data is absent, so dnh scenario fit on the real HL series did not run');
    expect(hl === null || typeof hl === 'string').toBe(true);
  });

  it('fit on the bundled example prints every realism item, each within its tolerance (runs everywhere)', async () => {
    // The example is made by its own generator (symmetric wicks, a funding mean that flips on day
    // 260): the fit still reproduces its statistics.
    const r = await cli('scenario', 'fit', '--data', repoPath('fixtures', 'example', 'sol-synthetic-410d.csv'));
    expect(r.code).toBe(0);
    const lines = realismLines(r.err);
    expect([...lines.keys()].sort()).toEqual(REALISM_CHECKS.map(statisticOf).sort());
    for (const [k, l] of lines) expect(l.ok, `${k}: ${JSON.stringify(l)}`).toBe(true);
    expect(r.err).toContain('realism: every item within its tolerance');
  });

  it('lists the shocks', async () => {
    const r = await cli('scenario', 'shocks');
    expect(r.code).toBe(0);
    expect(r.out).toContain('borrowSpike:');
  });

  it('maps bad flags to exit 2 and bad data to exit 1, one line each', async () => {
    const u = await cli('scenario', 'fit');
    expect(u.code).toBe(2);
    expect(u.err.trim().split('\n')).toHaveLength(1);
    expect((await cli('scenario', 'generate', '--bogus')).code).toBe(2);
    expect((await cli('scenario', 'generate', '--days', '1')).err).toMatch(/days/);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'date,open,high,low,close,funding,lend_apy,borrow_apy\n2025-01-01,1,0.5,1,1,0,0,0\n2025-01-02,1,1,1,1,0,0,0\n');
    const d = await cli('scenario', 'fit', '--data', bad);
    expect(d.code).toBe(1);
    expect(d.err).toMatch(/bad\.csv.*field high/);
  });
});
