/**
 * Issue 8, rule 2, data files: the canonical CSV and the hourly CSV read numbers with one strict
 * decimal grammar (`0xDA`, `0b1`, `0o0`, `1_000`, `+1`, `.5` were accepted or half-accepted), years
 * before 1970 are refused (0000-0099 became 1900-1999 through Date.UTC), values outside the
 * plausibility bounds of docs/bounds.md are refused naming file, row, date and field, and the hourly
 * CSV is as strict as the daily one (an empty field was read as 0, a borrow APY of -1 was accepted).
 */
import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../../engine/data/dates.js';
import { cli } from '../../helpers/cli.js';
import { canonicalCsv, hourlyCsv, oneLine, tempDir, write } from './files.js';

const dir = tempDir();

describe('canonical CSV: strict decimals', () => {
  it.each(['0xDA', '0b1', '0o0', '1_000', '+100', '.5', '100.', 'Infinity', '1e999', '0x1p3'])('open "%s" is refused naming row, date and field', async (v) => {
    const f = write(dir, `num-${v.replace(/\W/g, '_')}.csv`, canonicalCsv(5, (i) => (i === 2 ? { open: v } : {})));
    const r = await cli('backtest', '--data', f, '--json');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/row 4, date 2025-01-03, field open/);
    expect(oneLine(r.err)).toBe(true);
  });
  it('exponents and negative funding stay accepted', async () => {
    const f = write(dir, 'exp.csv', canonicalCsv(5, () => ({ funding: '-5e-05', lend: '5E-2' })));
    const r = await cli('backtest', '--data', f, '--json');
    expect(r.code, r.err).toBe(0);
  });
});

describe('dates: years before 1970 are refused, never shifted by a century', () => {
  it('parseIsoDay refuses 0025-01-01 and 1969-12-31, keeps 1970-01-01 as day 0', () => {
    expect(parseIsoDay('0025-01-01')).toBeNull();
    expect(parseIsoDay('0099-12-31')).toBeNull();
    expect(parseIsoDay('1969-12-31')).toBeNull();
    expect(parseIsoDay('1970-01-01')).toBe(0);
    expect(parseIsoDay('2025-01-01')).toBe(20_089);
  });
  it('a CSV dated 0025 is refused naming the date field', async () => {
    const f = write(dir, 'y0025.csv', canonicalCsv(5, (i) => ({ date: `0025-01-0${i + 1}` })));
    const r = await cli('backtest', '--data', f, '--json');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/row 2, date 0025-01-01, field date/);
    expect(r.err).toMatch(/1970/);
  });
});

describe('canonical CSV: plausibility bounds', () => {
  it.each([
    ['open', { open: '1e-305', low: '1e-305' }, 'open'],
    ['a price of 1e12', { high: '1e12' }, 'high'],
    ['lend APY 1e308', { lend: '1e308' }, 'lend_apy'],
    ['borrow APY 1e308', { borrow: '1e308' }, 'borrow_apy'],
    ['borrow APY -0.5', { borrow: '-0.5' }, 'borrow_apy'],
    ['funding 1e300', { funding: '1e300' }, 'funding'],
    ['funding -2', { funding: '-2' }, 'funding'],
  ])('%s is refused naming the field', async (_name, patch, field) => {
    const f = write(dir, `b-${field}-${Object.values(patch)[0]}.csv`, canonicalCsv(5, (i) => (i === 1 ? patch : {})));
    const r = await cli('backtest', '--data', f, '--json');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`row 3, date 2025-01-02, field ${field}`);
    expect(r.err).toMatch(/docs\/bounds\.md/);
  });
  it('prices of ~1e-305 (a null finalEquity before) are exit 1, not a result', async () => {
    const f = write(dir, 'tiny.csv', canonicalCsv(30, () => ({ open: '1e-305', high: '1.01e-305', low: '0.99e-305', close: '1e-305' })));
    const r = await cli('backtest', '--data', f, '--json');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
  });
});

describe('hourly CSV (paper --hourly) is as strict as the daily one', () => {
  it.each([
    ['an empty funding field', { funding: '' }, 'funding'],
    ['an empty price', { price: '' }, 'price'],
    ['a borrow APY of -1', { borrow: '-1' }, 'borrow_apy'],
    ['a lend APY of -5', { lend: '-5' }, 'lend_apy'],
    ['a hex price', { price: '0x96' }, 'price'],
    ['a price below the floor', { price: '1e-7' }, 'price'],
    ['funding of 1e300', { funding: '1e300' }, 'funding'],
  ])('%s is refused naming row, date and field', async (_name, patch, field) => {
    const f = write(dir, `h-${field}-${Object.values(patch)[0]}.csv`, hourlyCsv(48, (h) => (h === 5 ? patch : {})));
    const r = await cli('paper', '--hourly', f, '--json');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`row 7, date 2025-05-01, field ${field}`);
    expect(oneLine(r.err)).toBe(true);
  });
  it('a row with a missing column is refused (not read as 0)', async () => {
    const text = hourlyCsv(48).split('\n');
    text[6] = text[6]!.split(',').slice(0, 4).join(',');
    const f = write(dir, 'h-short.csv', text.join('\n'));
    const r = await cli('paper', '--hourly', f, '--json');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/row 7/);
  });
});

describe('sweep and study on implausible prices (sweep showed NaN, study threw)', () => {
  it('sweep on prices of ~1e-305 is exit 1 naming the field, never a NaN in the summary', async () => {
    const f = write(dir, 'sweep-tiny.csv', canonicalCsv(30, () => ({ open: '1e-305', high: '1.01e-305', low: '0.99e-305', close: '1e-305' })));
    const r = await cli('sweep', '--data', f, '--leverage', '2,3', '--trigger', '4,6');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/row 2, date 2025-01-01, field open: must lie in/);
  });
  it('spot columns are bounded like the prices', async () => {
    const text = canonicalCsv(5).split('\n').filter(Boolean).map((l, i) => l + (i === 0 ? ',spot_open,spot_high,spot_low,spot_close' : i === 3 ? ',100,101,99,1e-9' : ',100,101,99,100')).join('\n') + '\n';
    const f = write(dir, 'spot-tiny.csv', text);
    const r = await cli('backtest', '--data', f, '--json');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/row 4, date 2025-01-03, field spot_(low|close)/);
  });
});
