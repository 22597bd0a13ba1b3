/**
 * `dnh scenario`: fit writes a JSON parameter set that regenerates valid paths; generate is
 * reproducible from its seed; bad input exits 2 (usage) or 1 (data) with one line.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCanonicalCsv } from '../../../engine/data/csv.js';
import { resolveGeneratorParams } from '../../../harness/scenario/params.js';
import { cli } from '../../helpers/cli.js';

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
