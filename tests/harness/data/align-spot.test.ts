/**
 * `dnh data align --spot FILE` (MODEL.md 10.2): the spot candles of a Binance klines CSV or a
 * freqtrade daily feather become the spot_* columns day by day (values from the fixtures), the
 * coverage report lists the spot source, the output loads back with the spot fields, and a spot day
 * missing inside the window is a DataError naming the file and the date.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCanonicalCsv } from '../../../engine/data/csv.js';
import { DataError } from '../../../engine/errors.js';
import { repoPath } from '../../../engine/paths.js';
import { alignVenueData } from '../../../engine/venues-data/align.js';
import { loadFunding, loadPrices, loadRates } from '../../../engine/venues-data/detect.js';
import { cli } from '../../helpers/cli.js';

const fx = (name: string) => repoPath('fixtures', 'venues', name);
const base = () => ({
  prices: loadPrices(fx('hl-candles.json')),
  funding: loadFunding(fx('hl-funding.json')),
  lend: loadRates(fx('defillama-sol.json'), 'apyBase'),
  borrow: loadRates(fx('defillama-usdc.json'), 'apyBaseBorrow'),
});

describe('data align --spot', () => {
  it('writes Binance klines as the spot columns, day by day', async () => {
    const r = await cli('data', 'align', '--prices', fx('hl-candles.json'), '--funding', fx('hl-funding.json'), '--lend', fx('defillama-sol.json'), '--borrow', fx('defillama-usdc.json'), '--spot', fx('binance-klines.csv'));
    expect(r.code).toBe(0);
    const rows = parseCanonicalCsv(r.out, 'stdout');
    expect(rows[0]).toMatchObject({ date: '2025-01-17', open: 203.21, spotOpen: 203.22, spotHigh: 225.68, spotLow: 201.5, spotClose: 219.51 });
    expect(rows[1]).toMatchObject({ date: '2025-01-18', spotOpen: 219.52, spotHigh: 270.67, spotLow: 217.29, spotClose: 261.97 });
    expect(r.err).toMatch(/spot\s+2025-01-17 \.\./);
    // Without --spot the same command writes no spot columns.
    const plain = await cli('data', 'align', '--prices', fx('hl-candles.json'), '--funding', fx('hl-funding.json'), '--lend', fx('defillama-sol.json'), '--borrow', fx('defillama-usdc.json'));
    expect(plain.out.split('\n')[0]).toBe('date,open,high,low,close,funding,lend_apy,borrow_apy');
  });

  it('takes a freqtrade daily feather as spot (here the HL candles as a feather: spot = perp)', () => {
    const { rows } = alignVenueData({ ...base(), spot: loadPrices(fx('hl-1d-futures.feather')) });
    for (const r of rows) expect([r.spotOpen, r.spotHigh, r.spotLow, r.spotClose]).toEqual([r.open, r.high, r.low, r.close]);
  });

  it('a spot day missing inside the window is a DataError naming the spot file and the date', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnh-spot-'));
    const lines = readFileSync(fx('binance-klines.csv'), 'utf8').trim().split('\n');
    const gap = join(dir, 'klines-gap.csv');
    writeFileSync(gap, [lines[0], lines[1], lines[3], lines[4]].join('\n') + '\n');
    let err: unknown;
    try {
      alignVenueData({ ...base(), spot: loadPrices(gap), from: '2025-01-17', to: '2025-01-20' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataError);
    expect((err as Error).message).toContain('klines-gap.csv');
    expect((err as Error).message).toContain('2025-01-18');
    expect((err as Error).message).toMatch(/spot: day missing/);
  });
});
