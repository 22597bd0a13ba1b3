/**
 * freqtrade feather files: the fixture funding file (the 63 hours of hl-funding.json, rate in `open`)
 * gives the hand-derived daily sums and hour counts; the daily candle file gives the typed candles;
 * a funding file offered as prices (and the reverse) and a truncated file are rejected naming the file.
 * The LZ4-compressed real files are tested in tests/harness/data/real-sources.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../engine/errors.js';
import { repoPath } from '../../../engine/paths.js';
import { loadFunding, loadPrices } from '../../../engine/venues-data/detect.js';
import { isFeather, parseFreqtradeFeather } from '../../../engine/venues-data/feather.js';

const fx = (name: string) => repoPath('fixtures', 'venues', name);

describe('freqtrade feather', () => {
  it('funding file: hourly rates summed per UTC day, 24 records a day', () => {
    const l = loadFunding(fx('hl-funding-1h.feather'));
    expect(l.format).toBe('freqtrade funding feather (1 h)');
    expect(l.perDay).toBe(24);
    expect(l.days.map((d) => d.hours)).toEqual([4, 24, 24, 11]);
    const expected = [4 * 0.0000125, 12 * 0.00002 + 12 * 0.0000125, 24 * -0.00001, 11 * 0.0000125];
    l.days.forEach((d, i) => expect(d.rate).toBeCloseTo(expected[i]!, 17));
  });
  it('daily candle file: the typed candles', () => {
    const l = loadPrices(fx('hl-1d-futures.feather'));
    expect(l.days[1]).toMatchObject({ open: 219.51, high: 271.18, low: 217.22, close: 262.2 });
    expect(l.days).toHaveLength(4);
  });
  it('the wrong role or a truncated file is a DataError naming the file', () => {
    expect(() => loadPrices(fx('hl-funding-1h.feather'))).toThrow(DataError);
    expect(() => loadFunding(fx('hl-1d-futures.feather'))).toThrow(/holds candles/);
    const bytes = readFileSync(fx('hl-funding-1h.feather'));
    expect(isFeather(bytes)).toBe(true);
    expect(() => parseFreqtradeFeather(bytes.subarray(0, 200), 'cut.feather')).toThrow(/^cut\.feather/);
  });
});
