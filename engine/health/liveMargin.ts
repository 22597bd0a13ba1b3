/**
 * The full BigInt reference of Drift's account figures for every state a live cross-margin account can be in,
 * transcribed from `@drift-labs/sdk` 2.156.0 `User` (`getMarginCalculation`, `getHealth`,
 * `getLiquidationStatuses`, `getLeverageComponents`, `getUnrealizedPNL`, `liquidationPrice`) and the math it
 * calls, expression by expression: spot deposits and borrows in any market (weights, IMF size discount and
 * premium, scaled initial asset weight, strict pricing with the live 5-minute TWAP), open orders (worst-case
 * base or balance, $0.01 per order), the MM oracle for PnL, status bits and the liquidation buffer, high-leverage
 * mode, custom margin ratios, unsettled funding by side, the liquidation price's own rules.
 *
 * `opts.program` follows the on-chain program where it differs from the SDK (docs/health-paper-strategy.md:
 * the $100 cap on weighted positive PnL in the initial margin and the PnL IMF discount sized on |pnl| x 1e3).
 *
 * @example
 *   const f = liveFigures(account, markets); // every field equals the SDK call of the same name
 */
import { isqrt, sizeDiscountAssetWeight } from './reference.js';
import {
  FiguresRefusedError,
  type LiveAccount,
  type LiveFigures,
  type LiveMarkets,
  type LivePerpMarket,
  type LivePerpPosition,
  type LiveSpotMarket,
} from './liveTypes.js';
import {
  OPEN_ORDER_MARGIN_REQUIREMENT,
  QUOTE_SPOT_MARKET_INDEX,
  WEIGHT_PRECISION,
  assetWeight,
  liabilityWeight,
  signedTokenAmount,
  spotAssetValue,
  spotLiabilityValue,
  worstCaseTokenAmounts,
  type Category,
  type Strict,
} from './liveSpot.js';

const PRICE = 1_000_000n;
const QUOTE = 1_000_000n;
const BASE = 1_000_000_000n;
const FUNDING_BUFFER = 1_000n;
const PERCENTAGE = 1_000_000n;
const PROGRAM_UPNL_CAP = 100n * QUOTE;

const abs = (x: bigint): bigint => (x < 0n ? -x : x);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

export interface MarginContext {
  category: 'Initial' | 'Maintenance';
  strict: boolean;
  includeOpenOrders: boolean;
  /** the cross liquidation buffer added to spot liability weights (`getLiquidationStatuses`), 1e4 */
  buffer: bigint;
  program?: boolean;
}

export interface Totals {
  totalCollateral: bigint;
  marginRequirement: bigint;
}

export function perpMarketOf(markets: LiveMarkets, index: number): LivePerpMarket {
  const m = markets.perp.get(index);
  if (m === undefined) throw new FiguresRefusedError(`perp market ${index}`, 'not supplied');
  return m;
}

export function spotMarketOf(markets: LiveMarkets, index: number): LiveSpotMarket {
  const m = markets.spot.get(index);
  if (m === undefined) throw new FiguresRefusedError(`spot market ${index}`, 'not supplied');
  return m;
}

/** `isHighLeverageMode(category)`. */
export function isHighLeverage(acc: LiveAccount, category: 'Initial' | 'Maintenance'): boolean {
  return acc.marginMode === 'highLeverage' || (category === 'Maintenance' && acc.marginMode === 'highLeverageMaintenance');
}

/** `calculateSizePremiumLiabilityWeight(size, imf, ratio, MARGIN_PRECISION, bounded)`. */
function sizePremium(sizeAbs: bigint, imf: bigint, ratio: bigint, bounded: boolean): bigint {
  if (imf === 0n) return ratio;
  const premium = ratio - ratio / 5n + (isqrt(sizeAbs * 10n + 1n) * imf) / 10_000_000n;
  return bounded ? max(ratio, premium) : premium;
}

/** `calcHighLeverageModeInitialMarginRatioFromSize`. */
function hlmInitialRatio(pre: bigint, sizeAdj: bigint, dflt: bigint): bigint {
  if (sizeAdj < pre) {
    const discount = PERCENTAGE - ((pre - sizeAdj) * PERCENTAGE) / (pre / 5n);
    const delta = max(pre - dflt, 1n);
    return (delta * discount) / PERCENTAGE + dflt;
  }
  return sizeAdj === pre ? dflt : sizeAdj;
}

