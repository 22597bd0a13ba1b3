/**
 * `SuiteAggregator.prefault` (the runner calls it while its workers start): it touches the shared
 * columns' pages without changing a value, and once figures are in it does nothing at all.
 */
import { describe, expect, it } from 'vitest';
import { SuiteAggregator } from '../../../harness/suite/aggregate.js';

const S = 700; // 700 x 3 configurations: columns of 2,100 doubles, over four 4 KiB pages
const L = 3;

function chunk(seed: number): { from: number; to: number; totalReturn: Float64Array; maxDrawdown: Float64Array; liquidations: Float64Array; ruined: Uint8Array } {
  const n = S * L;
  return {
    from: 0,
    to: S,
    totalReturn: Float64Array.from({ length: n }, (_, i) => Math.sin(i + seed) * 0.3),
    maxDrawdown: Float64Array.from({ length: n }, (_, i) => Math.abs(Math.cos(i * seed))),
    liquidations: new Float64Array(n),
    ruined: new Uint8Array(n),
  };
}

describe('SuiteAggregator.prefault', () => {
  it('before any chunk: the columns stay zero and the figures added next are the same as without it', () => {
    const a = new SuiteAggregator(S, L, {}, true);
    const b = new SuiteAggregator(S, L, {}, true);
    a.prefault();
    expect(a.totalReturn.every((x) => Object.is(x, 0))).toBe(true);
    expect(a.maxDrawdown.every((x) => Object.is(x, 0))).toBe(true);
    a.add(chunk(3));
    b.add(chunk(3));
    expect(Buffer.from(a.totalReturn.buffer).equals(Buffer.from(b.totalReturn.buffer))).toBe(true);
    expect(Buffer.from(a.maxDrawdown.buffer).equals(Buffer.from(b.maxDrawdown.buffer))).toBe(true);
  });

  it('after a chunk: changes nothing (it would overwrite figures at every 512th place)', () => {
    const a = new SuiteAggregator(S, L, {}, true);
    a.add(chunk(5));
    const before = a.totalReturn.slice();
    expect(before[512]).not.toBe(0);
    a.prefault();
    expect(Buffer.from(a.totalReturn.buffer).equals(Buffer.from(before.buffer))).toBe(true);
  });
});
