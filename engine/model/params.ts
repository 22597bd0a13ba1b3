/**
 * Venue presets, parameter resolution and validation (MODEL.md sections 3 and 9).
 *
 * `resolveParams({ leverage: 3 })` gives a complete `BacktestParams` with every default
 * of the chosen venue and convention applied; `validateParams` rejects invalid values and
 * invalid combinations with a `UsageError` naming the parameter.
 */
import { UsageError } from '../errors.js';
import {
  CONVENTIONS,
  MODELS,
  VENUES,
  type BacktestParams,
  type Convention,
  type ParamOverrides,
  type Venue,
} from './types.js';

/** The conventional "never" trigger. */
export const NEVER_TRIGGER = 999;
/** Relative tolerance for the validity bounds of section 3. */
export const BOUND_TOLERANCE = 1e-9;
/** Study convention: the dollar threshold below which a triggered rebalance does nothing. */
export const STUDY_MIN_TRANSFER = 5;

type Preset = Omit<BacktestParams, 'capital' | 'leverage' | 'trigger' | 'model' | 'convention'>;

/** Section 3 presets (convention `exact`). Every value is an assumption, overridable per run. */
const EXACT_PRESETS: Record<Venue, Preset> = {
  hl: {
    venue: 'hl',
    long: { openFeeBps: 15, closeFeeBps: 0, maintenance: 0.15, penalty: { kind: 'notional', rate: 0.05 } },
    perp: { feeBps: 4.5, maintenance: 0.025, penalty: { kind: 'equity', rate: 0.5 } },
    transferCost: 3.0,
    gas: 0,
  },
  drift: {
    venue: 'drift',
    long: { openFeeBps: 15, closeFeeBps: 0, maintenance: 0.15, penalty: { kind: 'notional', rate: 0.05 } },
    perp: { feeBps: 3.5, maintenance: 0.03, penalty: { kind: 'notional', rate: 0.025 } },
    transferCost: 0.01,
    gas: 0,
  },
};

/** Section 9 presets (convention `study`): both legs use the perp venue's maintenance and penalty. */
const STUDY_PRESETS: Record<Venue, Preset> = {
  hl: {
    venue: 'hl',
    long: { openFeeBps: 15, closeFeeBps: 0, maintenance: 0.05, penalty: { kind: 'equity', rate: 0.5 } },
    perp: { feeBps: 3.5, maintenance: 0.05, penalty: { kind: 'equity', rate: 0.5 } },
    transferCost: 3.0,
    gas: 2,
  },
  drift: {
    venue: 'drift',
    long: { openFeeBps: 15, closeFeeBps: 0, maintenance: 0.03, penalty: { kind: 'notional', rate: 0.025 } },
    perp: { feeBps: 3.5, maintenance: 0.03, penalty: { kind: 'notional', rate: 0.025 } },
    transferCost: 0.001,
    gas: 2,
  },
};

export function venuePreset(venue: Venue, convention: Convention): Preset {
  const p = (convention === 'study' ? STUDY_PRESETS : EXACT_PRESETS)[venue];
  return {
    ...p,
    long: { ...p.long, penalty: { ...p.long.penalty } },
    perp: { ...p.perp, penalty: { ...p.perp.penalty } },
  };
}

/** Fill every default (venue preset per convention, `trigger = 2L`), then validate. */
export function resolveParams(o: ParamOverrides = {}): BacktestParams {
  const convention = o.convention ?? 'exact';
  const venue = o.venue ?? 'hl';
  if (!CONVENTIONS.includes(convention)) throw new UsageError(`convention: expected exact or study, got ${String(convention)}`);
  if (!VENUES.includes(venue)) throw new UsageError(`venue: expected hl or drift, got ${String(venue)}`);
  const preset = venuePreset(venue, convention);
  const leverage = o.leverage ?? 2;
  const params: BacktestParams = {
    capital: o.capital ?? 10_000,
    venue,
    leverage,
    trigger: o.trigger ?? 2 * leverage,
    model: o.model ?? 'rebalance',
    convention,
    long: { ...preset.long, ...o.long, penalty: { ...(o.long?.penalty ?? preset.long.penalty) } },
    perp: { ...preset.perp, ...o.perp, penalty: { ...(o.perp?.penalty ?? preset.perp.penalty) } },
    transferCost: o.transferCost ?? preset.transferCost,
    gas: preset.gas,
  };
  validateParams(params);
  return params;
}

