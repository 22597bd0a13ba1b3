/**
 * Statistics and hashing: type-7 percentiles against values numpy gives, VaR/CVaR on a known set,
 * the canonical JSON ignores key order, and the content hash is the sha256 a shell computes.
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from '../../../harness/suite/hash.js';
import { distribution, percentileSorted, shortfallSorted, tailRisk } from '../../../harness/suite/stats.js';

describe('suite statistics', () => {
  it('percentiles interpolate like numpy.percentile (linear, the default)', () => {
    // numpy.percentile([1, 2, 3, 4], [0, 25, 50, 90, 100]) -> [1, 1.75, 2.5, 3.7, 4]
    const x = Float64Array.from([1, 2, 3, 4]);
    expect(percentileSorted(x, 0)).toBe(1);
    expect(percentileSorted(x, 25)).toBe(1.75);
    expect(percentileSorted(x, 50)).toBe(2.5);
    expect(percentileSorted(x, 90)).toBeCloseTo(3.7, 12);
    expect(percentileSorted(x, 100)).toBe(4);
    expect(percentileSorted(Float64Array.from([7]), 5)).toBe(7);
  });

  it('distribution sorts its own copy and reports the requested percentiles and the mean', () => {
    const v = Float64Array.from([0.3, -0.1, 0.2, 0.0, 0.1]);
    const d = distribution(v, [5, 50]);
    expect(d.p50).toBe(0.1);
    expect(d.p5).toBeCloseTo(-0.1 + 0.2 * 0.1, 12); // h = 0.2 between -0.1 and 0.0
    expect(d.mean).toBeCloseTo(0.1, 12);
    expect(Array.from(v)).toEqual([0.3, -0.1, 0.2, 0.0, 0.1]);
  });

  it('VaR95 is minus the 5th percentile, CVaR95 minus the mean of the worst ceil(5%) returns', () => {
    // Returns -0.50, -0.49, ..., +0.49 (100 values): h = 99*0.05 = 4.95, q5 = x[4] + 0.95*(x[5]-x[4])
    // = -0.46 + 0.0095 = -0.4505; the worst 5 are -0.50..-0.46, mean -0.48.
    const r = Float64Array.from({ length: 100 }, (_, i) => (i - 50) / 100);
    const t = tailRisk(r);
    expect(t.var95).toBeCloseTo(0.4505, 12);
    expect(t.cvar95).toBeCloseTo(0.48, 12);
  });

  it('expected shortfall es<p> is the mean of the worst ceil(p% n) returns (es5 = -CVaR95); at least one value', () => {
    const r = Float64Array.from({ length: 100 }, (_, i) => (i - 50) / 100);
    const d = distribution(r, [5], [5, 10, 1]);
    expect(d.es5).toBeCloseTo(-0.48, 12); // -0.50..-0.46
    expect(d.es5).toBeCloseTo(-tailRisk(r).cvar95, 15);
    expect(d.es10).toBeCloseTo(-0.455, 12); // -0.50..-0.41, mean -0.455
    expect(d.es1).toBe(-0.5);
    expect(shortfallSorted(Float64Array.from([3]), 5)).toBe(3); // ceil(0.05) = 1
    expect(shortfallSorted(Float64Array.from([-2, 1, 4]), 50)).toBe(-0.5); // ceil(1.5) = 2 values
  });
});

describe('content hash', () => {
  it('canonical JSON sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,1]},"b":1}');
    expect(canonicalJson({ a: { c: 'x', d: [3, 1] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [3, 1], c: 'x' } }));
    expect(canonicalJson({ x: NaN, y: undefined })).toBe('{"x":"NaN"}');
  });

  it('is the sha256 of the canonical text', () => {
    // printf '{"a":1,"b":[0.1,2]}' | sha256sum
    expect(contentHash({ b: [0.1, 2], a: 1 })).toBe('ebb272e153d4fbd6428fbcf5487daedfdeafd09a80549a22ff7cdc01dbc677e9');
  });
});
