/**
 * Order statistics without a full sort: the suite summary reads a configuration's sorted column at a
 * few places only (each percentile's two neighbouring order statistics, and the lowest k values, in
 * order, for CVaR and the expected shortfalls). `selectOrdered` rearranges a column so that exactly
 * those places hold what `Float64Array.prototype.sort` would put there (the same values, -0 before
 * +0, NaN last); the other places hold the other values in no particular order.
 *
 * How: NaNs are moved to the end (where the sort puts them) and -0 is counted and read as +0 (so `<`
 * is a total order); the lowest `prefix` values are selected and sorted (the native sort); the other
 * wanted positions by a multi-position quickselect (median-of-three pivot, Hoare partition, which
 * splits runs of equal values evenly; the native sort of a range past a depth limit); then zeros at the
 * wanted places get their sign back (the sort's -0s come first among the zeros). About 10x less work
 * than a full sort of 10,000 values for the suite's ~30 places (tests/harness/suite/select.test.ts
 * proves equality with the full sort on adversarial inputs).
 */
import { mean } from './stats.js';

/** The places of an ascending array a reader needs exact: single positions, and the lowest `prefix` values in order. */
export interface OrderNeeds {
  positions: readonly number[];
  prefix: number;
}

/** The two positions the type-7 percentile `p` reads in an ascending array of `n` values (`percentileSorted`). */
export function percentilePositions(n: number, p: number): [number, number] {
  const h = ((n - 1) * p) / 100;
  const lo = Math.floor(h);
  return [lo, Math.min(n - 1, lo + 1)];
}

const SMALL = 24;

function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i < hi; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= lo && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}

/**
 * Put the order statistics at the positions `pos[pa..pb)` (ascending, all within [lo, hi)) in
 * place, values in [lo, hi) free of NaN and -0. Ranges without a wanted position are left as they are.
 */
function multiSelect(a: Float64Array, lo: number, hi: number, pos: readonly number[], pa: number, pb: number, depth: number): void {
  for (;;) {
    if (pa >= pb) return;
    if (hi - lo <= SMALL) return insertionSort(a, lo, hi);
    if (depth-- <= 0) {
      a.subarray(lo, hi).sort();
      return;
    }
    // Median of three, the three sorted in place: a[lo] <= pivot <= a[hi - 1] bound both scans.
    const mid = (lo + hi) >>> 1;
    let x = a[lo]!;
    let y = a[mid]!;
    let z = a[hi - 1]!;
    if (y < x) [x, y] = [y, x];
    if (z < y) {
      [y, z] = [z, y];
      if (y < x) [x, y] = [y, x];
    }
    a[lo] = x;
    a[mid] = y;
    a[hi - 1] = z;
    const pivot = y;
    // Hoare partition: afterwards [lo, j] <= pivot <= (j, hi); equal values split between both sides.
    let i = lo;
    let j = hi - 1;
    for (;;) {
      do i++;
      while (a[i]! < pivot);
      do j--;
      while (a[j]! > pivot);
      if (i >= j) break;
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    }
    // j is in [lo, hi - 2] (a[lo] <= pivot stops the right scan, a[hi - 1] >= pivot the left one).
    let pm = pa;
    while (pm < pb && pos[pm]! <= j) pm++;
    // Recurse into the side with fewer wanted positions, loop on the other.
    if (pm - pa < pb - pm) {
      multiSelect(a, lo, j + 1, pos, pa, pm, depth);
      lo = j + 1;
      pa = pm;
    } else {
      multiSelect(a, j + 1, hi, pos, pm, pb, depth);
      hi = j + 1;
      pb = pm;
    }
  }
}

/**
 * Rearrange `a` in place so that every position of `needs.positions` (out-of-range ones ignored)
 * and every position below `needs.prefix` holds the value `a.slice().sort()` has there, bit for bit
 * up to NaN payloads (every NaN is NaN; the sort puts them last). Other positions: the remaining
 * values, in no particular order (the array stays a permutation of its values).
 */
export function selectOrdered(a: Float64Array, needs: OrderNeeds): void {
  const n = a.length;
  // NaNs to the end, -0 counted and read as +0, values below zero counted.
  let m = 0;
  let negZeros = 0;
  let below = 0;
  let nan = 0;
  for (let i = 0; i < n; i++) {
    const v = a[i]!;
    if (v !== v) {
      nan++;
      continue;
    }
    if (v === 0) {
      if (1 / v < 0) negZeros++;
      a[m++] = 0;
    } else {
      if (v < 0) below++;
      a[m++] = v;
    }
  }
  for (let i = m; i < n; i++) a[i] = NaN;
  if (nan === n) return;
  const prefix = Math.min(Math.max(0, Math.floor(needs.prefix)), m);
  const depth = 2 * Math.ceil(Math.log2(m + 1)) + 4;
  if (prefix > 0) {
    if (prefix < m) multiSelect(a, 0, m, [prefix - 1], 0, 1, depth);
    a.subarray(0, prefix).sort();
  }
  const pos = [...new Set(needs.positions)].filter((p) => Number.isInteger(p) && p >= prefix && p < m).sort((x, y) => x - y);
  multiSelect(a, prefix, m, pos, 0, pos.length, depth);
  // Signs of zeros: in sorted order the zeros start at `below`, the -0s first. The -0s not at a
  // wanted place go to other zeros (the array stays a permutation of its values).
  if (negZeros > 0) {
    const wanted = new Set(pos);
    let left = negZeros;
    const fix = (i: number): void => {
      if (a[i] !== 0) return;
      const neg = i - below < negZeros;
      a[i] = neg ? -0 : 0;
      if (neg) left--;
    };
    for (let i = 0; i < prefix; i++) fix(i);
    for (const p of pos) fix(p);
    for (let i = prefix; i < m && left > 0; i++) {
      if (a[i] === 0 && !wanted.has(i)) {
        a[i] = -0;
        left--;
      }
    }
  }
}

/** `selectOrdered` on each `n`-long segment of `col` (a config-major column block). */
export function selectSegments(col: Float64Array, n: number, needs: OrderNeeds): void {
  for (let a = 0; a < col.length; a += n) selectOrdered(col.subarray(a, a + n), needs);
}

/**
 * Segments `from..to` of a config-major column (each `n` long), in place: each segment's `mean`
 * (scenario order) first, then `selectOrdered`. Returns the means (what a suite worker does with
 * its range of the aggregator's shared columns; the summary needs both).
 */
export function meanThenSelect(col: Float64Array, n: number, from: number, to: number, needs: OrderNeeds): Float64Array {
  const means = new Float64Array(Math.max(0, to - from));
  for (let l = from; l < to; l++) {
    const seg = col.subarray(l * n, (l + 1) * n);
    means[l - from] = mean(seg);
    selectOrdered(seg, needs);
  }
  return means;
}
