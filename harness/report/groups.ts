/**
 * Grouping sweep lanes into series (everything but leverage and trigger fixed) and the per-leverage
 * best trigger with its neighbourhood. "Best" is the first strict maximum of the annualised return in
 * ascending trigger (the study's rule); a best that beats both grid neighbours by more than
 * `ISOLATED_PP` percentage points is flagged as an isolated peak (a lucky single trigger).
 */
import type { BacktestParams, BacktestResult } from '../../engine/model/types.js';
import { executionLabel } from '../sweep/grid.js';
import { laneInvalid } from '../sweep/results.js';

export const ISOLATED_PP = 2;

export interface LaneRef {
  index: number;
  result: BacktestResult;
}

export interface LaneGroup {
  key: string;
  label: string;
  lanes: LaneRef[];
  leverages: number[];
  triggers: number[];
  /** leverage -> trigger -> lane, for constant-time cell lookups in large grids. */
  byCell: Map<number, Map<number, LaneRef>>;
  /** Memo of `bestPerLeverage` (several sections ask for it). */
  best?: BestTrigger[];
}

export function groupKey(p: BacktestParams): string {
  return `${p.convention}|${p.venue}|${p.model}|${p.capital}|${p.long.openFeeBps}|${executionLabel(p)}`;
}

export function groupLabel(p: BacktestParams): string {
  return `${p.venue === 'hl' ? 'Hyperliquid' : 'Drift'}, ${p.model}, ${p.convention} convention, $${p.capital.toLocaleString('en-US')}, long fee ${p.long.openFeeBps} bps${executionLabel(p) ? `, execution${executionLabel(p)}` : ''}`;
}

export function groupLanes(lanes: readonly BacktestResult[]): LaneGroup[] {
  const map = new Map<string, LaneGroup>();
  lanes.forEach((result, index) => {
    const k = groupKey(result.params);
    let g = map.get(k);
    if (!g) map.set(k, (g = { key: k, label: groupLabel(result.params), lanes: [], leverages: [], triggers: [], byCell: new Map() }));
    g.lanes.push({ index, result });
    let row = g.byCell.get(result.params.leverage);
    if (!row) g.byCell.set(result.params.leverage, (row = new Map()));
    if (!row.has(result.params.trigger)) row.set(result.params.trigger, { index, result });
  });
  for (const g of map.values()) {
    g.leverages = [...new Set(g.lanes.map((l) => l.result.params.leverage))].sort((a, b) => a - b);
    g.triggers = [...new Set(g.lanes.map((l) => l.result.params.trigger))].sort((a, b) => a - b);
  }
  return [...map.values()];
}

export function cell(g: LaneGroup, leverage: number, trigger: number): LaneRef | undefined {
  return g.byCell.get(leverage)?.get(trigger);
}

export interface BestTrigger {
  leverage: number;
  best: LaneRef;
  below?: LaneRef;
  above?: LaneRef;
  isolated: boolean;
}

/** Whether a lane is invalid (a judged figure not finite; harness/verdict/finite.ts): never ranked. */
export function isInvalid(l: LaneRef): boolean {
  return laneInvalid(l.result) !== null;
}

/**
 * Best trigger per leverage (first strict maximum of annualised return in ascending trigger), among
 * valid lanes only; an invalid neighbour is shown as such but cannot make the peak isolated.
 */
export function bestPerLeverage(g: LaneGroup): BestTrigger[] {
  if (g.best) return g.best;
  const out: BestTrigger[] = [];
  for (const lev of g.leverages) {
    const row = g.triggers.map((t) => cell(g, lev, t)).filter((x): x is LaneRef => x !== undefined);
    let k = -1;
    row.forEach((l, j) => {
      if (!isInvalid(l) && (k < 0 || l.result.annualized > row[k]!.result.annualized)) k = j;
    });
    if (k < 0) continue;
    const best = row[k]!;
    const below = row[k - 1];
    const above = row[k + 1];
    const neighbours = [below, above].filter((x): x is LaneRef => x !== undefined && !isInvalid(x)).map((x) => x.result.annualized);
    const isolated = neighbours.length > 0 && best.result.annualized - Math.max(...neighbours) > ISOLATED_PP / 100;
    out.push({ leverage: lev, best, below, above, isolated });
  }
  return (g.best = out);
}