/** `calculateMarketMarginRatio(market, size, category, custom, highLeverage)`, 1e4. */
export function perpMarginRatio(m: LivePerpMarket, sizeAbs: bigint, category: 'Initial' | 'Maintenance', custom: bigint, hlm: boolean): bigint {
  const isHl = hlm && m.highLeverageMarginRatioInitial > 0n && m.highLeverageMarginRatioMaintenance > 0n;
  const initial = isHl ? m.highLeverageMarginRatioInitial : m.marginRatioInitial;
  const maintenance = isHl ? m.highLeverageMarginRatioMaintenance : m.marginRatioMaintenance;
  const dflt = category === 'Initial' ? initial : maintenance;
  let ratio: bigint;
  if (isHl && category === 'Initial') {
    ratio = hlmInitialRatio(m.marginRatioInitial, sizePremium(sizeAbs, m.imfFactor, m.marginRatioInitial, false), dflt);
  } else {
    ratio = max(dflt, sizePremium(sizeAbs, m.imfFactor, dflt, true));
  }
  return category === 'Initial' ? max(ratio, custom) : ratio;
}

/** `calculateWorstCasePerpLiabilityValue` at the (non-MM) oracle price. */
export function worstCasePerp(pos: LivePerpPosition, price: bigint, includeOpenOrders: boolean): { base: bigint; liability: bigint } {
  if (!includeOpenOrders) return { base: pos.baseAssetAmount, liability: (abs(pos.baseAssetAmount) * price) / BASE };
  const bids = pos.baseAssetAmount + pos.openBids;
  const asks = pos.baseAssetAmount + pos.openAsks;
  const bidsLiability = (abs(bids) * price) / BASE;
  const asksLiability = (abs(asks) * price) / BASE;
  return asksLiability >= bidsLiability ? { base: asks, liability: asksLiability } : { base: bids, liability: bidsLiability };
}

/** `calculatePositionPNL(market, position, withFunding, mmOracle)`, quote 1e6 before quote pricing. */
export function perpPnl(m: LivePerpMarket, pos: LivePerpPosition, withFunding: boolean): bigint {
  const base = pos.baseAssetAmount;
  if (base === 0n) return pos.quoteAssetAmount;
  const value = (abs(base) * m.mmOraclePrice) / BASE;
  let pnl = (base < 0n ? -value : value) + pos.quoteAssetAmount;
  if (withFunding) {
    const cumulative = base > 0n ? m.cumulativeFundingRateLong : m.cumulativeFundingRateShort;
    pnl += -(((cumulative - pos.lastCumulativeFundingRate) * base) / BASE / FUNDING_BUFFER);
  }
  return pnl;
}

function spotTotals(acc: LiveAccount, markets: LiveMarkets, ctx: MarginContext, t: Totals): void {
  const { category, strict, includeOpenOrders, buffer } = ctx;
  const userCustom = category === 'Initial' ? acc.maxMarginRatio : 0n;
  for (const pos of acc.spot) {
    if (pos.scaledBalance === 0n && pos.openOrders === 0) continue;
    const m = spotMarketOf(markets, pos.marketIndex);
    const s: Strict = { current: m.oraclePrice, twap: strict ? m.twap5Live : undefined };
    if (pos.marketIndex === QUOTE_SPOT_MARKET_INDEX) {
      const amount = signedTokenAmount(pos, m);
      if (!pos.isBorrow) t.totalCollateral += spotAssetValue(amount, s, m, acc.maxMarginRatio, category);
      else t.marginRequirement += abs(spotLiabilityValue(amount, s, m, acc.maxMarginRatio, category, buffer));
      continue;
    }
    const worst = worstCaseTokenAmounts(pos, m, s, category, userCustom, includeOpenOrders);
    if (includeOpenOrders) t.marginRequirement += BigInt(pos.openOrders) * OPEN_ORDER_MARGIN_REQUIREMENT;
    if (worst.tokenAmount > 0n) t.totalCollateral += spotAssetValue(worst.tokenAmount, s, m, acc.maxMarginRatio, category);
    else if (worst.tokenAmount < 0n) {
      t.marginRequirement += abs(spotLiabilityValue(worst.tokenAmount, s, m, acc.maxMarginRatio, category, buffer));
    }
    if (worst.ordersValue > 0n) t.totalCollateral += worst.ordersValue;
    else if (worst.ordersValue < 0n) t.marginRequirement += -worst.ordersValue;
  }
}

