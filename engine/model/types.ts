/**
 * The typed contract of the simulation core (MODEL.md sections 1-6 and 9).
 * Parameters, results, waterfall and events are shared by the WASM kernel wrapper,
 * the TypeScript reference and every report.
 */

export type Venue = 'hl' | 'drift';
export type ModelKind = 'static' | 'rebalance' | 'rotation';
export type Convention = 'exact' | 'study';
export type PenaltyKind = 'notional' | 'equity';

export const VENUES: readonly Venue[] = ['hl', 'drift'];
export const MODELS: readonly ModelKind[] = ['static', 'rebalance', 'rotation'];
export const CONVENTIONS: readonly Convention[] = ['exact', 'study'];

/** A liquidation penalty: `equity` is `rate*max(E,0)`; `notional` is `min(rate*N, max(E,0))`. */
export interface Penalty {
  kind: PenaltyKind;
  rate: number;
}

/** Fully resolved parameters of one run (every default already applied). */
export interface BacktestParams {
  capital: number;
  venue: Venue;
  leverage: number;
  /** Leg leverage at close that triggers action; 999 is the conventional "never". */
  trigger: number;
  model: ModelKind;
  convention: Convention;
  long: {
    openFeeBps: number;
    closeFeeBps: number;
    maintenance: number;
    penalty: Penalty;
  };
  perp: {
    feeBps: number;
    maintenance: number;
    penalty: Penalty;
  };
  /** USD lost per capital transfer between legs. */
  transferCost: number;
  /** USD gas per open and per reopen (study convention only; 0 under `exact`). */
  gas: number;
}

/** Partial parameters as a user or a grid gives them; `resolveParams` fills the rest. */
export interface ParamOverrides {
  capital?: number;
  venue?: Venue;
  leverage?: number;
  trigger?: number;
  model?: ModelKind;
  convention?: Convention;
  long?: Partial<BacktestParams['long']>;
  perp?: Partial<BacktestParams['perp']>;
  transferCost?: number;
}

/** Every term of the section 6 identity, each accumulated as it happens. */
export interface Waterfall {
  lendIncome: number;
  borrowInterest: number;
  funding: number;
  fees: number;
  transferCosts: number;
  penalties: number;
  pricePnl: number;
  badDebt: number;
}

export const WATERFALL_KEYS: readonly (keyof Waterfall)[] = [
  'lendIncome',
  'borrowInterest',
  'funding',
  'fees',
  'transferCosts',
  'penalties',
  'pricePnl',
  'badDebt',
];

export type EventKind = 'open' | 'liquidation' | 'rebalance' | 'rotation' | 'close' | 'ruin';
export type EventLeg = 'long' | 'short' | 'both';

/** One entry of the event log (section 6). `equityBefore/After` are total equity (both legs). */
export interface BacktestEvent {
  day: number;
  date: string;
  kind: EventKind;
  leg: EventLeg;
  price: number;
  equityBefore: number;
  equityAfter: number;
  cost: number;
}

/** The per-lane figures of section 6, as the kernel produces them (no pow: see `finishResult`). */
export interface LaneFigures {
  finalEquity: number;
  maxDrawdown: number;
  liquidations: number;
  liquidatedLegs: number;
  rebalances: number;
  rotations: number;
  ruined: boolean;
  minHealthLong: number;
  minHealthShort: number;
  waterfall: Waterfall;
}

export interface BacktestResult extends LaneFigures {
  totalReturn: number;
  annualized: number;
  params: BacktestParams;
  convention: Convention;
  /** Present when events were requested. */
  events?: BacktestEvent[];
  /** Present when the equity series was requested: one value per marked day. */
  equity?: number[];
}

export interface RunOptions {
  events?: boolean;
  equity?: boolean;
}
