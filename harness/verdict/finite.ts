/**
 * One rule for numbers that judge (issue 8): every place that compares a result against a threshold,
 * picks a best configuration, marks a lane robust or prints a verdict treats a figure that is not a
 * finite number as a failure, with a reason naming the field. Such a run is *invalid*: its own status,
 * distinct from "skipped" (an invalid parameter combination, never run) and from "ruined" (a finite run
 * that lost everything), and it is never printed as a number. (NaN compares false with everything, so
 * `v < min` alone lets it pass; JSON writes it as `null`, which a reader then takes for "missing".)
 *
 * @example invalidField({ finalEquity: NaN, ... }) // 'finalEquity'
 */
import { NOT_A_NUMBER_MARK } from '../../engine/format/number.js';
import { WATERFALL_KEYS, type BacktestResult } from '../../engine/model/types.js';

export type RunStatus = 'ok' | 'ruined' | 'invalid';

/** How an invalid figure or run is printed wherever a number would stand. */
export const INVALID_MARK = NOT_A_NUMBER_MARK;

export function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** The figures of a backtest result that judge (the waterfall's terms as `waterfall.<key>`). */
export const JUDGED_FIELDS = [
  'finalEquity', 'totalReturn', 'annualized', 'maxDrawdown', 'liquidations', 'liquidatedLegs', 'rebalances', 'rotations', 'minHealthLong', 'minHealthShort',
] as const;

/** The first judged field of `r` that is not a finite number (a JSON `null` counts), or null. */
export function invalidField(r: Pick<BacktestResult, (typeof JUDGED_FIELDS)[number] | 'waterfall'>): string | null {
  for (const k of JUDGED_FIELDS) if (!isFiniteNumber(r[k])) return k;
  const w = r.waterfall as unknown as Record<string, unknown> | null | undefined;
  if (w === null || typeof w !== 'object') return 'waterfall';
  for (const k of WATERFALL_KEYS) if (!isFiniteNumber(w[k])) return `waterfall.${k}`;
  return null;
}

/** `FIELD is not a finite number (overflow)`: the reason an invalid run carries (no NaN printed as if a figure). */
export function notFiniteReason(field: string, value: unknown): string {
  const kind = value === null || value === undefined ? 'missing or null' : value === Infinity ? 'overflow' : value === -Infinity ? 'negative overflow' : 'not a number';
  return `${field} is not a finite number (${kind})`;
}

/** Why a backtest result is invalid, or null when every judged figure is finite. */
export function invalidReason(r: BacktestResult): string | null {
  const field = invalidField(r);
  if (field === null) return null;
  const value = field.startsWith('waterfall.') ? (r.waterfall as unknown as Record<string, unknown>)[field.slice(10)] : (r as unknown as Record<string, unknown>)[field];
  return notFiniteReason(field, value);
}

export function runStatus(r: BacktestResult): RunStatus {
  if (invalidField(r) !== null) return 'invalid';
  return r.ruined ? 'ruined' : 'ok';
}

/** The path and value of the first non-finite number anywhere in a JSON-like value (bigints as numbers), or null. */
export function firstNonFinite(v: unknown, path = ''): { path: string; value: number } | null {
  if (typeof v === 'bigint') return firstNonFinite(Number(v), path);
  if (typeof v === 'number') return Number.isFinite(v) ? null : { path: path || '(root)', value: v };
  if (v === null || typeof v !== 'object') return null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const f = firstNonFinite(v[i], `${path}[${i}]`);
      if (f) return f;
    }
    return null;
  }
  for (const [k, x] of Object.entries(v)) {
    const f = firstNonFinite(x, path ? `${path}.${k}` : k);
    if (f) return f;
  }
  return null;
}

/** Whether `value` passes `min <= value <= max`: a non-finite value never passes. */
export function withinBound(value: number, b: { min?: number; max?: number }): boolean {
  return isFiniteNumber(value) && !(b.min !== undefined && value < b.min) && !(b.max !== undefined && value > b.max);
}

/**
 * `x` (a fraction) as a percentage with `digits` decimals, `invalid` when `x` is not finite. A finite
 * `x` whose percentage overflows (`1e308 * 100`) keeps its magnitude in exponent form (`1.0e+310`)
 * instead of printing Infinity.
 */
export function percentText(x: number, digits: number): string {
  if (!isFiniteNumber(x)) return INVALID_MARK;
  const y = x * 100;
  if (Number.isFinite(y)) return y.toFixed(digits);
  const [m, e] = x.toExponential(digits).split('e');
  return `${m}e${Number(e) >= -2 ? '+' : ''}${Number(e) + 2}`;
}
