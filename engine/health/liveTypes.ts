/**
 * A live Drift account and the markets it touches, as plain `bigint`s in Drift's own precisions: the input of
 * the full health reference (`liveMargin.ts`) and of the live WASM batch. Built from the SDK's decoded
 * accounts by `engine/drift/figures.ts` (the one conversion seam); nothing here knows about `BN`.
 *
 * Precisions: prices 1e6, perp base 1e9, quote 1e6, spot token amounts 10^decimals, spot scaled balances 1e9,
 * cumulative interests 1e10, margin ratios and weights 1e4, IMF factors 1e6, cumulative funding 1e9.
 * Per-market values that depend only on the market, its oracle and `now` are folded in by the conversion
 * (`scaledInitialAssetWeight`, `twap5Live`, `unrealizedPnlInitialAssetWeight` after the imbalance haircut),
 * so the math below them is per position.
 */

export interface LiveSpotMarket {
  marketIndex: number;
  /** token decimals (0..15) */
  decimals: number;
  /** oracle price, 1e6 */
  oraclePrice: bigint;
  /** `calculateLiveOracleTwap(historicalOracleData, oracle, now, FIVE_MINUTE)`: strict pricing of spot balances, 1e6 */
  twap5Live: bigint;
  /** stored `historicalOracleData.lastOraclePriceTwap5Min`: strict quote pricing of perp PnL and margin, 1e6 */
  twap5Stored: bigint;
  cumulativeDepositInterest: bigint;
  cumulativeBorrowInterest: bigint;
  /** `calculateScaledInitialAssetWeight(market, oraclePrice)`, 1e4 */
  scaledInitialAssetWeight: bigint;
  maintenanceAssetWeight: bigint;
  initialLiabilityWeight: bigint;
  maintenanceLiabilityWeight: bigint;
  /** 1e6; 0 disables the size discount / premium */
  imfFactor: bigint;
  /** oracle public key (base58), for the liquidation price's same-oracle spot delta */
  oracle: string;
  /** oracle source variant name (`pythPull`, `pyth1MPull`, ...) */
  oracleSource: string;
}

export interface LivePerpMarket {
  marketIndex: number;
  /** oracle price (liability, worst-case side, liquidation price), 1e6 */
  oraclePrice: bigint;
  /** market-maker oracle price (unrealised PnL), 1e6 */
  mmOraclePrice: bigint;
  marginRatioInitial: bigint;
  marginRatioMaintenance: bigint;
  highLeverageMarginRatioInitial: bigint;
  highLeverageMarginRatioMaintenance: bigint;
  imfFactor: bigint;
  /** initial positive-PnL weight after the market's PnL-imbalance haircut (`calculateUnrealizedAssetWeight`), 1e4 */
  unrealizedPnlInitialAssetWeight: bigint;
  unrealizedPnlMaintenanceAssetWeight: bigint;
  unrealizedPnlImfFactor: bigint;
  cumulativeFundingRateLong: bigint;
  cumulativeFundingRateShort: bigint;
  quoteSpotMarketIndex: number;
  oracle: string;
  oracleSource: string;
}

export interface LiveSpotPosition {
  marketIndex: number;
  /** 1e9 (u64) */
  scaledBalance: bigint;
  isBorrow: boolean;
  /** token precision, >= 0 */
  openBids: bigint;
  /** token precision, <= 0 */
  openAsks: bigint;
  openOrders: number;
}

export interface LivePerpPosition {
  marketIndex: number;
  baseAssetAmount: bigint;
  quoteAssetAmount: bigint;
  lastCumulativeFundingRate: bigint;
  openBids: bigint;
  openAsks: bigint;
  openOrders: number;
  /** per-position custom margin ratio, 1e4 */
  maxMarginRatio: bigint;
}

export type MarginMode = 'default' | 'highLeverage' | 'highLeverageMaintenance';

export interface LiveAccount {
  /** `UserStatus` bits: 1 being liquidated, 2 bankrupt, 4 reduce only, 8 advanced LP, 16 protected maker */
  status: number;
  marginMode: MarginMode;
  /** user-level custom margin ratio, 1e4 */
  maxMarginRatio: bigint;
  /** every spot slot in account order, empty ones included (the liquidation price looks positions up by market) */
  spot: readonly LiveSpotPosition[];
  /** active perp positions in account order (`getActivePerpPositions`) */
  perp: readonly LivePerpPosition[];
  /** liquidation margin buffer (state `liquidationMarginBufferRatio`, 1e4) if the account is being liquidated, else 0 */
  liquidationBuffer: bigint;
}

export interface LiveMarkets {
  perp: ReadonlyMap<number, LivePerpMarket>;
  spot: ReadonlyMap<number, LiveSpotMarket>;
  /** spot markets in the order the SDK's `getSpotMarketAccounts()` lists them (the same-oracle lookup takes the first) */
  spotOrder: readonly LiveSpotMarket[];
}

/** Every figure of one account; amounts quote 1e6, prices 1e6, leverage 1e4. */
export interface LiveFigures {
  health: number;
  canBeLiquidated: boolean;
  totalCollateralMaintenance: bigint;
  totalCollateralInitial: bigint;
  maintenanceMarginRequirement: bigint;
  initialMarginRequirement: bigint;
  freeCollateral: bigint;
  leverage: bigint;
  unrealizedPnl: bigint;
  unrealizedPnlNoFunding: bigint;
  perpPositions: { marketIndex: number; liquidationPrice: bigint }[];
}

/**
 * A state the math does not cover (or one where the SDK itself would throw): never computed, refused with the
 * reason. `field` names the account, market or position concerned.
 */
export class FiguresRefusedError extends Error {
  override readonly name = 'FiguresRefusedError' as const;
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`account figures refused: ${field}: ${reason}`);
  }
}