/** The positive-PnL weight (`calculateUnrealizedAssetWeight`; `program`: IMF sized on |pnl| x 1e3). */
function pnlWeight(m: LivePerpMarket, pnl: bigint, category: 'Initial' | 'Maintenance', program: boolean): bigint {
  if (category === 'Maintenance') return m.unrealizedPnlMaintenanceAssetWeight;
  if (m.unrealizedPnlImfFactor === 0n) return m.unrealizedPnlInitialAssetWeight;
  return sizeDiscountAssetWeight(program ? pnl * 1000n : pnl, Number(m.unrealizedPnlImfFactor), m.unrealizedPnlInitialAssetWeight);
}

function perpTotals(acc: LiveAccount, markets: LiveMarkets, ctx: MarginContext, t: Totals): void {
  const { category, strict, includeOpenOrders } = ctx;
  const userCustom = category === 'Initial' ? acc.maxMarginRatio : 0n;
  const hlm = isHighLeverage(acc, category);
  for (const pos of acc.perp) {
    const m = perpMarketOf(markets, pos.marketIndex);
    const quote = spotMarketOf(markets, m.quoteSpotMarketIndex);
    const worst = worstCasePerp(pos, m.oraclePrice, includeOpenOrders);
    const ratio = perpMarginRatio(m, abs(worst.base), category, max(userCustom, pos.maxMarginRatio), hlm);
    const quotePrice = strict ? max(quote.oraclePrice, quote.twap5Stored) : quote.oraclePrice;
    let requirement = (((worst.liability * quotePrice) / PRICE) * ratio) / WEIGHT_PRECISION;
    if (includeOpenOrders) requirement += BigInt(pos.openOrders) * OPEN_ORDER_MARGIN_REQUIREMENT;
    let pnl = perpPnl(m, pos, true);
    let pnlQuotePrice = quote.oraclePrice;
    if (strict && pnl > 0n) pnlQuotePrice = min(quote.oraclePrice, quote.twap5Stored);
    else if (strict && pnl < 0n) pnlQuotePrice = max(quote.oraclePrice, quote.twap5Stored);
    pnl = (pnl * pnlQuotePrice) / PRICE;
    if (pnl > 0n) {
      pnl = (pnl * pnlWeight(m, pnl, category, ctx.program === true)) / WEIGHT_PRECISION;
      if (ctx.program === true && category === 'Initial') pnl = min(pnl, PROGRAM_UPNL_CAP);
    }
    t.marginRequirement += requirement;
    t.totalCollateral += pnl;
  }
}

/** `User.getMarginCalculation(category, { strict, includeOpenOrders, liquidationBufferMap })`: cross totals. */
export function liveMarginTotals(acc: LiveAccount, markets: LiveMarkets, ctx: MarginContext): Totals {
  const t: Totals = { totalCollateral: 0n, marginRequirement: 0n };
  spotTotals(acc, markets, ctx, t);
  perpTotals(acc, markets, ctx, t);
  return t;
}

const TWO_53 = 2n ** 53n;

/** `User.getHealth()`; refuses when the SDK's `BN.toNumber()` would throw (beyond 2^53). */
export function liveHealth(acc: LiveAccount, t: Totals): number {
  if ((acc.status & 3) !== 0) return 0;
  const { totalCollateral: tc, marginRequirement: mr } = t;
  if (mr === 0n && tc >= 0n) return 100;
  if (tc <= 0n) return 0;
  if (tc >= TWO_53 || mr >= TWO_53) throw new FiguresRefusedError('health', 'collateral or requirement beyond 2^53 (the SDK throws in BN.toNumber)');
  return Math.round(Math.min(100, Math.max(0, (1 - Number(mr) / Number(tc)) * 100)));
}

