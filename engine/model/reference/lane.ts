/**
 * Shared pieces of the TypeScript reference model: per-lane constants, leg arithmetic, and the
 * run ledger (waterfall, counts, minimum health, drawdown, event log, equity series).
 *
 * The expression trees here are a contract: the WASM kernel mirrors each one operation for
 * operation (`k*c*f` is `(k*c)*f`), so the two engines agree with `===` (KERNEL-NOTES.md).
 */
import { longColumn, type PreparedSeries } from '../../data/series.js';
import { legTrigger, NEVER_TRIGGER } from '../params.js';
import type { BacktestEvent, BacktestParams, EventKind, EventLeg, LaneFigures, Waterfall } from '../types.js';

/** Penalty kinds as numbers, as the kernel stores them. */
export const PENALTY_EQUITY = 0;
export const PENALTY_NOTIONAL = 1;

/** Per-lane constants derived once from the parameters (rates instead of bps, effective triggers). */
export interface LaneConstants {
  capital: number;
  leverage: number;
  /** Effective triggers (exact: `min(T, 0.8/m)`; study: `T`, with `Infinity` for "never"). */
  triggerLong: number;
  triggerShort: number;
  longOpenFeeRate: number;
  longCloseFeeRate: number;
  perpFeeRate: number;
  /** Study only: `(longOpenFeeBps + perpFeeBps)/1e4`. */
  studyOpenFeeRate: number;
  mLong: number;
  mShort: number;
  onePlusMShort: number;
  oneMinusMLong: number;
  penLongKind: number;
  penLongRate: number;
  penShortKind: number;
  penShortRate: number;
  transferCost: number;
  gas: number;
  model: BacktestParams['model'];
  /** MODEL.md 10.2: column offset of the long's prices in a prepared row (0 perp, COL_SPOT split). */
  longCol: number;
  /** MODEL.md 10.1: 1 closes the survivor of a one-leg intraday liquidation at once, 0 at the close. */
  survivorAtLiquidation: number;
  /** MODEL.md 10.3: the close factor CF, 0 for full liquidation. */
  closeFactor: number;
  /** MODEL.md 10.3: `1 + BONUS` (1 for full liquidation). */
  onePlusBonus: number;
}

export function laneConstants(p: BacktestParams): LaneConstants {
  const study = p.convention === 'study';
  const never = p.trigger >= NEVER_TRIGGER;
  return {
    capital: p.capital,
    leverage: p.leverage,
    triggerLong: study ? (never ? Infinity : p.trigger) : legTrigger(p.trigger, p.long.maintenance),
    triggerShort: study ? (never ? Infinity : p.trigger) : legTrigger(p.trigger, p.perp.maintenance),
    longOpenFeeRate: p.long.openFeeBps / 1e4,
    longCloseFeeRate: p.long.closeFeeBps / 1e4,
    perpFeeRate: p.perp.feeBps / 1e4,
    studyOpenFeeRate: (p.long.openFeeBps + p.perp.feeBps) / 1e4,
    mLong: p.long.maintenance,
    mShort: p.perp.maintenance,
    onePlusMShort: 1 + p.perp.maintenance,
    oneMinusMLong: 1 - p.long.maintenance,
    penLongKind: p.long.penalty.kind === 'equity' ? PENALTY_EQUITY : PENALTY_NOTIONAL,
    penLongRate: p.long.penalty.rate,
    penShortKind: p.perp.penalty.kind === 'equity' ? PENALTY_EQUITY : PENALTY_NOTIONAL,
    penShortRate: p.perp.penalty.rate,
    transferCost: p.transferCost,
    gas: p.gas,
    model: p.model,
    longCol: longColumn(p.legPrices),
    survivorAtLiquidation: p.survivor === 'liquidation' ? 1 : 0,
    closeFactor: p.long.liquidation.kind === 'partial' ? p.long.liquidation.closeFactor : 0,
    onePlusBonus: p.long.liquidation.kind === 'partial' ? 1 + p.long.liquidation.bonus : 1,
  };
}

