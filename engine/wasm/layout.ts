/**
 * The kernel's memory layout as the host sees it (mirror of core-wasm/backtest/layout.ts; the
 * loader checks the field counts against the module's own `paramFields`/`outputFields`).
 *
 * Every block is f64, laid out by the host after `ensure(bytes)` (16-byte aligned blocks):
 *
 *   base ─► mkt  days x 12 f64       [open, high, low, close, funding, lendDaily, borrowDaily, pad,
 *                                     spotOpen, spotHigh, spotLow, spotClose]
 *           par  NP x stride f64     lane parameters [field][lane]
 *           out  NO x stride f64     lane outputs    [field][lane]
 *           ev   slots x cap x 10 f64 event records  [day, kind, leg, price, before, after, cost, repaid, seized, pad]
 *           eq   slots x days f64    equity series of detail lanes
 */
import { MAX_PARTIAL_ROUNDS, type EventKind, type EventLeg, type ModelKind } from '../model/types.js';

export const P = {
  capital: 0,
  leverage: 1,
  triggerLong: 2,
  triggerShort: 3,
  longOpenFeeRate: 4,
  longCloseFeeRate: 5,
  perpFeeRate: 6,
  studyOpenFeeRate: 7,
  mLong: 8,
  mShort: 9,
  onePlusMShort: 10,
  oneMinusMLong: 11,
  penLongKind: 12,
  penLongRate: 13,
  penShortKind: 14,
  penShortRate: 15,
  transferCost: 16,
  gas: 17,
  model: 18,
  detail: 19,
  longCol: 20,
  survivor: 21,
  closeFactor: 22,
  onePlusBonus: 23,
} as const;
export const NP = 24;

export const O = {
  finalEquity: 0,
  maxDrawdown: 1,
  liquidations: 2,
  liquidatedLegs: 3,
  rebalances: 4,
  rotations: 5,
  ruined: 6,
  minHealthLong: 7,
  minHealthShort: 8,
  lendIncome: 9,
  borrowInterest: 10,
  funding: 11,
  fees: 12,
  transferCosts: 13,
  penalties: 14,
  pricePnl: 15,
  badDebt: 16,
  nEvents: 17,
  nEquity: 18,
} as const;
export const NO = 19;

/**
 * The outputs `outputs: 'figures'` does not compute (runLanesWasm marks them NaN): they feed no
 * state, so every other output is identical to a full run's.
 */
export const NOT_IN_FIGURES: readonly number[] = [O.minHealthLong, O.minHealthShort, O.lendIncome, O.borrowInterest, O.funding, O.pricePnl];

/** The shape of packed lane parameters (see `packLanes` in lanes.ts). */
export interface PackedLanesLike {
  count: number;
  stride: number;
  /** `NP x stride` f64, `[field][lane]`. */
  data: Float64Array;
}

/** Lanes are padded to the vector width (f64x2). */
export const VECTOR_WIDTH = 2;
/** f64 per event record. */
export const EV_FIELDS = 10;

export const MODEL_CODE: Record<ModelKind, number> = { static: 0, rebalance: 1, rotation: 2 };
export const EVENT_KINDS: readonly EventKind[] = ['open', 'liquidation', 'rebalance', 'rotation', 'close', 'ruin', 'partial', 'rehedge'];
export const EVENT_LEGS: readonly EventLeg[] = ['long', 'short', 'both'];

/**
 * Event capacity per detail lane: at most 3 records a day (two legs + reopen) plus open and close.
 * With partial long liquidation (MODEL.md 10.3) a day can add up to 50 rounds and a re-hedge before
 * a full liquidation (3 records): 54 a day.
 */
export function eventCapacity(days: number, partial = false): number {
  return (partial ? 3 + MAX_PARTIAL_ROUNDS + 1 : 3) * days + 2;
}

export function padLanes(n: number): number {
  return Math.ceil(n / VECTOR_WIDTH) * VECTOR_WIDTH;
}