/** `getLeverageComponents()` then `calculateLeverageFromComponents`, 1e4. */
export function liveLeverage(acc: LiveAccount, markets: LiveMarkets): bigint {
  let perpLiability = 0n;
  let perpPnlTotal = 0n;
  for (const pos of acc.perp) {
    const m = perpMarketOf(markets, pos.marketIndex);
    perpLiability += worstCasePerp(pos, m.oraclePrice, true).liability;
    perpPnlTotal += (perpPnl(m, pos, true) * spotMarketOf(markets, m.quoteSpotMarketIndex).oraclePrice) / PRICE;
  }
  let assets = 0n;
  let liabilities = 0n;
  let netQuote = 0n;
  for (const pos of acc.spot) {
    if (pos.scaledBalance === 0n && pos.openOrders === 0) continue;
    const m = spotMarketOf(markets, pos.marketIndex);
    const s: Strict = { current: m.oraclePrice, twap: undefined };
    if (pos.marketIndex === QUOTE_SPOT_MARKET_INDEX) {
      const amount = signedTokenAmount(pos, m);
      netQuote += pos.isBorrow ? -abs(spotLiabilityValue(amount, s, m, acc.maxMarginRatio, undefined, 0n)) : spotAssetValue(amount, s, m, acc.maxMarginRatio, undefined);
      continue;
    }
    const worst = worstCaseTokenAmounts(pos, m, s, undefined, acc.maxMarginRatio, true);
    if (worst.tokenAmount > 0n) assets += spotAssetValue(worst.tokenAmount, s, m, acc.maxMarginRatio, undefined);
    if (worst.tokenAmount < 0n) liabilities += abs(spotLiabilityValue(worst.tokenAmount, s, m, acc.maxMarginRatio, undefined, 0n));
    if (worst.ordersValue > 0n) netQuote += worst.ordersValue;
    if (worst.ordersValue < 0n) netQuote -= -worst.ordersValue; // weight 1e4 without a margin category
    liabilities += BigInt(pos.openOrders) * OPEN_ORDER_MARGIN_REQUIREMENT;
  }
  if (netQuote > 0n) assets += netQuote;
  else liabilities += -netQuote;
  const net = assets + perpPnlTotal - liabilities;
  if (net === 0n) return 0n;
  return ((perpLiability + liabilities) * 10_000n) / net;
}

/** `getUnrealizedPNL(withFunding)`: PnL at the MM oracle, priced at the quote oracle, unweighted. */
export function liveUnrealizedPnl(acc: LiveAccount, markets: LiveMarkets, withFunding: boolean): bigint {
  let total = 0n;
  for (const pos of acc.perp) {
    const m = perpMarketOf(markets, pos.marketIndex);
    total += (perpPnl(m, pos, withFunding) * spotMarketOf(markets, m.quoteSpotMarketIndex).oraclePrice) / PRICE;
  }
  return total;
}

/** `getMultipleBetweenOracleSources(perpSource, spotSource)`. */
function oracleSourceMultiple(perp: string, spot: string): [bigint, bigint] {
  const pairs: Record<string, [bigint, bigint]> = {
    'pythPull/pyth1MPull': [1_000_000n, 1n],
    'pythPull/pyth1KPull': [1000n, 1n],
    'pyth1MPull/pythPull': [1n, 1_000_000n],
    'pyth1KPull/pythPull': [1n, 1000n],
    'pythLazer/pythLazer1M': [1_000_000n, 1n],
    'pythLazer/pythLazer1K': [1000n, 1n],
    'pythLazer1M/pythLazer': [1n, 1_000_000n],
    'pythLazer1K/pythLazer': [1n, 1000n],
  };
  return pairs[`${perp}/${spot}`] ?? [1n, 1n];
}

/** `calculateFreeCollateralDeltaForSpot(market, signedTokenAmount, 'Maintenance')`. */
function spotFreeCollateralDelta(m: LiveSpotMarket, amount: bigint): bigint {
  const precision = 10n ** BigInt(m.decimals);
  if (amount > 0n) return (((QUOTE * assetWeight(amount, m, 'Maintenance')) / WEIGHT_PRECISION) * amount) / precision;
  return (((-QUOTE * liabilityWeight(abs(amount), m, 'Maintenance')) / WEIGHT_PRECISION) * abs(amount)) / precision;
}

