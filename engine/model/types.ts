/**
 * The typed contract of the simulation core (MODEL.md sections 1-6 and 9).
 * Parameters, results, waterfall and events are shared by the WASM kernel wrapper,
 * the TypeScript reference and every report.
 */

export type Venue = 'hl' | 'drift';
export type ModelKind = 'static' | 'rebalance' | 'rotation';
export type Convention = 'exact' | 'study';
export type PenaltyKind = 'notional' | 'equity';

/** MODEL.md 10.1: when one leg is liquidated intraday, close the survivor at the close or at once. */
export type Survivor = 'close' | 'liquidation';
/** MODEL.md 10.2: one price series for both legs, or the spot series for the long. */
export type LegPrices = 'perp' | 'split';

export const VENUES: readonly Venue[] = ['hl', 'drift'];
export const SURVIVORS: readonly Survivor[] = ['close', 'liquidation'];
export const LEG_PRICES: readonly LegPrices[] = ['perp', 'split'];
/** MODEL.md 10.3: the bound on partial-liquidation rounds per test. */
export const MAX_PARTIAL_ROUNDS = 50;
export const MODELS: readonly ModelKind[] = ['static', 'rebalance', 'rotation'];
export const CONVENTIONS: readonly Convention[] = ['exact', 'study'];

/** A liquidation penalty: `equity` is `rate*max(E,0)`; `notional` is `min(rate*N, max(E,0))`. */
export interface Penalty {
  kind: PenaltyKind;
  rate: number;
}

/**
 * MODEL.md 10.3: the long is liquidated in full (section 5), or in rounds where a liquidator repays
 * `closeFactor*debt` and seizes collateral worth the repayment times `1 + bonus`.
 * Written `full` or `partial:CF:BONUS` on the command line.
 */
export type LongLiquidation = { kind: 'full' } | { kind: 'partial'; closeFactor: number; bonus: number };

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
    /** MODEL.md 10.3 (default `full`). */
    liquidation: LongLiquidation;
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
  /** MODEL.md 10.1 (default `close`). */
  survivor: Survivor;
  /** MODEL.md 10.2 (default `perp`); `split` needs the series' spot columns. */
  legPrices: LegPrices;
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
  survivor?: Survivor;
  legPrices?: LegPrices;
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

/**
 * `partial` is one round of a partial long liquidation (MODEL.md 10.3) and `rehedge` the short's
 * reduction that follows it; both carry `repaid`/`seized` (see `BacktestEvent`).
 */
export type EventKind = 'open' | 'liquidation' | 'rebalance' | 'rotation' | 'close' | 'ruin' | 'partial' | 'rehedge';
export type EventLeg = 'long' | 'short' | 'both';

/**
 * One entry of the event log (section 6). `equityBefore/After` are total equity (both legs) for
 * `open`/`rebalance`/`rotation`/`ruin`/final `close`, the leg's own equity for leg events
 * (`liquidation`, a leg's `close`, `partial`, `rehedge`). `partial` rounds also give `repaid`
 * (USD of debt repaid) and `seized` (SOL taken, `cost` being the bonus `seized*price - repaid`);
 * `rehedge` gives `seized` = contracts closed and `repaid` = the PnL they realised into margin.
 */
export interface BacktestEvent {
  day: number;
  date: string;
  kind: EventKind;
  leg: EventLeg;
  price: number;
  equityBefore: number;
  equityAfter: number;
  cost: number;
  repaid?: number;
  seized?: number;
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
