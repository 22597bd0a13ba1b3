/**
 * Properties of the hourly funding path, on seeded random Hyperliquid histories (hours dropped at
 * random, a few ms to 15 min of jitter after each hour): the daily sums and hour counts equal an
 * independent computation keyed by `Date#toISOString()` dates, and any split into two overlapping pages
 * merges back to the same days. fast-check prints the seed and path of any failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHlFundingHistory } from '../../../engine/venues-data/hyperliquid.js';
import { mergeFunding } from '../../../engine/venues-data/merge.js';

const SEED = 20_250_118;
const START = Date.UTC(2025, 0, 17, 5); // 05:00 on 2025-01-17: a partial first day

const history = fc
  .array(fc.record({ keep: fc.boolean(), rate: fc.integer({ min: -20_000, max: 20_000 }), jitter: fc.integer({ min: 0, max: 900_000 }) }), { minLength: 1, maxLength: 24 * 4 })
  .map((hours) => hours.flatMap((h, i) => (h.keep || i === 0 ? [{ coin: 'SOL', fundingRate: (h.rate / 1e9).toString(), premium: '0', time: START + i * 3_600_000 + h.jitter }] : [])));

function independentDays(recs: { fundingRate: string; time: number }[]): [string, number, number][] {
  const out: [string, number, number][] = [];
  for (const r of recs) {
    const date = new Date(r.time).toISOString().slice(0, 10);
    const last = out[out.length - 1];
    if (last && last[0] === date) {
      last[1] += Number(r.fundingRate);
      last[2]++;
    } else out.push([date, Number(r.fundingRate), 1]);
  }
  return out;
}

describe('hourly funding (seeded properties)', () => {
  it('daily sums and hour counts match an independent grouping by ISO date', () => {
    fc.assert(
      fc.property(history, (recs) => {
        const l = parseHlFundingHistory(JSON.stringify(recs), 'h.json');
        const got = l.days.map((d) => [new Date(d.day * 86_400_000).toISOString().slice(0, 10), d.rate, d.hours]);
        expect(got).toEqual(independentDays(recs));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
  it('two overlapping pages merge back to the whole history', () => {
    fc.assert(
      fc.property(history, fc.nat(), fc.nat(), (recs, a, b) => {
        const cut = a % recs.length;
        const overlap = 1 + (b % 10);
        const whole = parseHlFundingHistory(JSON.stringify(recs), 'w.json');
        const merged = mergeFunding([
          parseHlFundingHistory(JSON.stringify(recs.slice(cut)), 'b.json'),
          parseHlFundingHistory(JSON.stringify(recs.slice(0, Math.min(recs.length, cut + overlap))), 'a.json'),
        ]);
        expect(merged.days.map((d) => [d.day, d.rate, d.hours])).toEqual(whole.days.map((d) => [d.day, d.rate, d.hours]));
      }),
      { seed: SEED + 1, numRuns: 200 },
    );
  });
});
