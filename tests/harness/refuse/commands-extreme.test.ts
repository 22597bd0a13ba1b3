/**
 * Issue 8 findings on single commands: `paper` threw RangeError / BigInt(Infinity) on prices below
 * 5e-7, funding of 1e300 and an hourly APY of -5; `study` threw a TypeError on tiny prices;
 * `scenario generate` wrote rows of Infinity with exit 0; `data align` accepted an ETH candle file
 * with SOL funding and a funding block in percent instead of fractions. Each is now a one-line
 * refusal (exit 1 bad data, 2 bad flag or parameter), never a stack trace, never a row of Infinity.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../../../engine/paths.js';
import { cli } from '../../helpers/cli.js';
import { canonicalCsv, hourlyCsv, oneLine, tempDir, write } from './files.js';

const dir = tempDir();
const fx = (name: string) => repoPath('fixtures', 'venues', name);

describe('paper never throws on extreme inputs', () => {
  it.each([
    ['daily prices of 1e-7', () => write(dir, 'p-tiny.csv', canonicalCsv(30, () => ({ open: '1e-7', high: '1.1e-7', low: '0.9e-7', close: '1e-7' }))), '--data'],
    ['daily funding of 1e300', () => write(dir, 'p-fund.csv', canonicalCsv(30, () => ({ funding: '1e300' }))), '--data'],
    ['hourly APY of -5', () => write(dir, 'p-apy.csv', hourlyCsv(48, () => ({ borrow: '-5' }))), '--hourly'],
    ['hourly funding of -1e300', () => write(dir, 'p-hfund.csv', hourlyCsv(48, () => ({ funding: '-1e300' }))), '--hourly'],
  ])('%s: exit 1 naming the field, no stack trace', async (_name, make, flag) => {
    const r = await cli('paper', flag, make(), '--json');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/field (open|high|low|close|price|funding|borrow_apy)/);
    expect(oneLine(r.err)).toBe(true);
  });
});

describe('study never throws on tiny prices', () => {
  it('prices of 1e-305 are exit 1 naming the field', async () => {
    const f = write(dir, 's-tiny.csv', canonicalCsv(30, () => ({ open: '1e-305', high: '1.01e-305', low: '0.99e-305', close: '1e-305' })));
    const r = await cli('study', '--hl', f, '--drift', f);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/field open/);
    expect(oneLine(r.err)).toBe(true);
  });
});

describe('scenario generate never writes Infinity', () => {
  it('a drift of 1/day over 1000 days is refused, and --out is not written', async () => {
    const params = write(dir, 'gp.json', JSON.stringify({ price: { drift: 1 }, days: 1000 }));
    const out = join(dir, 'gen.csv');
    const r = await cli('scenario', 'generate', '--params', params, '--out', out);
    expect([1, 2]).toContain(r.code);
    expect(r.out).not.toMatch(/Infinity/);
    expect(existsSync(out)).toBe(false);
    expect(oneLine(r.err)).toBe(true);
  });
  it('a start price of 1e-300 is refused naming startPrice', async () => {
    const params = write(dir, 'gp2.json', JSON.stringify({ startPrice: 1e-300 }));
    const r = await cli('scenario', 'generate', '--params', params);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/startPrice/);
  });
  it('the defaults still generate a valid finite path', async () => {
    const r = await cli('scenario', 'generate', '--days', '50');
    expect(r.code, r.err).toBe(0);
    expect(r.out).not.toMatch(/Infinity|NaN/);
  });
});

describe('data align refuses mixed assets and percent funding', () => {
  const base = ['--lend', fx('defillama-sol.json'), '--borrow', fx('defillama-usdc.json')];
  it('ETH candles with SOL funding are refused naming both files and the assets', async () => {
    const eth = write(dir, 'eth-candles.json', readFileSync(fx('hl-candles.json'), 'utf8').replace(/"s":"SOL"/g, '"s":"ETH"'));
    const r = await cli('data', 'align', '--prices', eth, '--funding', fx('hl-funding.json'), ...base);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/ETH/);
    expect(r.err).toMatch(/SOL/);
    expect(r.err).toContain('eth-candles.json');
    expect(r.out).toBe('');
  });
  it('a Binance file named for ETH with SOL funding is refused', async () => {
    const eth = write(dir, 'ETHUSDT-1d.csv', readFileSync(fx('binance-klines.csv'), 'utf8'));
    const r = await cli('data', 'align', '--prices', eth, '--funding', fx('hl-funding.json'), ...base);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/ETH/);
  });
  it('a funding block in percent (100x the rest) is refused naming the file and dates', async () => {
    // 28 days of hourly HL funding, the last 14 in percent (x100).
    const t0 = Date.UTC(2025, 0, 17);
    const recs = Array.from({ length: 28 * 24 }, (_, h) => ({ coin: 'SOL', fundingRate: String((h < 14 * 24 ? 1.25e-5 : 1.25e-3) * (1 + (h % 7) / 10)), premium: '0', time: t0 + h * 3_600_000 }));
    const funding = write(dir, 'pct-funding.json', JSON.stringify(recs));
    const r = await cli('data', 'align', '--prices', fx('hl-candles.json'), '--funding', funding, ...base);
    expect(r.code).toBe(1);
    expect(r.err).toContain('pct-funding.json');
    expect(r.err).toMatch(/percent/);
    expect(r.err).toMatch(/2025-01-31/);
  });
});
