/**
 * A failed threshold as people read it (docs/number-format.md): fractions (returns, drawdowns,
 * probabilities, VaR) as percentages, counts as numbers, with as many decimals as it takes for the value
 * and the bound to print differently (`maxDrawdown 58.57% > max 50.00%`, never `0.5857242780922952 > max 0.5`).
 * A drawdown bound is a magnitude (`max 0.15`: at most a 15% loss), so both sides print as magnitudes
 * here and the comparison reads the right way round.
 *
 * @example breachText('maxDrawdown.p95', 0.5857242780922952, { max: 0.5 }) // 'maxDrawdown.p95 58.57% > max 50.00%'
 */
import { fixed, NOT_A_NUMBER_MARK, percent } from '../../engine/format/number.js';

/** Metrics that are counts, not fractions. */
const COUNT_METRIC = /^(liquidations|expectedLiquidations)$/;

/** `value` and `bound` formatted alike, with 2 decimals or more until they differ (at most 10). */
export function pairText(metric: string, value: number, bound: number): [string, string] {
  const f = COUNT_METRIC.test(metric) ? (x: number, d: number) => fixed(x, d) : (x: number, d: number) => percent(x, d);
  const start = COUNT_METRIC.test(metric) && Number.isInteger(value) && Number.isInteger(bound) ? 0 : 2;
  for (let d = start; d <= 10; d++) {
    const a = f(value, d);
    const b = f(bound, d);
    if (a !== b || d === 10) return [a, b];
  }
  return [f(value, 10), f(bound, 10)];
}

/** `metric VALUE < min BOUND` / `metric VALUE > max BOUND`, or null when within (a non-finite value is never within). */
export function breachText(metric: string, value: number, b: { min?: number; max?: number }): string | null {
  if (!Number.isFinite(value)) return `${metric} ${NOT_A_NUMBER_MARK}`;
  if (b.min !== undefined && value < b.min) {
    const [v, m] = pairText(metric, value, b.min);
    return `${metric} ${v} < min ${m}`;
  }
  if (b.max !== undefined && value > b.max) {
    const [v, m] = pairText(metric, value, b.max);
    return `${metric} ${v} > max ${m}`;
  }
  return null;
}
