/**
 * Each stress shock changes exactly what it claims and nothing else, on generated paths (fast-check,
 * seeded) and on the real HL study series when ../shared is present; shocked paths stay valid.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCanonicalCsv } from '../../../engine/data/csv.js';
import { validateRows, type MarketRow } from '../../../engine/data/rows.js';
import { UsageError } from '../../../engine/errors.js';
import { sharedDir } from '../../../engine/paths.js';
import { generatePath } from '../../../harness/scenario/generator.js';
import { resolveGeneratorParams } from '../../../harness/scenario/params.js';
import { makeRng } from '../../../harness/scenario/rng.js';
import { applyShock, applyShocks, describeShocks, SHOCK_NAMES } from '../../../harness/scenario/stress.js';

const SEED = 418;
const FIELDS = ['date', 'open', 'high', 'low', 'close', 'funding', 'lendApy', 'borrowApy'] as const;
const PRICES = new Set(['open', 'high', 'low', 'close']);

/** The set of `t:field` that differ between two paths of equal length. */
function changed(a: readonly MarketRow[], b: readonly MarketRow[]): Set<string> {
  expect(b).toHaveLength(a.length);
  const out = new Set<string>();
  a.forEach((r, t) => FIELDS.forEach((f) => r[f] !== b[t]![f] && out.add(`${t}:${f}`)));
  return out;
}

function onlyWithin(diff: Set<string>, allowed: (t: number, f: string) => boolean): void {
  for (const k of diff) {
    const [t, f] = k.split(':');
    expect(allowed(Number(t), f!), `unexpected change ${k}`).toBe(true);
  }
}

const logRet = (a: number, b: number): number => Math.log(b / a);

function checkShocks(base: MarketRow[], at: number): void {
  const n = base.length;
  // spike: only the high of day `at`, to max(high, open*1.4).
  const s = applyShock(base, { name: 'spike', params: { at, pct: 0.4 } });
  onlyWithin(changed(base, s), (t, f) => t === at && f === 'high');
  expect(s[at]!.high).toBe(Math.max(base[at]!.high, base[at]!.open * 1.4));
  // crash: close (and maybe low) of `at`, then every later price, all by exactly 0.7.
  const c = applyShock(base, { name: 'crash', params: { at, pct: 0.3 } });
  onlyWithin(changed(base, c), (t, f) => PRICES.has(f) && (t > at || (t === at && (f === 'close' || f === 'low'))));
  expect(c[at]!.close).toBeCloseTo(base[at]!.close * 0.7, 9);
  for (let t = at + 1; t < n; t++) expect(c[t]!.open / base[t]!.open).toBeCloseTo(0.7, 12);
  // gap: every price from `at`, scaled by 0.8.
  const g = applyShock(base, { name: 'gap', params: { at, pct: -0.2 } });
  onlyWithin(changed(base, g), (t, f) => PRICES.has(f) && t >= at);
  expect(g[at]!.open / base[at]!.open).toBeCloseTo(0.8, 12);
  // negative funding: funding of [at, at+30) only, set to the rate.
  const nf = applyShock(base, { name: 'negativeFunding', params: { at, days: 30, rate: -0.0005 } });
  onlyWithin(changed(base, nf), (t, f) => f === 'funding' && t >= at && t < at + 30);
  for (let t = at; t < Math.min(n, at + 30); t++) expect(nf[t]!.funding).toBe(-0.0005);
  // borrow spike: borrow APY of [at, at+7) only, set to 50%.
  const b = applyShock(base, { name: 'borrowSpike', params: { at, days: 7, apy: 0.5 } });
  onlyWithin(changed(base, b), (t, f) => f === 'borrowApy' && t >= at && t < at + 7);
  for (let t = at; t < Math.min(n, at + 7); t++) expect(b[t]!.borrowApy).toBe(0.5);
  // funding flip + vol spike: funding -|f| and log moves x3 inside the window, later prices one common factor.
  const end = Math.min(n, at + 10);
  const v = applyShock(base, { name: 'fundingFlipVolSpike', params: { at, days: 10, volMultiplier: 3 } });
  onlyWithin(changed(base, v), (t, f) => (f === 'funding' && t >= at && t < end) || (PRICES.has(f) && t >= at));
  for (let t = at; t < end; t++) {
    expect(v[t]!.funding).toBe(-Math.abs(base[t]!.funding));
    if (t > at) expect(logRet(v[t - 1]!.close, v[t]!.close)).toBeCloseTo(3 * logRet(base[t - 1]!.close, base[t]!.close), 9);
  }
  for (let t = end + 1; t < n; t++) expect(logRet(v[t - 1]!.close, v[t]!.close)).toBeCloseTo(logRet(base[t - 1]!.close, base[t]!.close), 9);
  // slow bleed: prices from `at` on; the level after the window is exactly 0.6x.
  const sb = applyShock(base, { name: 'slowBleed', params: { at, days: 20, pct: -0.4 } });
  onlyWithin(changed(base, sb), (t, f) => PRICES.has(f) && t >= at);
  if (at + 19 < n) expect(sb[at + 19]!.close / base[at + 19]!.close).toBeCloseTo(0.6, 12);
  for (let t = at + 20; t < n; t++) expect(sb[t]!.close / base[t]!.close).toBeCloseTo(0.6, 12);
  for (const shocked of [s, c, g, nf, b, v, sb]) validateRows(shocked, 'shocked');
}

