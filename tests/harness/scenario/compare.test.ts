/**
 * The realism checks of `dnh scenario fit`: the exact Poisson interval against published chi-square
 * values, and each kind of tolerance failing just beyond its bound and passing inside it.
 */
import { describe, expect, it } from 'vitest';
import { realismRows, REALISM_CHECKS, type SeriesStats } from '../../../harness/scenario/compare.js';
import { poissonInterval } from '../../../harness/scenario/poisson.js';

const base: SeriesStats = {
  returnSd: 0.045,
  tailShare: 0.005,
  meanRange: 0.068,
  upWick: 0.016,
  downWick: 0.019,
  upWickP99: 0.057,
  downWickP99: 0.1,
  flashPer1000: 1000 / 410,
  fundingMean: 1e-4,
  fundingNegative: 0.27,
  fundingFlips: 0.17,
  fundingAc1: 0.69,
  fundingAc7: 0.2,
  lendMean: 0.052,
  borrowMean: 0.067,
  borrowMax: 0.17,
  borrowAbove15: 0.046,
};

const verdict = (gen: Partial<SeriesStats>, statistic: string, data: Partial<SeriesStats> = {}): boolean =>
  realismRows({ ...base, ...data }, { ...base, ...gen }, 410).find((r) => r.statistic === statistic)!.pass;

describe('realism checks', () => {
  it('Poisson 95% intervals are the exact (Garwood) ones: chi-square quantiles / 2', () => {
    // 0.5*chi2(0.975; 2) = 3.6889, 0.5*chi2(0.025; 2) = 0.0253, 0.5*chi2(0.975; 4) = 5.5716,
    // 0.5*chi2(0.025; 20) = 4.7954, 0.5*chi2(0.975; 22) = 18.3904 (standard tables).
    const [l0, u0] = poissonInterval(0);
    expect(l0).toBe(0);
    expect(u0).toBeCloseTo(3.6889, 3);
    const [l1, u1] = poissonInterval(1);
    expect(l1).toBeCloseTo(0.0253, 4);
    expect(u1).toBeCloseTo(5.5716, 3);
    const [l10, u10] = poissonInterval(10);
    expect(l10).toBeCloseTo(4.7954, 3);
    expect(u10).toBeCloseTo(18.3904, 3);
  });

  it('every item passes on identical statistics', () => {
    const rows = realismRows(base, base, 410);
    expect(rows).toHaveLength(REALISM_CHECKS.length);
    expect(rows.every((r) => r.pass)).toBe(true);
  });

  it('abs, rel and abs-or-rel tolerances fail just beyond their bound', () => {
    expect(verdict({ fundingNegative: 0.27 + 0.049 }, 'fundingNegative')).toBe(true);
    expect(verdict({ fundingNegative: 0.27 + 0.051 }, 'fundingNegative')).toBe(false);
    expect(verdict({ fundingAc7: 0.2 - 0.099 }, 'fundingAc7')).toBe(true);
    expect(verdict({ fundingAc7: 0.2 - 0.101 }, 'fundingAc7')).toBe(false);
    expect(verdict({ downWick: 0.019 * 1.14 }, 'downWick')).toBe(true);
    expect(verdict({ downWick: 0.019 * 1.16 }, 'downWick')).toBe(false);
    // P(borrow > 15%): 2 points, or 25% of the data when that is larger.
    expect(verdict({ borrowAbove15: 0.046 + 0.019 }, 'borrowAbove15')).toBe(true);
    expect(verdict({ borrowAbove15: 0.046 + 0.021 }, 'borrowAbove15')).toBe(false);
    expect(verdict({ borrowAbove15: 0.2 + 0.049 }, 'borrowAbove15', { borrowAbove15: 0.2 })).toBe(true);
    expect(verdict({ borrowAbove15: 0.2 + 0.051 }, 'borrowAbove15', { borrowAbove15: 0.2 })).toBe(false);
  });

  it('the wick ratio must stay above 1 when the data is asymmetric', () => {
    expect(verdict({ downWick: 0.0161 }, 'downWick/upWick', { downWick: 0.0162 })).toBe(true); // 1.006 vs 1.0125
    expect(verdict({ downWick: 0.016 }, 'downWick/upWick', { downWick: 0.0162 })).toBe(false); // symmetric: fails
    expect(verdict({ downWick: 0.0155 }, 'downWick/upWick', { downWick: 0.0156 })).toBe(true); // data < 1: no side asked
  });

  it('flash wicks: inside the Poisson interval, and above 0 when the data has one', () => {
    // One day in 410: interval [0.0253, 5.57] / 410 days, per 1,000: [0.062, 13.6].
    expect(verdict({ flashPer1000: 0.07 }, 'flashPer1000')).toBe(true);
    expect(verdict({ flashPer1000: 0.05 }, 'flashPer1000')).toBe(false);
    expect(verdict({ flashPer1000: 13.5 }, 'flashPer1000')).toBe(true);
    expect(verdict({ flashPer1000: 13.7 }, 'flashPer1000')).toBe(false);
    expect(verdict({ flashPer1000: 0 }, 'flashPer1000')).toBe(false);
    // No flash day in the data: 0 is fine, up to 3.69/410 per day.
    expect(verdict({ flashPer1000: 0 }, 'flashPer1000', { flashPer1000: 0 })).toBe(true);
    expect(verdict({ flashPer1000: 9.1 }, 'flashPer1000', { flashPer1000: 0 })).toBe(false);
  });
});
