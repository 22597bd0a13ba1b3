/**
 * The TypeScript reference of Drift's health and margin math (MODEL.md section 7), in BigInt.
 *
 * It follows `@drift-labs/sdk` 2.156.0 `User.getMarginCalculation()` and the math it calls
 * (`math/margin.ts`, `math/market.ts`, `math/position.ts`, `math/spotBalance.ts`) expression by
 * expression, with the same truncating integer divisions (BigInt `/` truncates toward zero like `BN.div`),
 * for the class of states in `types.ts`. The WASM kernel (`core-wasm/health`) computes the same numbers
 * with i64; tests check the SDK, this file and the kernel agree exactly.
 *
 * @example
 *   const r = accountHealth(account, markets); // r.health in 0..100, r.totalCollateral in quote 1e6
 */
import type { AccountState, HealthResult, MarketSnapshot, PerpMarketState, PerpPositionState } from './types.js';

export const PRICE_PRECISION = 1_000_000n;
export const QUOTE_PRECISION = 1_000_000n;
export const BASE_PRECISION = 1_000_000_000n;
export const MARGIN_PRECISION = 10_000n;
export const FUNDING_RATE_BUFFER = 1_000n;
/** 10^(19 - 6): USDC scaled balance (1e9) x cumulative interest (1e10) -> token (1e6) */
const USDC_PRECISION_DECREASE = 10_000_000_000_000n;
/** The quote (USDC) oracle price: exactly $1 in the covered class of states. */
const QUOTE_PRICE = PRICE_PRECISION;

export type MarginCategory = 'Initial' | 'Maintenance';

const abs = (x: bigint): bigint => (x < 0n ? -x : x);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/** Floor square root (the SDK's `squareRootBN`). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('isqrt of a negative number');
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x -= 1n;
  while ((x + 1n) * (x + 1n) <= n) x += 1n;
  return x;
}

/** `calculateSizePremiumLiabilityWeight(size, imf, lw, MARGIN_PRECISION, bounded=true)`. */
export function sizePremiumMarginRatio(sizeAbs: bigint, imfFactor: number, ratio: bigint): bigint {
  if (imfFactor === 0) return ratio;
  const sizeSqrt = isqrt(sizeAbs * 10n + 1n);
  const numerator = ratio - ratio / 5n;
  const denom = 10_000_000n; // 100_000 * SPOT_MARKET_IMF_PRECISION / MARGIN_PRECISION
  return max(ratio, numerator + (sizeSqrt * BigInt(imfFactor)) / denom);
}

/** `calculateSizeDiscountAssetWeight(size, imf, weight)`. */
export function sizeDiscountAssetWeight(size: bigint, imfFactor: number, weight: bigint): bigint {
  if (imfFactor === 0) return weight;
  const sizeSqrt = isqrt(abs(size) * 10n + 1n);
  const discount = (1_100_000n * 10_000n) / (1_000_000n + (sizeSqrt * BigInt(imfFactor)) / 100_000n);
  return min(weight, discount);
}

/** `calculateMarketMarginRatio` (normal, non-high-leverage mode), 1e4. */
export function marketMarginRatio(
  market: PerpMarketState,
  sizeAbs: bigint,
  category: MarginCategory,
  customMarginRatio: number,
): bigint {
  const base = BigInt(category === 'Initial' ? market.marginRatioInitial : market.marginRatioMaintenance);
  let ratio = max(base, sizePremiumMarginRatio(sizeAbs, market.imfFactor, base));
  if (category === 'Initial') ratio = max(ratio, BigInt(customMarginRatio));
  return ratio;
}

/** USDC token amount (1e6) of a scaled deposit balance (`getTokenAmount`, deposit side). */
export function usdcTokenAmount(scaledBalance: bigint, cumulativeDepositInterest: bigint): bigint {
  return (scaledBalance * cumulativeDepositInterest) / USDC_PRECISION_DECREASE;
}

