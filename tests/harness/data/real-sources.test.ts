/**
 * Real venue files from ../shared/data/real (used by path, never copied): aligning the study's
 * Hyperliquid and Drift sources reproduces `sol-hl-study.csv` and `sol-drift-study.csv` row for row
 * (bit-identical doubles), with the two partial days the data README names flagged; the Binance spot
 * klines load with the prices PROVENANCE.md quotes; both Binance layouts load.
 * Needs ../shared; a separate test always runs and says so when it is absent.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCanonicalCsv } from '../../../engine/data/csv.js';
import { sharedDir } from '../../../engine/paths.js';
import { alignVenueData } from '../../../engine/venues-data/align.js';
import { loadFunding, loadPrices, loadRates } from '../../../engine/venues-data/detect.js';
import { mergeFunding } from '../../../engine/venues-data/merge.js';

const shared = sharedDir();
const real = (...p: string[]) => join(shared ?? '', 'data', 'real', ...p);
const basis = (f: string) => real('joasgard__Basisfeasibility', 'data', f);

describe('real venue files (../shared)', () => {
  it('reports whether ../shared is present', () => {
    const message = shared ? `real-data tests run against ${shared}` : 'not run: ../shared absent (real venue-data tests need ../shared/data/real)';
    console.log(message);
    expect(message.length).toBeGreaterThan(0);
  });

  it.runIf(shared)('Hyperliquid candles + fundingHistory + DefiLlama reproduce sol-hl-study.csv exactly', () => {
    const { rows, coverage } = alignVenueData({
      prices: loadPrices(basis('sol_daily_candles.json')),
      funding: loadFunding(basis('sol_funding_history.json')),
      lend: loadRates(basis('kamino_sol_lending_rates.json'), 'apyBase'),
      borrow: loadRates(basis('kamino_usdc_borrowing_rates.json'), 'apyBaseBorrow'),
    });
    expect(rows).toEqual(loadCanonicalCsv(join(shared!, 'data', 'sol-hl-study.csv')));
    expect(coverage.rows).toBe(410);
    expect(coverage.partial.map((p) => p.date)).toEqual(['2024-12-31', '2026-02-13']);
    expect(coverage.partial[0]!.reasons).toEqual(['funding from 4 of 24 hours']);
    expect(coverage.partial[1]!.reasons[0]).toBe('funding from 11 of 24 hours');
    expect(coverage.partial[1]!.reasons[1]).toMatch(/candle is the last of its file/);
  });

  it.runIf(shared)('Drift daily funding reproduces sol-drift-study.csv exactly; its 16-record day is flagged', () => {
    const { rows, coverage } = alignVenueData({
      prices: loadPrices(basis('sol_daily_candles.json')),
      funding: loadFunding(basis('drift_sol_funding_history.json')),
      lend: loadRates(basis('kamino_sol_lending_rates.json'), 'apyBase'),
      borrow: loadRates(basis('kamino_usdc_borrowing_rates.json'), 'apyBaseBorrow'),
    });
    expect(rows).toEqual(loadCanonicalCsv(join(shared!, 'data', 'sol-drift-study.csv')));
    expect(coverage.partial.map((p) => [p.date, p.reasons[0]])).toEqual([['2026-02-13', 'funding from 16 of 24 hours']]);
  });

  it.runIf(shared)('Binance spot klines: the prices PROVENANCE.md quotes', () => {
    const l = loadPrices(real('jirayuwannagul-tech__wave-structure-engine', 'data', 'SOLUSDT_1d.csv'));
    expect(l.days).toHaveLength(730);
    const jan18 = l.days.find((d) => d.day === 20106)!; // 2025-01-18
    expect(jan18).toMatchObject({ open: 219.52, high: 270.67, low: 217.29, close: 261.97 });
  });

  it.runIf(shared)('Binance perp klines (ms timestamps, header "timestamp"): the prices PROVENANCE.md quotes', () => {
    const l = loadPrices(real('silertrades__gravestone-data', 'data', '1d', 'SOLUSDT.csv'));
    expect(l.days).toHaveLength(800);
    expect(l.days.find((d) => d.day === 20106)).toMatchObject({ high: 270.7, close: 261.9 }); // 2025-01-18
  });

  it.runIf(shared)('Binance spot klines + HL funding (freqtrade feather, LZ4) merged with the HL JSON + DefiLlama reproduce sol-binance-hl-2024-12-01.csv', () => {
    const feather = real('hippocritical__freqtrade_hyperliquid_download-data', 'user_data', 'data', 'hyperliquid', 'futures', 'SOL_USDC_USDC-1h-funding_rate.feather');
    const { rows, coverage } = alignVenueData({
      prices: loadPrices(real('jirayuwannagul-tech__wave-structure-engine', 'data', 'SOLUSDT_1d.csv')),
      funding: mergeFunding([loadFunding(feather), loadFunding(basis('sol_funding_history.json'))]),
      lend: loadRates(basis('kamino_sol_lending_rates.json'), 'apyBase'),
      borrow: loadRates(basis('kamino_usdc_borrowing_rates.json'), 'apyBaseBorrow'),
      from: '2024-12-01',
      to: '2026-02-12',
    });
    expect(rows).toEqual(loadCanonicalCsv(join(shared!, 'data', 'sol-binance-hl-2024-12-01.csv')));
    expect(coverage.partial).toEqual([]);
  });

  it.runIf(shared)('freqtrade 1d candles feather: the Hyperliquid candle PROVENANCE.md quotes', () => {
    const l = loadPrices(real('hippocritical__freqtrade_hyperliquid_download-data', 'user_data', 'data', 'hyperliquid', 'futures', 'SOL_USDC_USDC-1d-futures.feather'));
    expect(l.format).toBe('freqtrade daily candles feather');
    expect(l.days.find((d) => d.day === 20106)).toMatchObject({ open: 219.51, high: 271.18, low: 217.22, close: 262.2 }); // 2025-01-18
  });

  it.runIf(shared)('8-hourly Binance funding feather: 3 records make a complete day', () => {
    const l = loadFunding(real('tamilsanmia__freqtrade-new-config', 'user_data', 'data', 'binance', 'futures', 'SOL_USDT_USDT-8h-funding_rate.feather'));
    expect(l.perDay).toBe(3);
    // PROVENANCE.md: 2025-01-18 rates 0.0001, 0.00001883, 0.00005671.
    const jan18 = l.days.find((d) => d.day === 20106)!;
    expect(jan18.hours).toBe(3);
    expect(jan18.rate).toBeCloseTo(0.0001 + 0.00001883 + 0.00005671, 15);
  });
});