/**
 * `User.liquidationPrice(marketIndex)` with its defaults: maintenance, no open orders (its own margin
 * calculation `freeMaintenanceNoOrders`), no size change, plus the delta of a spot balance on the same oracle.
 */
export function liveLiquidationPrice(acc: LiveAccount, markets: LiveMarkets, pos: LivePerpPosition, freeMaintenanceNoOrders: bigint): bigint {
  const m = perpMarketOf(markets, pos.marketIndex);
  const base = pos.baseAssetAmount;
  if (base === 0n) return -1n;
  const ratio = perpMarginRatio(m, abs(base), 'Maintenance', 0n, isHighLeverage(acc, 'Maintenance'));
  const ratioQuote = (ratio * QUOTE) / WEIGHT_PRECISION;
  let delta = base > 0n ? ((QUOTE - ratioQuote) * base) / BASE : ((-QUOTE - ratioQuote) * abs(base)) / BASE;
  const sameOracle = markets.spotOrder.find((s) => s.oracle === m.oracle);
  if (sameOracle !== undefined) {
    const spotPos = acc.spot.find((p) => p.marketIndex === sameOracle.marketIndex);
    if (spotPos !== undefined) {
      const [num, den] = oracleSourceMultiple(m.oracleSource, sameOracle.oracleSource);
      delta += (spotFreeCollateralDelta(sameOracle, signedTokenAmount(spotPos, sameOracle)) * num) / den;
    }
  }
  if (delta === 0n) return -1n;
  const price = m.oraclePrice - (freeMaintenanceNoOrders * QUOTE) / delta;
  return price < 0n ? -1n : price;
}

const free = (t: Totals): bigint => max(0n, t.totalCollateral - t.marginRequirement);

/** Every figure of `LiveFigures`, each equal to the SDK `User` call of the same name. */
export function liveFigures(acc: LiveAccount, markets: LiveMarkets): LiveFigures {
  const maint = liveMarginTotals(acc, markets, { category: 'Maintenance', strict: false, includeOpenOrders: true, buffer: 0n });
  const liq =
    acc.liquidationBuffer === 0n ? maint : liveMarginTotals(acc, markets, { category: 'Maintenance', strict: false, includeOpenOrders: true, buffer: acc.liquidationBuffer });
  const initial = liveMarginTotals(acc, markets, { category: 'Initial', strict: false, includeOpenOrders: true, buffer: 0n });
  const strictInitial = liveMarginTotals(acc, markets, { category: 'Initial', strict: true, includeOpenOrders: true, buffer: 0n });
  const noOrders = liveMarginTotals(acc, markets, { category: 'Maintenance', strict: false, includeOpenOrders: false, buffer: 0n });
  const freeNoOrders = free(noOrders);
  return {
    health: liveHealth(acc, maint),
    canBeLiquidated: liq.totalCollateral < liq.marginRequirement,
    totalCollateralMaintenance: maint.totalCollateral,
    totalCollateralInitial: initial.totalCollateral,
    maintenanceMarginRequirement: maint.marginRequirement,
    initialMarginRequirement: strictInitial.marginRequirement,
    freeCollateral: free(strictInitial),
    leverage: liveLeverage(acc, markets),
    unrealizedPnl: liveUnrealizedPnl(acc, markets, true),
    unrealizedPnlNoFunding: liveUnrealizedPnl(acc, markets, false),
    perpPositions: acc.perp.map((pos) => ({ marketIndex: pos.marketIndex, liquidationPrice: liveLiquidationPrice(acc, markets, pos, freeNoOrders) })),
  };
}

/** Free collateral as the on-chain program computes it for withdrawals (strict initial, `program: true`). */
export function liveProgramFreeCollateral(acc: LiveAccount, markets: LiveMarkets): bigint {
  return free(liveMarginTotals(acc, markets, { category: 'Initial', strict: true, includeOpenOrders: true, buffer: 0n, program: true }));
}
