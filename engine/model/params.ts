/**
 * Venue presets, parameter resolution and validation (MODEL.md sections 3 and 9).
 *
 * `resolveParams({ leverage: 3 })` gives a complete `BacktestParams` with every default
 * of the chosen venue and convention applied; `validateParams` rejects invalid values and
 * invalid combinations with a `UsageError` naming the parameter.
 */
import { parseDecimal } from '../data/decimal.js';
import { UsageError } from '../errors.js';
import {
  CONVENTIONS,
  LEG_PRICES,
  MODELS,
  SURVIVORS,
  VENUES,
  type BacktestParams,
  type Convention,
  type LongLiquidation,
  type ParamOverrides,
  type Venue,
} from './types.js';

/** The conventional "never" trigger. */
export const NEVER_TRIGGER = 999;
/** Relative tolerance for the validity bounds of section 3. */
export const BOUND_TOLERANCE = 1e-9;
/** Study convention: the dollar threshold below which a triggered rebalance does nothing. */
export const STUDY_MIN_TRANSFER = 5;

type Preset = Omit<BacktestParams, 'capital' | 'leverage' | 'trigger' | 'model' | 'convention' | 'survivor' | 'legPrices'>;

const FULL: LongLiquidation = { kind: 'full' };

/** Section 3 presets (convention `exact`). Every value is an assumption, overridable per run. */
const EXACT_PRESETS: Record<Venue, Preset> = {
  hl: {
    venue: 'hl',
    long: { openFeeBps: 15, closeFeeBps: 0, maintenance: 0.15, penalty: { kind: 'notional', rate: 0.05 }, liquidation: FULL },
    perp: { feeBps: 4.5, maintenance: 0.025, penalty: { kind: 'equity', rate: 0.5 } },
    transferCost: 3.0,
    gas: 0,
  },
  drift: {
    venue: 'drift',
    long: { openFeeBps: 15, closeFeeBps: 0, maintenance: 0.15, penalty: { kind: 'notional', rate: 0.05 }, liquidation: FULL },
    perp: { feeBps: 3.5, maintenance: 0.03, penalty: { kind: 'notional', rate: 0.025 } },
    transferCost: 0.01,
    gas: 0,
  },
};

/** Section 9 presets (convention `study`): both legs use the perp venue's maintenance and penalty. */
const STUDY_PRESETS: Record<Venue, Preset> = {
  hl: {
    venue: 'hl',
    long: { openFeeBps: 15, closeFeeBps: 0, maintenance: 0.05, penalty: { kind: 'equity', rate: 0.5 }, liquidation: FULL },
    perp: { feeBps: 3.5, maintenance: 0.05, penalty: { kind: 'equity', rate: 0.5 } },
    transferCost: 3.0,
    gas: 2,
  },
  drift: {
    venue: 'drift',
    long: { openFeeBps: 15, closeFeeBps: 0, maintenance: 0.03, penalty: { kind: 'notional', rate: 0.025 }, liquidation: FULL },
    perp: { feeBps: 3.5, maintenance: 0.03, penalty: { kind: 'notional', rate: 0.025 } },
    transferCost: 0.001,
    gas: 2,
  },
};

export function venuePreset(venue: Venue, convention: Convention): Preset {
  const p = (convention === 'study' ? STUDY_PRESETS : EXACT_PRESETS)[venue];
  return {
    ...p,
    long: { ...p.long, penalty: { ...p.long.penalty }, liquidation: { ...p.long.liquidation } },
    perp: { ...p.perp, penalty: { ...p.perp.penalty } },
  };
}

/** Fill every default (venue preset per convention, `trigger = 2L`), then validate. */
export function resolveParams(o: ParamOverrides = {}): BacktestParams {
  const params = buildParams(o);
  validateParams(params);
  return params;
}

/** Like `resolveParams`, without throwing for an invalid combination: grids skip those by the thousand. */
export function tryResolveParams(o: ParamOverrides): { params: BacktestParams; problem: null } | { params: null; problem: string } {
  const params = buildParams(o);
  const problem = paramsProblem(params);
  return problem === null ? { params, problem } : { params: null, problem };
}

