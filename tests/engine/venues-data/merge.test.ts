/**
 * Merging funding files by hour: two overlapping pages of one history merge to exactly what the whole
 * file gives; an overlapping hour with a different rate is rejected naming both files; daily files
 * cannot be merged by hour; `dnh data align` takes --funding more than once.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../engine/errors.js';
import { repoPath } from '../../../engine/paths.js';
import { loadFunding } from '../../../engine/venues-data/detect.js';
import { mergeFunding } from '../../../engine/venues-data/merge.js';
import { runCli } from '../../../harness/cli/main.js';
import type { CliIo } from '../../../harness/cli/io.js';

const fx = (name: string) => repoPath('fixtures', 'venues', name);
const records = JSON.parse(readFileSync(fx('hl-funding.json'), 'utf8')) as Record<string, unknown>[];
const dir = mkdtempSync(join(tmpdir(), 'dnh-merge-'));
const page = (name: string, recs: unknown[]) => {
  const f = join(dir, name);
  writeFileSync(f, JSON.stringify(recs));
  return f;
};

describe('mergeFunding', () => {
  it('two overlapping pages give the days, rates and hour counts of the whole file', () => {
    const whole = loadFunding(fx('hl-funding.json'));
    const merged = mergeFunding([loadFunding(page('a.json', records.slice(0, 40))), loadFunding(page('b.json', records.slice(30)))]);
    expect(merged.days.map(({ record: _r, ...d }) => d)).toEqual(whole.days.map(({ record: _r, ...d }) => d));
    expect(merged.lastMs).toBe(whole.lastMs);
    expect(merged.format).toMatch(/union by hour of 2 files/);
  });
  it('pages given in any order merge the same', () => {
    const ab = mergeFunding([loadFunding(page('a.json', records.slice(0, 40))), loadFunding(page('b.json', records.slice(30)))]);
    const ba = mergeFunding([loadFunding(page('b.json', records.slice(30))), loadFunding(page('a.json', records.slice(0, 40)))]);
    expect(ba.days.map((d) => [d.day, d.rate, d.hours])).toEqual(ab.days.map((d) => [d.day, d.rate, d.hours]));
  });
  it('an overlapping hour with a different rate is rejected, naming both files', () => {
    const b = records.slice(30).map((r, i) => (i === 5 ? { ...r, fundingRate: '0.5' } : r));
    let err: unknown;
    try {
      mergeFunding([loadFunding(page('a.json', records.slice(0, 40))), loadFunding(page('c.json', b))]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).where).toMatchObject({ file: join(dir, 'c.json'), row: 6, field: 'fundingRate' });
    expect((err as DataError).message).toContain(`${join(dir, 'a.json')} record 36`);
  });
  it('daily files cannot be merged by hour', () => {
    expect(() => mergeFunding([loadFunding(fx('drift-daily.json')), loadFunding(fx('hl-funding.json'))])).toThrow(/daily values only/);
  });
  it('dnh data align accepts --funding twice', async () => {
    const io = { outText: '', out: (t: string) => void (io.outText += t), err: () => {}, isTty: false };
    const code = await runCli(['data', 'align', '--prices', fx('hl-candles.json'), '--funding', page('a.json', records.slice(0, 40)), '--funding', page('b.json', records.slice(30)),
      '--lend', fx('defillama-sol.json'), '--borrow', fx('defillama-usdc.json')], io as CliIo);
    expect(code).toBe(0);
    const whole = { outText: '', out: (t: string) => void (whole.outText += t), err: () => {}, isTty: false };
    await runCli(['data', 'align', '--prices', fx('hl-candles.json'), '--funding', fx('hl-funding.json'), '--lend', fx('defillama-sol.json'), '--borrow', fx('defillama-usdc.json')], whole as CliIo);
    expect(io.outText).toBe(whole.outText);
  });
});