/** Effective trigger of a leg (section 3): `min(T, 0.8/m)`, with 999 meaning `0.8/m`. */
export function legTrigger(trigger: number, maintenance: number): number {
  const cap = 0.8 / maintenance;
  return trigger >= NEVER_TRIGGER ? cap : Math.min(trigger, cap);
}

/** Throw a UsageError when `ok` is false; the message is built only then (sweeps validate 100k lanes). */
function need(ok: boolean, message: () => string): void {
  if (!ok) throw new UsageError(message());
}

function finite(name: string, v: unknown): number {
  need(typeof v === 'number' && Number.isFinite(v), () => `${name}: expected a finite number, got ${String(v)}`);
  return v as number;
}

/** Reject invalid values and combinations, naming the parameter. */
export function validateParams(p: BacktestParams): void {
  need(MODELS.includes(p.model), () => `model: expected static, rebalance or rotation, got ${String(p.model)}`);
  need(finite('capital', p.capital) > 0, () => `capital: must be > 0, got ${p.capital}`);
  need(finite('leverage', p.leverage) >= 1, () => `leverage: must be >= 1, got ${p.leverage}`);
  need(finite('trigger', p.trigger) > 0, () => `trigger: must be > 0, got ${p.trigger}`);
  need(finite('long.openFeeBps', p.long.openFeeBps) >= 0, () => `long.openFeeBps: must be >= 0, got ${p.long.openFeeBps}`);
  need(finite('long.closeFeeBps', p.long.closeFeeBps) >= 0, () => `long.closeFeeBps: must be >= 0, got ${p.long.closeFeeBps}`);
  need(finite('perp.feeBps', p.perp.feeBps) >= 0, () => `perp.feeBps: must be >= 0, got ${p.perp.feeBps}`);
  need(finite('transferCost', p.transferCost) >= 0, () => `transferCost: must be >= 0, got ${p.transferCost}`);
  for (const [leg, m] of [['long', p.long.maintenance], ['perp', p.perp.maintenance]] as const) {
    need(finite(`${leg}.maintenance`, m) > 0 && m < 1, () => `${leg}.maintenance: must lie in (0, 1), got ${m}`);
  }
  for (const [leg, pen] of [['long', p.long.penalty], ['perp', p.perp.penalty]] as const) {
    need(pen.kind === 'equity' || pen.kind === 'notional', () => `${leg}.penalty: kind must be equity or notional, got ${String(pen.kind)}`);
    const r = finite(`${leg}.penalty`, pen.rate);
    need(r >= 0 && r <= 1, () => `${leg}.penalty: rate must lie in [0, 1], got ${r}`);
  }
  if (p.convention === 'study') {
    need(p.model === 'rebalance', () => `model: the study convention has only the rebalance model, got ${p.model}`);
    need(p.long.closeFeeBps === 0, () => `long.closeFeeBps: the study convention has no long close fee, got ${p.long.closeFeeBps}`);
  }
  const tLong = legTrigger(p.trigger, p.long.maintenance);
  const tShort = legTrigger(p.trigger, p.perp.maintenance);
  const bound = 1.2 * p.leverage;
  if (Math.min(tLong, tShort) >= bound * (1 - BOUND_TOLERANCE)) return;
  throw new UsageError(
    `trigger/leverage: invalid combination: effective triggers long ${fmt(tLong)}, short ${fmt(tShort)} ` +
      `must be >= 1.2 x leverage = ${fmt(bound)} (leverage ${p.leverage} needs trigger >= ${fmt(bound)} ` +
      `and leverage <= ${fmt(0.8 / 1.2 / Math.max(p.long.maintenance, p.perp.maintenance))} at these maintenances)`,
  );
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(4).replace(/0+$/, '');
}