describe('stress shocks', () => {
  it('change exactly what they claim on generated paths', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 2, max: 120 }), fc.nat(), (seed, days, atRaw) => {
        const base = generatePath(resolveGeneratorParams({ days }), makeRng(seed));
        checkShocks(base, atRaw % days);
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  const shared = sharedDir();
  const hl = shared ? join(shared, 'data', 'sol-hl-study.csv') : null;
  it.runIf(hl !== null && existsSync(hl))('change exactly what they claim on the real HL study series (2025-01-18 spike day)', () => {
    const rows = loadCanonicalCsv(hl!);
    const at = rows.findIndex((r) => r.date === '2025-01-18');
    checkShocks(rows, at);
    const s = applyShock(rows, { name: 'spike', params: { at: '2025-01-18' } });
    expect(s[at]!.high).toBe(Math.max(rows[at]!.high, rows[at]!.open * 1.4));
  });
  it('reports whether the real-data stress test ran', () => {
    if (!hl || !existsSync(hl)) console.log('not run: ../shared absent (real-data stress test)');
    expect(typeof describeShocks()).toBe('string');
  });

  it('documents every shock with its parameters', () => {
    const doc = describeShocks();
    for (const n of SHOCK_NAMES) expect(doc).toContain(`${n}:`);
  });

  it('rejects bad parameters naming the field', () => {
    const base = generatePath(resolveGeneratorParams({ days: 10 }), makeRng('x'));
    expect(() => applyShocks(base, [{ name: 'spike', params: { pct: -1 } }])).toThrow(/shocks\[0\]\.params\.pct/);
    expect(() => applyShocks(base, [{ name: 'spike', params: { at: 10 } }])).toThrow(/shocks\[0\]\.params\.at/);
    expect(() => applyShocks(base, [{ name: 'spike', params: { at: '1999-01-01' } }])).toThrow(UsageError);
    expect(() => applyShocks(base, [{ name: 'spike', params: { height: 1 } }])).toThrow(/params\.height: unknown/);
    expect(() => applyShocks(base, [{ name: 'boom' as 'spike' }])).toThrow(/shocks\[0\]\.name: unknown shock/);
    expect(() => applyShocks(base, [{ name: 'borrowSpike', params: { days: 2.5 } }])).toThrow(/days: expected an integer/);
  });

  it('applies a chain of shocks in order and leaves the input untouched', () => {
    const base = generatePath(resolveGeneratorParams({ days: 50 }), makeRng('chain'));
    const before = JSON.stringify(base);
    const out = applyShocks(base, [
      { name: 'borrowSpike', params: { at: 5, days: 3 } },
      { name: 'negativeFunding', params: { at: 4, days: 2 } },
    ]);
    expect(JSON.stringify(base)).toBe(before);
    expect(out[5]!.borrowApy).toBe(0.5);
    expect(out[5]!.funding).toBe(-0.0005);
    expect(out[6]!.funding).toBe(base[6]!.funding);
  });
});
