/**
 * Distribution statistics of one configuration over a suite's scenarios.
 *
 * Percentile `p` is the linear interpolation between order statistics (Hyndman-Fan type 7, numpy's
 * default): `h = (n-1)*p/100`, `x[floor h] + (h - floor h)*(x[floor h + 1] - x[floor h])`.
 * VaR95 of the return is `-q(5%)` (a loss as a positive fraction); CVaR95 is minus the mean of the
 * worst `ceil(5% * n)` returns. The expected shortfall at level p% (`return.es<p>`, a return, so
 * `es5 = -cvar95`) is the mean of the worst `ceil(p% * n)` values. Means are summed in scenario order,
 * so they do not depend on how the work was split.
 */

/** Type-7 quantile of an ascending-sorted array, `p` in [0, 100]. */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = ((n - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s / x.length;
}

export interface Distribution {
  mean: number;
  /** `p5`, `p50`, ... for each requested percentile. */
  [p: `p${number}`]: number;
  /** `es5`, ... for each requested expected-shortfall level. */
  [es: `es${number}`]: number;
}

/** Mean of the lowest `ceil(p% * n)` values of an ascending-sorted array (at least one), `p` in (0, 100]. */
export function shortfallSorted(sorted: Float64Array, p: number): number {
  const k = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return mean(sorted.subarray(0, k));
}

/** Ascending copy (a typed array's numeric sort). Callers needing several statistics of one column sort it once. */
export function sortedCopy(values: Float64Array): Float64Array {
  return values.slice().sort();
}

/**
 * `sorted`, when given, must hold `sortedCopy(values)`'s values where read (the suite summary orders
 * each column once, `selectOrdered`); `meanValue`, when given, must be `mean(values)` (a suite run on
 * workers has them compute it before ordering the column in place).
 */
export function distribution(
  values: Float64Array,
  percentiles: readonly number[],
  shortfalls: readonly number[] = [],
  sorted: Float64Array = sortedCopy(values),
  meanValue: number = mean(values),
): Distribution {
  const d: Distribution = { mean: meanValue };
  for (const p of percentiles) d[`p${p}`] = percentileSorted(sorted, p);
  for (const p of shortfalls) d[`es${p}`] = shortfallSorted(sorted, p);
  return d;
}

export interface TailRisk {
  var95: number;
  cvar95: number;
}

/** The tail of VaR95 and CVaR95: 5%. */
export const TAIL_LEVEL = 0.05;

export function tailRisk(returns: Float64Array, sorted: Float64Array = sortedCopy(returns)): TailRisk {
  const k = Math.ceil(TAIL_LEVEL * sorted.length);
  return { var95: -percentileSorted(sorted, TAIL_LEVEL * 100), cvar95: -mean(sorted.subarray(0, k)) };
}