/** Unsettled funding PnL of a position, quote 1e6 (`calculateUnsettledFundingPnl`). */
export function unsettledFundingPnl(market: PerpMarketState, pos: PerpPositionState): bigint {
  if (pos.baseAssetAmount === 0n) return 0n;
  const cumulative = pos.baseAssetAmount > 0n ? market.cumulativeFundingRateLong : market.cumulativeFundingRateShort;
  return -(((cumulative - pos.lastCumulativeFundingRate) * pos.baseAssetAmount) / BASE_PRECISION / FUNDING_RATE_BUFFER);
}

/** |base| x oracle, quote 1e6 (`calculatePerpLiabilityValue`, non-prediction market). */
export function perpLiabilityValue(baseAssetAmount: bigint, oraclePrice: bigint): bigint {
  return (abs(baseAssetAmount) * oraclePrice) / BASE_PRECISION;
}

/** Unrealised PnL including unsettled funding, quote 1e6 (`calculatePositionPNL(..., withFunding=true)`). */
export function positionPnl(market: PerpMarketState, pos: PerpPositionState): bigint {
  if (pos.baseAssetAmount === 0n) return pos.quoteAssetAmount;
  const value = perpLiabilityValue(pos.baseAssetAmount, market.oraclePrice);
  const signed = pos.baseAssetAmount < 0n ? -value : value;
  return signed + pos.quoteAssetAmount + unsettledFundingPnl(market, pos);
}

/** A position the SDK counts as active (`getActivePerpPositions`, no orders or LP shares in this class). */
export function isActive(pos: PerpPositionState): boolean {
  return pos.baseAssetAmount !== 0n || pos.quoteAssetAmount !== 0n;
}

export interface MarginTotals {
  totalCollateral: bigint;
  marginRequirement: bigint;
}

function marketOf(markets: MarketSnapshot, index: number): PerpMarketState {
  const m = markets.perp[index];
  if (m === undefined || m.marketIndex !== index) throw new RangeError(`no perp market state for index ${index}`);
  return m;
}

/**
 * What the on-chain program (protocol-v2 v2.156.0 `calculate_perp_position_value_and_pnl`) does
 * differently from the SDK in the initial margin: it caps each position's weighted positive unrealised PnL
 * at $100 (`MAX_POSITIVE_UPNL_FOR_INITIAL_MARGIN`) and sizes the PnL IMF discount on `|pnl| x 1e3`.
 */
export const PROGRAM_MAX_POSITIVE_UPNL_FOR_INITIAL_MARGIN = 100n * QUOTE_PRECISION;

export interface MarginOptions {
  /** follow the program instead of the SDK where they differ (initial margin only) */
  program?: boolean;
}

/** `User.getMarginCalculation(category)` for the covered class: cross margin totals, quote 1e6. */
export function marginTotals(account: AccountState, markets: MarketSnapshot, category: MarginCategory, opts: MarginOptions = {}): MarginTotals {
  // USDC deposit: token x $1 / 1e6 x weight 1e4 / 1e4 is the token amount itself.
  let totalCollateral = usdcTokenAmount(account.usdcScaledBalance, markets.quote.cumulativeDepositInterest);
  let marginRequirement = 0n;
  const userCustom = category === 'Initial' ? account.maxMarginRatio : 0;
  for (const pos of account.positions) {
    if (!isActive(pos)) continue;
    const market = marketOf(markets, pos.marketIndex);
    const liability = perpLiabilityValue(pos.baseAssetAmount, market.oraclePrice);
    const custom = Math.max(userCustom, pos.maxMarginRatio);
    const ratio = marketMarginRatio(market, abs(pos.baseAssetAmount), category, custom);
    marginRequirement += (((liability * QUOTE_PRICE) / PRICE_PRECISION) * ratio) / MARGIN_PRECISION;
    let pnl = (positionPnl(market, pos) * QUOTE_PRICE) / PRICE_PRECISION;
    if (pnl > 0n) {
      const size = opts.program === true ? pnl * 1000n : pnl;
      pnl = (pnl * unrealizedPnlWeight(market, size, category)) / MARGIN_PRECISION;
      if (opts.program === true && category === 'Initial') pnl = min(pnl, PROGRAM_MAX_POSITIVE_UPNL_FOR_INITIAL_MARGIN);
    }
    totalCollateral += pnl;
  }
  return { totalCollateral, marginRequirement };
}

