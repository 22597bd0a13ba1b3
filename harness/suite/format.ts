/**
 * Threshold lines of suite reports for people: `maxDrawdown 58.57% > max 50.00%`, never raw floats.
 * Returns, drawdowns, probabilities, VaR and CVaR are fractions shown as percentages with 2 decimals;
 * liquidation counts as numbers. The stored reasons (`maxDrawdown 0.5857242780922952 > max 0.5`, in
 * the hashed result content) are left as they are and reformatted only when printed.
 */
import { INVALID_MARK, percentText } from '../verdict/finite.js';
import type { ThresholdCheck } from './summary.js';

const COUNT = /^(liquidations|expectedLiquidations)$/;

/** A metric's value as people read it: `58.57%`, or `2` / `0.35` for liquidation counts. */
export function metricText(metric: string, v: number): string {
  if (!Number.isFinite(v)) return INVALID_MARK;
  if (COUNT.test(metric)) return Number.isInteger(v) ? String(v) : v.toFixed(2);
  return `${percentText(v, 2)}%`;
}

/** A failed configuration threshold: `maxDrawdown.p95 22.24% > max 15.00%`. */
export function thresholdText(t: ThresholdCheck): string {
  if (!Number.isFinite(t.value)) return `${t.metric} is not a finite number`;
  const low = t.min !== undefined && t.value < t.min;
  return `${t.metric} ${metricText(t.metric, t.value)} ${low ? `< min ${metricText(t.metric, t.min!)}` : `> max ${metricText(t.metric, t.max!)}`}`;
}

const REASON = /^(\w+) (\S+) ([<>]) (min|max) (\S+)$/;

/** A stored scenario-failure reason (`maxDrawdown 0.5857242780922952 > max 0.5`) reformatted; other reasons as they are. */
export function reasonText(reason: string): string {
  const m = REASON.exec(reason);
  if (!m) return reason;
  const [, metric, v, op, side, bound] = m;
  return `${metric} ${metricText(metric!, Number(v))} ${op} ${side} ${metricText(metric!, Number(bound))}`;
}
