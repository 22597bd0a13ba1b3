/**
 * Properties of the scenario generator: every path is a valid canonical series with consistent
 * OHLC and rates inside their bounds; the same seed gives the same bytes, different seeds differ;
 * the funding process flips sign and persists; regimes and jumps show in the returns.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateRows } from '../../../engine/data/rows.js';
import { generatePath } from '../../../harness/scenario/generator.js';
import { resolveGeneratorParams, type GeneratorOverrides } from '../../../harness/scenario/params.js';
import { deriveSeed, makeRng, scenarioRng } from '../../../harness/scenario/rng.js';

const SEED = 20250118;

const overridesArb: fc.Arbitrary<GeneratorOverrides> = fc.record({
  days: fc.integer({ min: 2, max: 120 }),
  startPrice: fc.double({ min: 0.5, max: 5000, noNaN: true }),
  price: fc.record({
    drift: fc.double({ min: -0.01, max: 0.01, noNaN: true }),
    sigma: fc.tuple(fc.double({ min: 0, max: 0.2, noNaN: true }), fc.double({ min: 0, max: 0.3, noNaN: true })),
    stay: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
    jumpProb: fc.double({ min: 0, max: 1, noNaN: true }),
    jumpStd: fc.double({ min: 0, max: 0.5, noNaN: true }),
    gapStd: fc.double({ min: 0, max: 0.1, noNaN: true }),
    rangeScale: fc.double({ min: 0, max: 3, noNaN: true }),
  }),
  borrow: fc.record({
    spikeProb: fc.double({ min: 0, max: 1, noNaN: true }),
    spikeSize: fc.double({ min: 0, max: 5, noNaN: true }),
    max: fc.double({ min: 0.5, max: 3, noNaN: true }),
  }),
  lend: fc.record({ sd: fc.double({ min: 0, max: 0.2, noNaN: true }), max: fc.double({ min: 0.1, max: 1, noNaN: true }) }),
});

describe('generatePath', () => {
  it('always yields valid rows: OHLC consistent, consecutive dates, rates within their bounds', () => {
    fc.assert(
      fc.property(overridesArb, fc.string(), (o, seed) => {
        const p = resolveGeneratorParams(o);
        const rows = generatePath(p, makeRng(seed));
        expect(rows).toHaveLength(p.days);
        validateRows(rows, 'generated'); // throws on any inconsistency (OHLC, dates, finiteness)
        for (const r of rows) {
          expect(r.high).toBeGreaterThanOrEqual(Math.max(r.open, r.close));
          expect(r.low).toBeLessThanOrEqual(Math.min(r.open, r.close));
          expect(r.low).toBeGreaterThan(0);
          expect(r.lendApy).toBeGreaterThanOrEqual(p.lend.min);
          expect(r.lendApy).toBeLessThanOrEqual(p.lend.max);
          expect(r.borrowApy).toBeGreaterThanOrEqual(p.borrow.min);
          expect(r.borrowApy).toBeLessThanOrEqual(p.borrow.max);
        }
        expect(rows[0]!.date).toBe(p.startDate);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('same seed, same path (to the byte); different seeds, different paths', () => {
    fc.assert(
      fc.property(fc.integer(), fc.string(), fc.nat(1000), (suiteSeed, set, index) => {
        const p = resolveGeneratorParams({ days: 30 });
        const a = JSON.stringify(generatePath(p, scenarioRng(suiteSeed, set, index)));
        const b = JSON.stringify(generatePath(p, scenarioRng(suiteSeed, set, index)));
        expect(a).toBe(b);
        const c = JSON.stringify(generatePath(p, scenarioRng(suiteSeed, set, index + 1)));
        const d = JSON.stringify(generatePath(p, scenarioRng(suiteSeed + 1, set, index)));
        expect(c).not.toBe(a);
        expect(d).not.toBe(a);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('derives sub-seeds from (suite seed, set, index) with sha256: a fixed, machine-independent string', () => {
    // Independent derivation: sha256("dnh-scenario/42/mc/3"), computed with `printf 'dnh-scenario/42/mc/3' | sha256sum`.
    expect(deriveSeed(42, 'mc', 3)).toBe('b49d77930e74f3249b5b154ad5561de41f8c2a936e4d287680d3b99108230000');
    expect(deriveSeed(42, 'mc', 3)).not.toBe(deriveSeed(42, 'mc', 4));
    expect(deriveSeed(42, 'mc', 3)).not.toBe(deriveSeed(42, 'md', 3));
  });

  it('funding persists and flips sign; it moves with price', () => {
    const p = resolveGeneratorParams({ days: 5000, funding: { mean: [0.0001, 0.0001], sd: [0.0003, 0.0003], phi: 0.8, slowShare: 0, beta: 0.003 } });
    const rows = generatePath(p, makeRng('funding'));
    const f = rows.map((r) => r.funding);
    let flips = 0;
    for (let t = 1; t < f.length; t++) if (Math.sign(f[t]!) !== Math.sign(f[t - 1]!)) flips++;
    expect(flips).toBeGreaterThan(50);
    expect(corr(f.slice(1), f.slice(0, -1))).toBeGreaterThan(0.5);
    const r = rows.slice(1).map((x, t) => Math.log(x.close / rows[t]!.close));
    expect(corr(f.slice(1), r)).toBeGreaterThan(0.2);
  });

  it('funding regimes: a negative regime makes negative stretches; the slow part carries memory to lag 7', () => {
    const stats = (o: GeneratorOverrides): { neg: number; ac7: number } => {
      const f = generatePath(resolveGeneratorParams({ days: 20000, ...o }), makeRng('regimes')).map((r) => r.funding);
      return { neg: f.filter((x) => x < 0).length / f.length, ac7: corr(f.slice(7), f.slice(0, -7)) };
    };
    const tight = { sd: [0.0001, 0.0001] as [number, number], beta: 0 };
    // Regime means +2 and -2 (in 1e-4) with sd 1: each regime half the time, so about half the days are negative.
    expect(stats({ funding: { ...tight, mean: [0.0002, -0.0002], stay: [0.95, 0.95], slowShare: 0, phi: 0 } }).neg).toBeGreaterThan(0.4);
    expect(stats({ funding: { ...tight, mean: [0.0002, 0.0002], stay: [0.95, 0.95], slowShare: 0, phi: 0 } }).neg).toBeLessThan(0.05);
    // Lag-7 memory: none with iid deviations and one regime; about slowShare*slowPhi^7 with a slow part.
    const one = { ...tight, mean: [0.0002, 0.0002] as [number, number] };
    expect(Math.abs(stats({ funding: { ...one, slowShare: 0, phi: 0.5 } }).ac7)).toBeLessThan(0.05);
    expect(stats({ funding: { ...one, slowShare: 0.5, slowPhi: 0.95, phi: 0.5 } }).ac7).toBeCloseTo(0.5 * 0.95 ** 7, 1);
  });

  it('wicks: down-wicks fatter than up-wicks with downWick > 1, and flash-crash wicks of -30% occur', () => {
    const rows = generatePath(resolveGeneratorParams({ days: 20000 }), makeRng('wicks'));
    const up = rows.map((r) => Math.log(r.high / Math.max(r.open, r.close)));
    const down = rows.map((r) => Math.log(Math.min(r.open, r.close) / r.low));
    expect(mean(down) / mean(up)).toBeGreaterThan(1.1);
    const flashes = rows.filter((r) => r.low <= 0.7 * r.open).length;
    expect(flashes).toBeGreaterThan(5); // defaults: about 1.1 per 1,000 days
    const none = generatePath(resolveGeneratorParams({ days: 20000, price: { flashProb: 0, jumpProb: 0, downWick: 1 } }), makeRng('wicks'));
    expect(none.filter((r) => r.low <= 0.7 * r.open).length).toBe(0);
  });

  it('borrow episodes: an episode lifts the APY by episodeSize and decays by episodeDecay per day', () => {
    const calm = { sd: 0, spikeProb: 0 };
    const rows = generatePath(resolveGeneratorParams({ days: 3000, borrow: { ...calm, episodeProb: 0.002, episodeSize: 0.2, episodeDecay: 0.95 } }), makeRng('episodes'));
    const base = resolveGeneratorParams({}).borrow.mean;
    const excess = rows.map((r) => r.borrowApy - base);
    const starts = excess.map((x, t) => (t > 0 && x - 0.95 * excess[t - 1]! > 0.1 ? t : -1)).filter((t) => t >= 0);
    expect(starts.length).toBeGreaterThan(0);
    for (const t of starts) {
      expect(excess[t]! - 0.95 * excess[t - 1]!).toBeCloseTo(0.2, 12);
      if (t + 1 < rows.length && !starts.includes(t + 1)) expect(excess[t + 1]!).toBeCloseTo(0.95 * excess[t]!, 12);
    }
    const share = rows.filter((r) => r.borrowApy > 0.15).length / rows.length;
    expect(share).toBeGreaterThan(0.01);
  });

  it('volatility clusters under regime switching, and jumps fatten the tails', () => {
    const rets = (o: GeneratorOverrides, seed: string): number[] => {
      const rows = generatePath(resolveGeneratorParams({ days: 20000, ...o }), makeRng(seed));
      return rows.slice(1).map((x, t) => Math.log(x.close / rows[t]!.close));
    };
    const switching = rets({ price: { sigma: [0.02, 0.08], stay: [0.98, 0.95], jumpProb: 0 } }, 'a');
    const abs = switching.map(Math.abs);
    expect(corr(abs.slice(1), abs.slice(0, -1))).toBeGreaterThan(0.1);
    const flat = rets({ price: { sigma: [0.04, 0.04], jumpProb: 0 } }, 'b').map(Math.abs);
    expect(Math.abs(corr(flat.slice(1), flat.slice(0, -1)))).toBeLessThan(0.05);
    const jumpy = rets({ price: { sigma: [0.03, 0.03], jumpProb: 0.05, jumpStd: 0.2 } }, 'c');
    expect(kurtosis(jumpy)).toBeGreaterThan(6); // a normal has 3
  });
});

function mean(x: readonly number[]): number {
  return x.reduce((a, b) => a + b, 0) / x.length;
}

function corr(a: readonly number[], b: readonly number[]): number {
  const ma = mean(a);
  const mb = mean(b);
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

function kurtosis(x: readonly number[]): number {
  const m = mean(x);
  const v = mean(x.map((y) => (y - m) ** 2));
  return mean(x.map((y) => (y - m) ** 4)) / (v * v);
}