/** `calculateUnrealizedAssetWeight` with `unrealizedPnlMaxImbalance = 0`; `size` sizes the IMF discount. */
function unrealizedPnlWeight(market: PerpMarketState, size: bigint, category: MarginCategory): bigint {
  if (category === 'Maintenance') return BigInt(market.unrealizedPnlMaintenanceAssetWeight);
  return sizeDiscountAssetWeight(size, market.unrealizedPnlImfFactor, BigInt(market.unrealizedPnlInitialAssetWeight));
}

/** Free collateral as the on-chain program computes it for withdrawals (see `MarginOptions.program`). */
export function programFreeCollateral(account: AccountState, markets: MarketSnapshot): bigint {
  const t = marginTotals(account, markets, 'Initial', { program: true });
  return max(0n, t.totalCollateral - t.marginRequirement);
}

/** `User.getHealth()`: integer 0..100 from maintenance totals. */
export function healthFrom(totalCollateral: bigint, maintenanceRequirement: bigint): number {
  if (maintenanceRequirement === 0n && totalCollateral >= 0n) return 100;
  if (totalCollateral <= 0n) return 0;
  const x = (1 - Number(maintenanceRequirement) / Number(totalCollateral)) * 100;
  return Math.round(Math.min(100, Math.max(0, x)));
}

/** `User.getLeverage()`: total perp liability / net asset value, 1e4; 0 when the net asset value is 0. */
export function leverageOf(account: AccountState, markets: MarketSnapshot): bigint {
  let liability = 0n;
  let pnl = 0n;
  for (const pos of account.positions) {
    if (!isActive(pos)) continue;
    const market = marketOf(markets, pos.marketIndex);
    liability += perpLiabilityValue(pos.baseAssetAmount, market.oraclePrice);
    pnl += (positionPnl(market, pos) * QUOTE_PRICE) / PRICE_PRECISION;
  }
  const net = usdcTokenAmount(account.usdcScaledBalance, markets.quote.cumulativeDepositInterest) + pnl;
  if (net === 0n) return 0n;
  return (liability * MARGIN_PRECISION) / net;
}

/**
 * `User.liquidationPrice(marketIndex)` with its defaults (no size change, maintenance, no open orders):
 * the oracle price at which maintenance free collateral reaches zero if only this market moves; -1 if none.
 */
export function liquidationPriceOf(
  pos: PerpPositionState,
  market: PerpMarketState,
  freeMaintenanceCollateral: bigint,
): bigint {
  const base = pos.baseAssetAmount;
  if (base === 0n) return -1n;
  const ratio = marketMarginRatio(market, abs(base), 'Maintenance', pos.maxMarginRatio);
  const ratioQuote = (ratio * QUOTE_PRECISION) / MARGIN_PRECISION;
  const delta =
    base > 0n
      ? ((QUOTE_PRECISION - ratioQuote) * base) / BASE_PRECISION
      : ((-QUOTE_PRECISION - ratioQuote) * abs(base)) / BASE_PRECISION;
  if (delta === 0n) return -1n;
  const price = market.oraclePrice - (freeMaintenanceCollateral * QUOTE_PRECISION) / delta;
  return price < 0n ? -1n : price;
}

/** Every health figure of one account (see `HealthResult` for the SDK call each one matches). */
export function accountHealth(account: AccountState, markets: MarketSnapshot): HealthResult {
  const maint = marginTotals(account, markets, 'Maintenance');
  const init = marginTotals(account, markets, 'Initial');
  const freeMaint = max(0n, maint.totalCollateral - maint.marginRequirement);
  const liquidationPrices = account.positions.map((pos) =>
    isActive(pos) ? liquidationPriceOf(pos, marketOf(markets, pos.marketIndex), freeMaint) : -1n,
  );
  return {
    totalCollateral: maint.totalCollateral,
    initialTotalCollateral: init.totalCollateral,
    maintenanceMarginRequirement: maint.marginRequirement,
    initialMarginRequirement: init.marginRequirement,
    health: healthFrom(maint.totalCollateral, maint.marginRequirement),
    leverage: leverageOf(account, markets),
    freeCollateral: max(0n, init.totalCollateral - init.marginRequirement),
    liquidationPrices,
  };
}
