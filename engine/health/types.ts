/**
 * Drift account state for the health math (MODEL.md section 7), in Drift's own integer precisions.
 *
 * Units are in the names' comments: price 1e6 (`PRICE_PRECISION`), base 1e9 (`BASE_PRECISION`),
 * quote 1e6 (`QUOTE_PRECISION`), margin ratios and asset weights 1e4 (`MARGIN_PRECISION`,
 * `SPOT_MARKET_WEIGHT_PRECISION`), IMF factors 1e6 (`SPOT_MARKET_IMF_PRECISION`), cumulative funding
 * rates 1e9 (`FUNDING_RATE_PRECISION`), USDC scaled balance 1e9 and cumulative deposit interest 1e10.
 *
 * The class of states covered (docs/health-paper-strategy.md): USDC collateral (spot market 0, oracle
 * price exactly $1, asset weight 100%, no IMF), perp positions in up to 8 of the nine markets below, no
 * open orders, no isolated positions, no high-leverage mode, not being liquidated, markets in normal
 * (non-settlement) status with `unrealizedPnlMaxImbalance = 0`.
 */

/** The nine Drift mainnet perp markets the harness models, by market index. */
export const PERP_MARKET_NAMES = ['SOL', 'BTC', 'ETH', 'APT', '1MBONK', 'POL', 'ARB', 'DOGE', 'BNB'] as const;
export type PerpMarketName = (typeof PERP_MARKET_NAMES)[number];

/** A Drift user holds at most 8 perp positions. */
export const MAX_PERP_POSITIONS = 8;

export interface PerpMarketState {
  marketIndex: number;
  /** oracle price, 1e6 */
  oraclePrice: bigint;
  /** 1e4 */
  marginRatioInitial: number;
  /** 1e4 */
  marginRatioMaintenance: number;
  /** size premium on the margin ratio, 1e6; 0 disables it */
  imfFactor: number;
  /** weight of positive unrealised PnL in initial collateral, 1e4 */
  unrealizedPnlInitialAssetWeight: number;
  /** weight of positive unrealised PnL in maintenance collateral, 1e4 */
  unrealizedPnlMaintenanceAssetWeight: number;
  /** size discount on the initial PnL weight, 1e6; 0 disables it */
  unrealizedPnlImfFactor: number;
  /** 1e9 (quote per base, with the 1e3 funding buffer) */
  cumulativeFundingRateLong: bigint;
  cumulativeFundingRateShort: bigint;
}

export interface QuoteMarketState {
  /** USDC spot market cumulative deposit interest, 1e10 (1e10 = no interest accrued yet) */
  cumulativeDepositInterest: bigint;
}

export interface PerpPositionState {
  marketIndex: number;
  /** signed base, 1e9 (negative = short) */
  baseAssetAmount: bigint;
  /** signed quote, 1e6: minus the entry cost, plus realised PnL not yet settled */
  quoteAssetAmount: bigint;
  /** market cumulative funding rate at the last settlement, 1e9 */
  lastCumulativeFundingRate: bigint;
  /** per-position custom initial margin ratio, 1e4 (0 = none) */
  maxMarginRatio: number;
}

export interface AccountState {
  /** USDC deposit as Drift's scaled balance, 1e9 */
  usdcScaledBalance: bigint;
  /** user-level custom initial margin ratio, 1e4 (0 = none) */
  maxMarginRatio: number;
  positions: readonly PerpPositionState[];
}

/** Everything the health math needs besides the account: market states indexed by market index. */
export interface MarketSnapshot {
  quote: QuoteMarketState;
  perp: readonly PerpMarketState[];
}

export interface HealthResult {
  /** maintenance-weighted total collateral, quote 1e6 (SDK `getTotalCollateral('Maintenance')`) */
  totalCollateral: bigint;
  /** initial-weighted total collateral, quote 1e6 (SDK `getTotalCollateral()`) */
  initialTotalCollateral: bigint;
  /** quote 1e6 (SDK `getMaintenanceMarginRequirement()`) */
  maintenanceMarginRequirement: bigint;
  /** quote 1e6 (SDK `getInitialMarginRequirement()`) */
  initialMarginRequirement: bigint;
  /** integer 0..100 (SDK `getHealth()`) */
  health: number;
  /** 1e4 (SDK `getLeverage()`) */
  leverage: bigint;
  /** max(0, initial TC - IMR), quote 1e6 (SDK `getFreeCollateral()`) */
  freeCollateral: bigint;
  /** per position in `positions` order, price 1e6, -1 when none (SDK `liquidationPrice(marketIndex)`) */
  liquidationPrices: bigint[];
}
