/**
 * Each venue loader parses a real-format fixture (fixtures/venues, values chosen by hand in
 * make-fixtures.mjs) to the values stated there, derived by hand: sums of the hourly rates the
 * script writes, percent / 100, the typed candle prices.
 */
import { describe, expect, it } from 'vitest';
import { repoPath } from '../../../engine/paths.js';
import { parseIsoDay } from '../../../engine/data/dates.js';
import { loadFunding, loadPrices, loadRates } from '../../../engine/venues-data/detect.js';

const fx = (name: string) => repoPath('fixtures', 'venues', name);
const day = (iso: string) => parseIsoDay(iso)!;

describe('Hyperliquid', () => {
  it('candleSnapshot: four daily candles with the typed prices', () => {
    const l = loadPrices(fx('hl-candles.json'));
    expect(l.format).toBe('hyperliquid candleSnapshot');
    expect(l.days.map((d) => d.day)).toEqual([day('2025-01-17'), day('2025-01-18'), day('2025-01-19'), day('2025-01-20')]);
    expect(l.days[1]).toMatchObject({ open: 219.51, high: 271.18, low: 217.22, close: 262.2 });
    expect(l.days[1]!.endMs).toBe((day('2025-01-19')) * 86_400_000 - 1);
  });
  it('fundingHistory: hourly rates summed per UTC day, with the hour counts', () => {
    const l = loadFunding(fx('hl-funding.json'));
    expect(l.format).toBe('hyperliquid fundingHistory');
    expect(l.days.map((d) => d.hours)).toEqual([4, 24, 24, 11]);
    const expected = [4 * 0.0000125, 12 * 0.00002 + 12 * 0.0000125, 24 * -0.00001, 11 * 0.0000125];
    l.days.forEach((d, i) => expect(d.rate).toBeCloseTo(expected[i]!, 17));
    expect(l.days[0]!.day).toBe(day('2025-01-17'));
    expect(l.lastMs).toBe(day('2025-01-20') * 86_400_000 + 10 * 3_600_000 + (62 % 7) * 13);
  });
});

describe('Drift', () => {
  it('raw records at integer precisions: fundingRate/1e9 divided by oraclePriceTwap/1e6', () => {
    const l = loadFunding(fx('drift-records.json'));
    expect(l.format).toBe('drift funding records (integer precisions)');
    expect(l.days.map((d) => [d.day, d.hours])).toEqual([[day('2025-01-18'), 24], [day('2025-01-19'), 24]]);
    expect(l.days[0]!.rate).toBeCloseTo(24 * (0.002 / 200), 17);
    expect(l.days[1]!.rate).toBeCloseTo(24 * (-0.005 / 250), 17);
  });
  it('the same records de-scaled (Data API decimals) give the same daily rates', () => {
    const a = loadFunding(fx('drift-records.json'));
    const b = loadFunding(fx('drift-records-decimal.json'));
    expect(b.format).toBe('drift funding records (decimal)');
    b.days.forEach((d, i) => expect(d.rate).toBeCloseTo(a.days[i]!.rate, 18));
  });
  it('daily {date, rate, n_records} files are read as they are', () => {
    const l = loadFunding(fx('drift-daily.json'));
    expect(l.days.map((d) => [d.rate, d.hours])).toEqual([[-0.0001, 24], [-0.0000785, 24], [-0.000427, 24], [0.0002, 16]]);
  });
});

describe('DefiLlama chartLendBorrow', () => {
  it('apyBase / apyBaseBorrow in percent become annual fractions, keyed by the UTC date', () => {
    const lend = loadRates(fx('defillama-sol.json'), 'apyBase');
    const borrow = loadRates(fx('defillama-usdc.json'), 'apyBaseBorrow');
    expect(lend.days.map((d) => d.day)).toEqual([day('2025-01-17'), day('2025-01-18'), day('2025-01-19'), day('2025-01-20')]);
    // 21.86183 / 100 is the double printed 0.21861830000000002 (shared/data/README.md says so too).
    expect(lend.days[3]!.apy).toBe(0.21861830000000002);
    // 10.62 / 100 in doubles is 0.10619999999999999 (not the literal 0.1062): the study divided the same way.
    expect(borrow.days[1]!.apy).toBe(0.10619999999999999);
    expect(lend.lastMs).toBe(day('2025-01-20') * 86_400_000 + 12 * 3_600_000 + 60_000 + 926);
  });
});

describe('Binance klines CSV', () => {
  it('with a header and ISO times', () => {
    const l = loadPrices(fx('binance-klines.csv'));
    expect(l.format).toBe('binance klines csv');
    expect(l.days[1]).toMatchObject({ day: day('2025-01-18'), open: 219.52, high: 270.67, low: 217.29, close: 261.97 });
    expect(l.days[3]!.endMs).toBe(day('2025-01-21') * 86_400_000 - 1);
  });
  it('headerless 12-column layout (ms) gives the same candles', () => {
    const a = loadPrices(fx('binance-klines.csv'));
    const b = loadPrices(fx('binance-klines-vision.csv'));
    expect(b.days.map(({ record: _r, ...c }) => c)).toEqual(a.days.map(({ record: _r, ...c }) => c));
  });
});
