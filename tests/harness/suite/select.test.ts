/**
 * `selectOrdered` (harness/suite/select.ts) against the full sort it replaces in the suite summary:
 * at every wanted position and every place of the wanted prefix, the same value as
 * `Float64Array.prototype.sort` puts there (Object.is: -0 is not +0; NaN at the end), on adversarial
 * columns (signed zeros, NaN, infinities, heavy duplicates, sorted and reversed runs, empty and tiny
 * columns); the array stays a permutation of its values; and `percentilePositions` names exactly
 * the places `percentileSorted` reads.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentilePositions, selectOrdered, selectSegments, type OrderNeeds } from '../../../harness/suite/select.js';
import { percentileSorted } from '../../../harness/suite/stats.js';

/** Values that stress the order: both zeros, NaN, infinities, a few repeated values, ordinary doubles. */
const valueArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1, -1, 0.5, -0.5, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE) },
  { weight: 4, arbitrary: fc.double() },
  { weight: 2, arbitrary: fc.integer({ min: -3, max: 3 }) },
);

const columnArb = fc.oneof(
  fc.array(valueArb, { maxLength: 300 }),
  // Long runs: sorted, reversed, all equal (quickselect's classic worst cases).
  fc.tuple(fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 400 }), fc.constantFrom('asc', 'desc', 'same', 'organ')).map(([v, how]) => {
    const s = v.slice().sort((a, b) => a - b);
    if (how === 'asc') return s;
    if (how === 'desc') return s.reverse();
    if (how === 'same') return v.map(() => v[0]!);
    return [...s, ...s.slice().reverse()];
  }),
);

function check(values: number[], needs: OrderNeeds): void {
  const a = Float64Array.from(values);
  const sorted = a.slice().sort();
  selectOrdered(a, needs);
  const wanted = new Set([...needs.positions.filter((p) => p >= 0 && p < a.length), ...Array.from({ length: Math.min(Math.max(0, needs.prefix), a.length) }, (_, i) => i)]);
  for (const i of wanted) {
    if (!Object.is(a[i], sorted[i])) throw new Error(`position ${i}: ${a[i]} != ${sorted[i]} (n ${a.length})`);
  }
  // Still a permutation of the input (as a multiset, -0 apart from +0, NaN counted).
  const again = a.slice().sort();
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(again[i], sorted[i])) throw new Error(`not a permutation at ${i}`);
  }
}

describe('selectOrdered', () => {
  it('equals the full sort at every wanted position and prefix place (2,000 adversarial columns)', () => {
    fc.assert(
      fc.property(columnArb, fc.array(fc.integer({ min: -2, max: 420 }), { maxLength: 12 }), fc.integer({ min: -1, max: 120 }), (values, positions, prefix) => {
        check(values, { positions, prefix });
      }),
      { numRuns: 2000, seed: 20_261_203 },
    );
  });

  it('equals the full sort at every position when every position is wanted', () => {
    fc.assert(
      fc.property(columnArb, (values) => {
        check(values, { positions: values.map((_, i) => i), prefix: 0 });
        check(values, { positions: [], prefix: values.length });
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it('handles the signed zeros exactly where they change places with other values', () => {
    check([0, -0, 0, -0, -1, 1, NaN, -0], { positions: [1, 2, 3, 4, 5, 6, 7], prefix: 2 });
    check([-0, 0], { positions: [0, 1], prefix: 0 });
    check([0, -0], { positions: [1], prefix: 1 });
    check([NaN, NaN], { positions: [0, 1], prefix: 2 });
    check([], { positions: [0], prefix: 3 });
  });

  it('a suite-sized column: the summary\'s places exact on 10,000 values with many ties', () => {
    const n = 10_000;
    const values = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? -1 : i % 11 === 0 ? 0 : Math.sin(i) * 0.3));
    const positions = [0, 5, 25, 50, 75, 95, 100].flatMap((p) => percentilePositions(n, p));
    check(values, { positions, prefix: Math.ceil(0.05 * n) });
  });

  it('selectSegments selects each segment on its own (a config-major block)', () => {
    const n = 50;
    const block = Float64Array.from({ length: 4 * n }, (_, i) => Math.cos(i * 1.7) * (i % 3 === 0 ? -0 : 1));
    const want = block.slice();
    selectSegments(block, n, { positions: [10, 25, 49], prefix: 5 });
    for (let s = 0; s < 4; s++) {
      const sorted = want.subarray(s * n, (s + 1) * n).slice().sort();
      for (const i of [0, 1, 2, 3, 4, 10, 25, 49]) expect(Object.is(block[s * n + i], sorted[i])).toBe(true);
    }
  });
});

describe('percentilePositions', () => {
  it('names the two places percentileSorted reads (a column holding only those gives the same percentile)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 100 }), (n, p) => {
        const [lo, hi] = percentilePositions(n, p);
        // A column that is NaN everywhere else: percentileSorted must not read anything else.
        const sparse = new Float64Array(n).fill(NaN);
        sparse[lo] = lo * 3;
        sparse[hi] = hi * 3;
        const full = Float64Array.from({ length: n }, (_, i) => i * 3);
        expect(percentileSorted(sparse, p)).toBe(percentileSorted(full, p));
      }),
      { numRuns: 500, seed: 9 },
    );
  });
});