/** Every default applied; not validated (a bad convention or venue name still throws). */
function buildParams(o: ParamOverrides): BacktestParams {
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
    long: {
      ...preset.long,
      ...o.long,
      penalty: { ...(o.long?.penalty ?? preset.long.penalty) },
      liquidation: { ...(o.long?.liquidation ?? preset.long.liquidation) },
    },
    perp: { ...preset.perp, ...o.perp, penalty: { ...(o.perp?.penalty ?? preset.perp.penalty) } },
    transferCost: o.transferCost ?? preset.transferCost,
    gas: preset.gas,
    survivor: o.survivor ?? 'close',
    legPrices: o.legPrices ?? 'perp',
  };
  return params;
}

/** Effective trigger of a leg (section 3): `min(T, 0.8/m)`, with 999 meaning `0.8/m`. */
export function legTrigger(trigger: number, maintenance: number): number {
  const cap = 0.8 / maintenance;
  return trigger >= NEVER_TRIGGER ? cap : Math.min(trigger, cap);
}

const isFinite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const notFinite = (name: string, v: unknown): string => `${name}: expected a finite number, got ${String(v)}`;

/** Reject invalid values and combinations with a `UsageError` naming the parameter. */
export function validateParams(p: BacktestParams): void {
  const problem = paramsProblem(p);
  if (problem !== null) throw new UsageError(problem);
}

/**
 * What is wrong with a parameter set, naming the parameter, or `null` when it is valid. Messages are
 * built only on failure (sweeps check 100k lanes; an Error with its stack per invalid lane cost ~10 us).
 */
export function paramsProblem(p: BacktestParams): string | null {
  if (!MODELS.includes(p.model)) return `model: expected static, rebalance or rotation, got ${String(p.model)}`;
  if (!isFinite(p.capital)) return notFinite('capital', p.capital);
  if (!(p.capital > 0)) return `capital: must be > 0, got ${p.capital}`;
  if (!isFinite(p.leverage)) return notFinite('leverage', p.leverage);
  if (!(p.leverage >= 1)) return `leverage: must be >= 1, got ${p.leverage}`;
  if (!isFinite(p.trigger)) return notFinite('trigger', p.trigger);
  if (!(p.trigger > 0)) return `trigger: must be > 0, got ${p.trigger}`;
  const nonNegative: [string, unknown][] = [
    ['long.openFeeBps', p.long.openFeeBps],
    ['long.closeFeeBps', p.long.closeFeeBps],
    ['perp.feeBps', p.perp.feeBps],
    ['transferCost', p.transferCost],
  ];
  for (const [name, v] of nonNegative) {
    if (!isFinite(v)) return notFinite(name, v);
    if (!(v >= 0)) return `${name}: must be >= 0, got ${v}`;
  }
  for (const [leg, m] of [['long', p.long.maintenance], ['perp', p.perp.maintenance]] as const) {
    if (!isFinite(m)) return notFinite(`${leg}.maintenance`, m);
    if (!(m > 0 && m < 1)) return `${leg}.maintenance: must lie in (0, 1), got ${m}`;
  }
  for (const [leg, pen] of [['long', p.long.penalty], ['perp', p.perp.penalty]] as const) {
    if (pen.kind !== 'equity' && pen.kind !== 'notional') return `${leg}.penalty: kind must be equity or notional, got ${String(pen.kind)}`;
    if (!isFinite(pen.rate)) return notFinite(`${leg}.penalty`, pen.rate);
    if (!(pen.rate >= 0 && pen.rate <= 1)) return `${leg}.penalty: rate must lie in [0, 1], got ${pen.rate}`;
  }
  if (!SURVIVORS.includes(p.survivor)) return `survivor: expected close or liquidation, got ${String(p.survivor)}`;
  if (!LEG_PRICES.includes(p.legPrices)) return `legPrices: expected perp or split, got ${String(p.legPrices)}`;
  const liq = longLiquidationProblem(p.long.liquidation);
  if (liq !== null) return liq;
  if (p.convention === 'study') {
    if (p.survivor !== 'close') return `survivor: the study convention has only survivor close (MODEL.md 10), got ${p.survivor}`;
    if (p.legPrices !== 'perp') return `legPrices: the study convention has only legPrices perp (MODEL.md 10), got ${p.legPrices}`;
    if (p.long.liquidation.kind !== 'full') return `long.liquidation: the study convention has only full liquidation (MODEL.md 10), got ${formatLongLiquidation(p.long.liquidation)}`;
    if (p.model !== 'rebalance') return `model: the study convention has only the rebalance model, got ${p.model}`;
    if (p.long.closeFeeBps !== 0) return `long.closeFeeBps: the study convention has no long close fee, got ${p.long.closeFeeBps}`;
  }
  const tLong = legTrigger(p.trigger, p.long.maintenance);
  const tShort = legTrigger(p.trigger, p.perp.maintenance);
  const bound = 1.2 * p.leverage;
  if (Math.min(tLong, tShort) >= bound * (1 - BOUND_TOLERANCE)) return null;
  return (
    `trigger/leverage: invalid combination: effective triggers long ${fmt(tLong)}, short ${fmt(tShort)} ` +
    `must be >= 1.2 x leverage = ${fmt(bound)} (leverage ${p.leverage} needs trigger >= ${fmt(bound)} ` +
    `and leverage <= ${fmt(0.8 / 1.2 / Math.max(p.long.maintenance, p.perp.maintenance))} at these maintenances)`
  );
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(4).replace(/0+$/, '');
}

