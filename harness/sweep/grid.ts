/**
 * The sweep grid: leverage x trigger x capital x venue x model x convention (x long open fee),
 * from flags (`--leverage 2,3,4` or `--leverage 1.5:4:0.5`) or a JSON grid file with the same keys.
 * Triggers may be absolute (`6`), relative to leverage (`2L`, `1.5L`) or `never` (999).
 * Invalid combinations (MODEL.md section 3) are skipped and listed with the reason, never run.
 *
 * @example expandGrid({ leverage: [2, 3], trigger: ['2L', 999] }).lanes.length // 4
 */
import { readJsonFlag } from '../io/json.js';
import { UsageError } from '../../engine/errors.js';
import type { BoundKey } from '../../engine/bounds.js';
import { checkedValue, numberFlag } from '../cli/flags.js';
import { formatLongLiquidation, hasDefaultExecution, NEVER_TRIGGER, parseLongLiquidation, tryResolveParams } from '../../engine/model/params.js';
import {
  CONVENTIONS, LEG_PRICES, MODELS, SURVIVORS, VENUES, type BacktestParams, type Convention, type LegPrices, type ModelKind,
  type ParamOverrides, type Survivor, type Venue,
} from '../../engine/model/types.js';

/** A trigger as given: an absolute leg leverage, or `k` times the leverage (`"2L"`). */
export type TriggerSpec = number | `${number}L`;

export interface GridSpec {
  leverage: number[];
  trigger: TriggerSpec[];
  capital: number[];
  venue: Venue[];
  model: ModelKind[];
  convention: Convention[];
  /** Long-leg open fee values (bps); absent: the preset's. */
  longOpenFeeBps?: number[];
  /** Skip triggers below `k * leverage` (the study skips T < 1.3 L); absent: no extra rule. */
  minTriggerRatio?: number;
  /** MODEL.md section 10 axes; absent: the default (close, perp, full). */
  survivor?: Survivor[];
  legPrices?: LegPrices[];
  /** `full` or `partial:CF:BONUS` spellings. */
  longLiquidation?: string[];
}

export interface SkippedLane {
  overrides: ParamOverrides;
  reason: string;
}

export const DEFAULT_SPEC: GridSpec = {
  leverage: [2],
  trigger: ['2L'],
  capital: [10_000],
  venue: ['hl'],
  model: ['rebalance'],
  convention: ['exact'],
};

const EPS = 1e-9;

/** The plausibility bound of each numeric grid key (engine/bounds.ts, docs/bounds.md). */
export const GRID_BOUND: Record<'leverage' | 'capital' | 'longOpenFeeBps' | 'trigger', BoundKey> = {
  leverage: 'leverage',
  capital: 'capital',
  longOpenFeeBps: 'feeBps',
  trigger: 'trigger',
};

/** `a,b,c` or `start:stop:step` (inclusive, decimal-safe) to numbers, each inside `bound` when given. */
export function parseNumberList(flag: string, raw: string, bound?: BoundKey): number[] {
  const out: number[] = [];
  for (const part of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const range = part.split(':');
    if (range.length === 3) {
      const [a, b, s] = range.map((x) => numberFlag(flag, x));
      if (!(s! > 0) || b! < a!) throw new UsageError(`${flag}: bad range "${part}" (start:stop:step, step > 0, stop >= start)`);
      const n = Math.floor((b! - a!) / s! + EPS);
      if (n > 1_000_000) throw new UsageError(`${flag}: range "${part}" has more than 1,000,000 values`);
      for (let i = 0; i <= n; i++) out.push(Number((a! + i * s!).toPrecision(12)));
    } else if (range.length === 1) {
      out.push(numberFlag(flag, part));
    } else {
      throw new UsageError(`${flag}: expected numbers or start:stop:step, got "${part}"`);
    }
  }
  if (out.length === 0) throw new UsageError(`${flag}: no values`);
  if (bound !== undefined) for (const v of out) checkedValue(flag, v, bound);
  return out;
}


/** Triggers: numbers, ranges, `kL` multiples of leverage, or `never`. */
export function parseTriggerList(raw: string): TriggerSpec[] {
  const out: TriggerSpec[] = [];
  for (const part of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (part === 'never') out.push(NEVER_TRIGGER);
    else if (/L$/i.test(part)) out.push(`${checkedValue('--trigger', numberFlag('--trigger', part.slice(0, -1)), 'trigger')}L`);
    else out.push(...parseNumberList('--trigger', part, 'trigger'));
  }
  if (out.length === 0) throw new UsageError('--trigger: no values');
  return out;
}

export function parseChoiceList<T extends string>(flag: string, raw: string, choices: readonly T[]): T[] {
  const out = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const v of out) if (!(choices as readonly string[]).includes(v)) throw new UsageError(`${flag}: expected ${choices.join(', ')}, got "${v}"`);
  if (out.length === 0) throw new UsageError(`${flag}: no values`);
  return out as T[];
}

export function triggerValue(t: TriggerSpec, leverage: number): number {
  return typeof t === 'number' ? t : Number((Number(t.slice(0, -1)) * leverage).toPrecision(12));
}

