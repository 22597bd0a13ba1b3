/**
 * `backtestGrid` on the WASM engine: lanes grouped by convention (one prepared series each), run
 * in one packed call per group, results scattered back in grid order.
 */
import { requireSpot, type PreparedSeries } from '../data/series.js';
import { finishResult } from '../model/finish.js';
import { laneConstants } from '../model/reference/lane.js';
import type { BacktestEvent, BacktestParams, BacktestResult, Convention, LaneFigures } from '../model/types.js';
import { EV_FIELDS, EVENT_KINDS, EVENT_LEGS, O } from './layout.js';
import { packLanes, runLanesWasm, type LaneOutputs, type RunLanesOptions } from './lanes.js';

/** The figures of lane `j` from packed outputs. */
export function laneFigures(r: LaneOutputs, j: number): LaneFigures {
  const f = (field: number): number => r.out[field * r.stride + j]!;
  return {
    finalEquity: f(O.finalEquity),
    maxDrawdown: f(O.maxDrawdown),
    liquidations: f(O.liquidations),
    liquidatedLegs: f(O.liquidatedLegs),
    rebalances: f(O.rebalances),
    rotations: f(O.rotations),
    ruined: f(O.ruined) !== 0,
    minHealthLong: f(O.minHealthLong),
    minHealthShort: f(O.minHealthShort),
    waterfall: {
      lendIncome: f(O.lendIncome),
      borrowInterest: f(O.borrowInterest),
      funding: f(O.funding),
      fees: f(O.fees),
      transferCosts: f(O.transferCosts),
      penalties: f(O.penalties),
      pricePnl: f(O.pricePnl),
      badDebt: f(O.badDebt),
    },
  };
}

/** The event log of lane `j` (detail slot `slot`), with dates from the series. */
export function laneEvents(r: LaneOutputs, j: number, slot: number, dates: readonly string[]): BacktestEvent[] {
  const n = r.out[O.nEvents * r.stride + j]!;
  const events: BacktestEvent[] = [];
  for (let i = 0; i < n; i++) {
    const o = (slot * r.eventCap + i) * EV_FIELDS;
    const v = r.events;
    const day = v[o]!;
    const kind = EVENT_KINDS[v[o + 1]!]!;
    const e: BacktestEvent = {
      day,
      date: dates[day]!,
      kind,
      leg: EVENT_LEGS[v[o + 2]!]!,
      price: v[o + 3]!,
      equityBefore: v[o + 4]!,
      equityAfter: v[o + 5]!,
      cost: v[o + 6]!,
    };
    if (kind === 'partial' || kind === 'rehedge') {
      e.repaid = v[o + 7]!;
      e.seized = v[o + 8]!;
    }
    events.push(e);
  }
  return events;
}

/** The equity series of lane `j` (detail slot `slot`). */
export function laneEquity(r: LaneOutputs, j: number, slot: number): number[] {
  const n = r.out[O.nEquity * r.stride + j]!;
  return Array.from(r.equity.subarray(slot * r.days, slot * r.days + n));
}

/** Every lane of `grid` on the kernel, in grid order; lanes in `detail` also get events and equity. */
export function runGridWasm(
  series: (c: Convention) => PreparedSeries,
  grid: readonly BacktestParams[],
  detail: ReadonlySet<number>,
  opts: RunLanesOptions = {},
): BacktestResult[] {
  const results: BacktestResult[] = new Array(grid.length);
  const groups = new Map<Convention, number[]>();
  grid.forEach((p, i) => {
    const g = groups.get(p.convention);
    if (g) g.push(i);
    else groups.set(p.convention, [i]);
  });
  for (const [convention, idx] of groups) {
    const s = series(convention);
    for (const i of idx) requireSpot(s, grid[i]!.legPrices);
    const slots = new Map<number, number>();
    idx.forEach((i, j) => {
      if (detail.has(i)) slots.set(j, slots.size);
    });
    const r = runLanesWasm(s, packLanes(idx.map((i) => laneConstants(grid[i]!)), slots), opts);
    idx.forEach((i, j) => {
      const slot = slots.get(j);
      const events = slot === undefined ? null : laneEvents(r, j, slot, s.dates);
      const equity = slot === undefined ? null : laneEquity(r, j, slot);
      results[i] = finishResult(laneFigures(r, j), grid[i]!, s.days, events, equity);
    });
  }
  return results;
}
