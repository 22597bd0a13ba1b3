/**
 * Threshold lines of suite reports for people: `maxDrawdown 58.57% > max 50.00%`, never raw floats.
 * The formatting itself is `threshold-text.ts` (docs/number-format.md); this file adapts a stored
 * `ThresholdCheck` and stored scenario reasons to it. Reasons stored by older results
 * (`maxDrawdown 0.5857242780922952 > max 0.5`) are reformatted when printed; reasons already in people's
 * numbers are printed as they are.
 */
import { breachText } from './threshold-text.js';
import type { ThresholdCheck } from './summary.js';

/** A failed configuration threshold: `maxDrawdown.p95 22.24% > max 15.00%`. */
export function thresholdText(t: ThresholdCheck): string {
  if (!Number.isFinite(t.value)) return `${t.metric} is not a finite number`;
  return breachText(t.metric, t.value, t) ?? `${t.metric} within its bounds`;
}

const RAW_REASON = /^(\S+) (-?[0-9.eE+-]+) ([<>]) (min|max) (-?[0-9.eE+-]+)$/;

/** A stored scenario-failure reason reformatted when it holds raw numbers; other reasons as they are. */
export function reasonText(reason: string): string {
  const m = RAW_REASON.exec(reason);
  if (!m) return reason;
  const [, metric, v, , side, bound] = m;
  const value = Number(v);
  const limit = Number(bound);
  if (!Number.isFinite(value) || !Number.isFinite(limit)) return reason;
  const b = side === 'min' ? { min: limit } : { max: limit };
  const text = breachText(metric!, value, b);
  return text ?? reason;
}