/** Read a JSON grid file: `{ "leverage": [2,3], "trigger": ["2L", 6, "never"], "venue": ["hl"], ... }`. */
export function readGridFile(file: string): Partial<GridSpec> {
  const doc = readJsonFlag('--grid', file);
  const out: Partial<GridSpec> = {};
  for (const [k, v] of Object.entries(doc as Record<string, unknown>)) {
    const list = Array.isArray(v) ? v.map(String).join(',') : String(v);
    const flag = `--grid ${file}: ${k}`;
    if (k === 'leverage' || k === 'capital' || k === 'longOpenFeeBps') out[k] = parseNumberList(flag, list, GRID_BOUND[k]);
    else if (k === 'trigger') out.trigger = parseTriggerList(list);
    else if (k === 'venue') out.venue = parseChoiceList(flag, list, VENUES);
    else if (k === 'model') out.model = parseChoiceList(flag, list, MODELS);
    else if (k === 'convention') out.convention = parseChoiceList(flag, list, CONVENTIONS);
    else if (k === 'minTriggerRatio') out.minTriggerRatio = numberFlag(flag, String(v));
    else if (k === 'survivor') out.survivor = parseChoiceList(flag, list, SURVIVORS);
    else if (k === 'legPrices') out.legPrices = parseChoiceList(flag, list, LEG_PRICES);
    else if (k === 'long.liquidation' || k === 'longLiquidation') out.longLiquidation = parseLongLiquidationList(list);
    else throw new UsageError(`${flag}: unknown key (expected leverage, trigger, capital, venue, model, convention, longOpenFeeBps, minTriggerRatio, survivor, legPrices, long.liquidation)`);
  }
  return out;
}

/** `full,partial:0.2:0.05,...` (commas separate values; each checked as `--long.liquidation`). */
export function parseLongLiquidationList(raw: string): string[] {
  const out = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (out.length === 0) throw new UsageError('--long.liquidation: no values');
  return out.map((v) => formatLongLiquidation(parseLongLiquidation(v)));
}

/**
 * Every combination, in a fixed nesting order: convention, venue, model, capital, fee, survivor,
 * legPrices, long.liquidation, leverage, trigger. Section 10 options under the study convention are
 * skipped with the reason (the study rejects them).
 */
export function expandGrid(partial: Partial<GridSpec>): { lanes: BacktestParams[]; skipped: SkippedLane[] } {
  const spec: GridSpec = { ...DEFAULT_SPEC, ...partial };
  const lanes: BacktestParams[] = [];
  const skipped: SkippedLane[] = [];
  const fees = spec.longOpenFeeBps ?? [undefined];
  const survivors = spec.survivor ?? [undefined];
  const legPrices = spec.legPrices ?? [undefined];
  const liquidations = spec.longLiquidation ?? [undefined];
  for (const convention of spec.convention)
    for (const venue of spec.venue)
      for (const model of spec.model)
        for (const capital of spec.capital)
          for (const fee of fees)
            for (const survivor of survivors)
            for (const legPrice of legPrices)
            for (const liq of liquidations)
            for (const leverage of spec.leverage)
              for (const t of spec.trigger) {
                const trigger = triggerValue(t, leverage);
                const overrides: ParamOverrides = { convention, venue, model, capital, leverage, trigger };
                if (fee !== undefined) overrides.long = { openFeeBps: fee };
                if (survivor !== undefined) overrides.survivor = survivor;
                if (legPrice !== undefined) overrides.legPrices = legPrice;
                if (liq !== undefined) overrides.long = { ...overrides.long, liquidation: parseLongLiquidation(liq) };
                if (spec.minTriggerRatio !== undefined && trigger < spec.minTriggerRatio * leverage * (1 - EPS)) {
                  skipped.push({ overrides, reason: `trigger ${trigger} < ${spec.minTriggerRatio} x leverage ${leverage} (grid rule)` });
                  continue;
                }
                const r = tryResolveParams(overrides);
                if (r.params) lanes.push(r.params);
                else skipped.push({ overrides, reason: r.problem });
              }
  return { lanes, skipped };
}

/** A short human label of a lane: `hl rebalance exact $10,000 3x/6`. */
export function laneLabel(p: BacktestParams): string {
  const t = p.trigger >= NEVER_TRIGGER ? 'never' : String(p.trigger);
  return `${p.venue} ${p.model} ${p.convention} $${p.capital.toLocaleString('en-US')} ${p.leverage}x/${t}` + (p.long.openFeeBps !== 15 ? ` fee${p.long.openFeeBps}` : '') + executionLabel(p);
}

/** ` survivor=liquidation split partial:0.2:0.05` for the non-default section 10 options ('' for none). */
export function executionLabel(p: BacktestParams): string {
  if (p.survivor === undefined || hasDefaultExecution(p)) return '';
  const parts: string[] = [];
  if (p.survivor !== 'close') parts.push(`survivor=${p.survivor}`);
  if (p.legPrices !== 'perp') parts.push(p.legPrices);
  if (p.long.liquidation.kind !== 'full') parts.push(formatLongLiquidation(p.long.liquidation));
  return ' ' + parts.join(' ');
}