/** `full` or `partial:CF:BONUS` (MODEL.md 10.3); throws a `UsageError` naming `long.liquidation`. */
export function parseLongLiquidation(text: string): LongLiquidation {
  const t = text.trim();
  if (t === 'full') return { kind: 'full' };
  const m = /^partial:([^:]+):([^:]+)$/.exec(t);
  if (!m) throw new UsageError(`long.liquidation: expected full or partial:CF:BONUS (e.g. partial:0.2:0.05), got "${text}"`);
  // The one decimal grammar (docs/bounds.md): `0x10` or `Infinity` is not a close factor.
  const liq: LongLiquidation = { kind: 'partial', closeFactor: parseDecimal(m[1]!) ?? NaN, bonus: parseDecimal(m[2]!) ?? NaN };
  const problem = longLiquidationProblem(liq);
  if (problem !== null) throw new UsageError(problem);
  return liq;
}

/** The command-line spelling: `full` or `partial:CF:BONUS`. */
export function formatLongLiquidation(l: LongLiquidation): string {
  return l.kind === 'full' ? 'full' : `partial:${l.closeFactor}:${l.bonus}`;
}

/** `0 < CF <= 1`, `0 <= BONUS < 1`, both finite; `null` when valid. */
export function longLiquidationProblem(l: LongLiquidation): string | null {
  if (l === null || typeof l !== 'object') return `long.liquidation: expected full or partial:CF:BONUS, got ${String(l)}`;
  if (l.kind === 'full') return null;
  if (l.kind !== 'partial') return `long.liquidation: kind must be full or partial, got ${String((l as { kind: unknown }).kind)}`;
  if (!isFinite(l.closeFactor)) return notFinite('long.liquidation close factor CF', l.closeFactor);
  if (!(l.closeFactor > 0 && l.closeFactor <= 1)) return `long.liquidation: close factor CF must lie in (0, 1], got ${l.closeFactor}`;
  if (!isFinite(l.bonus)) return notFinite('long.liquidation bonus', l.bonus);
  if (!(l.bonus >= 0 && l.bonus < 1)) return `long.liquidation: BONUS must lie in [0, 1), got ${l.bonus}`;
  return null;
}

/** True when every MODEL.md section 10 option has its default (the plain section 1-6 model). */
export function hasDefaultExecution(p: BacktestParams): boolean {
  return p.survivor === 'close' && p.legPrices === 'perp' && p.long.liquidation.kind === 'full';
}