/** Position of both legs. */
export interface LegState {
  sol: number;
  debt: number;
  contracts: number;
  entry: number;
  margin: number;
}

/** What every reference lane holds: its constants, its legs and its ledger. */
export abstract class LaneBase {
  readonly s: LegState = { sol: 0, debt: 0, contracts: 0, entry: 0, margin: 0 };
  constructor(
    readonly k: LaneConstants,
    readonly led: Ledger,
  ) {}
}

export function longEquity(s: LegState, p: number): number {
  return s.sol * p - s.debt;
}

export function shortEquity(s: LegState, p: number): number {
  return s.margin + s.contracts * (s.entry - p);
}

/** Leg health (section 6): 0 if `E <= 0`, else `clamp(100*(1 - m*N/E), 0, 100)`. */
export function legHealth(equity: number, notional: number, m: number): number {
  if (equity <= 0) return 0;
  const h = 100 * (1 - (m * notional) / equity);
  return h < 0 ? 0 : h > 100 ? 100 : h;
}

/** Penalty at execution: equity kind `rate*max(E,0)`; notional kind `min(rate*N, max(E,0))`. */
export function penaltyOf(kind: number, rate: number, equity: number, notional: number): number {
  const pos = equity > 0 ? equity : 0;
  if (kind === PENALTY_EQUITY) return rate * pos;
  const byNotional = rate * notional;
  return byNotional < pos ? byNotional : pos;
}

/** Everything a run accumulates; figures are read from it at the end. */
export class Ledger {
  readonly w: Waterfall = {
    lendIncome: 0,
    borrowInterest: 0,
    funding: 0,
    fees: 0,
    transferCosts: 0,
    penalties: 0,
    pricePnl: 0,
    badDebt: 0,
  };
  liquidations = 0;
  liquidatedLegs = 0;
  rebalances = 0;
  rotations = 0;
  ruined = false;
  minHealthLong = 100;
  minHealthShort = 100;
  peak: number;
  maxDrawdown = 0;
  readonly events: BacktestEvent[] | null;
  readonly equity: number[] | null;

  constructor(
    private readonly series: PreparedSeries,
    initialPeak: number,
    wantEvents: boolean,
    wantEquity: boolean,
  ) {
    this.peak = initialPeak;
    this.events = wantEvents ? [] : null;
    this.equity = wantEquity ? [] : null;
  }

  health(hLong: number, hShort: number): void {
    if (hLong < this.minHealthLong) this.minHealthLong = hLong;
    if (hShort < this.minHealthShort) this.minHealthShort = hShort;
  }

  /** Record a marked equity value (drawdown against the running peak, then the series). */
  mark(equity: number): void {
    if (equity > this.peak) this.peak = equity;
    const dd = (this.peak - equity) / this.peak;
    if (dd > this.maxDrawdown) this.maxDrawdown = dd;
    this.equity?.push(equity);
  }

  event(day: number, kind: EventKind, leg: EventLeg, price: number, before: number, after: number, cost: number): void {
    this.events?.push({ day, date: this.series.dates[day]!, kind, leg, price, equityBefore: before, equityAfter: after, cost });
  }

  /** A `partial` round or a `rehedge` (MODEL.md 10.3), with its two amounts. */
  eventAmounts(day: number, kind: EventKind, leg: EventLeg, price: number, before: number, after: number, cost: number, repaid: number, seized: number): void {
    this.events?.push({ day, date: this.series.dates[day]!, kind, leg, price, equityBefore: before, equityAfter: after, cost, repaid, seized });
  }

  figures(finalEquity: number): LaneFigures {
    return {
      finalEquity,
      maxDrawdown: this.maxDrawdown,
      liquidations: this.liquidations,
      liquidatedLegs: this.liquidatedLegs,
      rebalances: this.rebalances,
      rotations: this.rotations,
      ruined: this.ruined,
      minHealthLong: this.minHealthLong,
      minHealthShort: this.minHealthShort,
      waterfall: { ...this.w },
    };
  }
}
