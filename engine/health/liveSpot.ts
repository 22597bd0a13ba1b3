/**
 * Drift spot-balance math in BigInt, transcribed from `@drift-labs/sdk` 2.156.0 `math/spotBalance.ts`,
 * `math/spotPosition.ts` and `math/oracles.ts` expression by expression (BigInt `/` truncates toward zero
 * like `BN.div`). Used by `liveMargin.ts`; the functions keep the SDK's names.
 *
 * @example
 *   const amount = signedTokenAmount(position, market); // token precision, negative for a borrow
 */
import { sizeDiscountAssetWeight, sizePremiumMarginRatio } from './reference.js';
import type { LiveSpotMarket, LiveSpotPosition } from './liveTypes.js';

export type Category = 'Initial' | 'Maintenance' | undefined;

export const WEIGHT_PRECISION = 10_000n;
export const OPEN_ORDER_MARGIN_REQUIREMENT = 10_000n; // QUOTE_PRECISION / 100
export const QUOTE_SPOT_MARKET_INDEX = 0;
const AMM_RESERVE_PRECISION = 1_000_000_000n;

const abs = (x: bigint): bigint => (x < 0n ? -x : x);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

export const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** `getTokenAmount` (deposits truncate, borrows round up) then `getSignedTokenAmount`. */
export function signedTokenAmount(pos: LiveSpotPosition, m: LiveSpotMarket): bigint {
  const decrease = pow10(19 - m.decimals);
  if (!pos.isBorrow) return (pos.scaledBalance * m.cumulativeDepositInterest) / decrease;
  const x = pos.scaledBalance * m.cumulativeBorrowInterest;
  const q = x / decrease;
  return -(x % decrease > 0n ? q + 1n : q);
}

/** `getTokenAmount(balance, market, DEPOSIT)`. */
export function depositTokenAmount(scaledBalance: bigint, m: Pick<LiveSpotMarket, 'decimals' | 'cumulativeDepositInterest'>): bigint {
  return (scaledBalance * m.cumulativeDepositInterest) / pow10(19 - m.decimals);
}

/** The strict oracle price: `StrictOraclePrice(current, twap)`; `twap` undefined when not strict. */
export interface Strict {
  current: bigint;
  twap: bigint | undefined;
}
const strictMin = (s: Strict): bigint => (s.twap === undefined ? s.current : min(s.twap, s.current));
const strictMax = (s: Strict): bigint => (s.twap === undefined ? s.current : max(s.twap, s.current));

export function strictTokenValue(amount: bigint, decimals: number, s: Strict): bigint {
  if (amount === 0n) return 0n;
  return (amount * (amount >= 0n ? strictMin(s) : strictMax(s))) / pow10(decimals);
}

function tokenValue(amount: bigint, decimals: number, price: bigint): bigint {
  if (amount === 0n) return 0n;
  return (amount * price) / pow10(decimals);
}

/** Token amount to AMM reserve precision (1e9), truncating like the SDK (the sign is dropped later). */
function sizeInAmm(amount: bigint, decimals: number): bigint {
  const precision = pow10(decimals);
  return precision > AMM_RESERVE_PRECISION ? amount / (precision / AMM_RESERVE_PRECISION) : (amount * AMM_RESERVE_PRECISION) / precision;
}

/** `calculateAssetWeight` (the scaled initial weight is precomputed per market with the current oracle). */
export function assetWeight(amount: bigint, m: LiveSpotMarket, category: Category): bigint {
  if (category === undefined) return m.scaledInitialAssetWeight;
  const size = sizeInAmm(amount, m.decimals);
  const w = category === 'Initial' ? m.scaledInitialAssetWeight : m.maintenanceAssetWeight;
  return m.imfFactor === 0n ? w : sizeDiscountAssetWeight(size, Number(m.imfFactor), w);
}

/** `calculateLiabilityWeight`. */
export function liabilityWeight(amount: bigint, m: LiveSpotMarket, category: Category): bigint {
  if (category === undefined) return m.initialLiabilityWeight;
  const size = abs(sizeInAmm(amount, m.decimals));
  const w = category === 'Initial' ? m.initialLiabilityWeight : m.maintenanceLiabilityWeight;
  return m.imfFactor === 0n ? w : sizePremiumMarginRatio(size, Number(m.imfFactor), w);
}

/** `getSpotAssetValue`. */
export function spotAssetValue(amount: bigint, s: Strict, m: LiveSpotMarket, userMaxMarginRatio: bigint, category: Category): bigint {
  let value = strictTokenValue(amount, m.decimals, s);
  if (category !== undefined) {
    let w = assetWeight(amount, m, category);
    if (category === 'Initial' && m.marketIndex !== QUOTE_SPOT_MARKET_INDEX) w = min(w, max(0n, WEIGHT_PRECISION - userMaxMarginRatio));
    value = (value * w) / WEIGHT_PRECISION;
  }
  return value;
}

/** `getSpotLiabilityValue` (signed like the token amount; callers take `abs`). */
export function spotLiabilityValue(
  amount: bigint,
  s: Strict,
  m: LiveSpotMarket,
  userMaxMarginRatio: bigint,
  category: Category,
  buffer: bigint,
): bigint {
  let value = strictTokenValue(amount, m.decimals, s);
  if (category !== undefined) {
    let w = liabilityWeight(amount, m, category);
    if (category === 'Initial' && m.marketIndex !== QUOTE_SPOT_MARKET_INDEX) w = max(w, WEIGHT_PRECISION + userMaxMarginRatio);
    value = (value * (w + buffer)) / WEIGHT_PRECISION;
  }
  return value;
}

/** `calculateWeightedTokenValue`: the weighted value used to pick the worst order side. */
function weightedTokenValue(amount: bigint, value: bigint, m: LiveSpotMarket, category: Category, custom: bigint): bigint {
  let w = value >= 0n ? assetWeight(amount, m, category) : liabilityWeight(abs(amount), m, category);
  if (category === 'Initial' && custom !== 0n && m.marketIndex !== QUOTE_SPOT_MARKET_INDEX) {
    w = value >= 0n ? min(w, max(0n, WEIGHT_PRECISION - custom)) : max(w, WEIGHT_PRECISION + custom);
  }
  return (value * w) / WEIGHT_PRECISION;
}

export interface WorstCase {
  tokenAmount: bigint;
  ordersValue: bigint;
}

/** `getWorstCaseTokenAmounts`: the balance after the side of open orders that leaves less free collateral. */
export function worstCaseTokenAmounts(
  pos: LiveSpotPosition,
  m: LiveSpotMarket,
  s: Strict,
  category: Category,
  custom: bigint,
  includeOpenOrders: boolean,
): WorstCase {
  const amount = signedTokenAmount(pos, m);
  if ((pos.openBids === 0n && pos.openAsks === 0n) || !includeOpenOrders) return { tokenAmount: amount, ordersValue: 0n };
  const value = strictTokenValue(amount, m.decimals, s);
  const simulate = (orders: bigint): WorstCase & { contribution: bigint } => {
    const ordersValue = tokenValue(-orders, m.decimals, strictMax(s));
    const after = amount + orders;
    const weighted = weightedTokenValue(after, value - ordersValue, m, category, custom);
    return { tokenAmount: after, ordersValue, contribution: weighted + ordersValue };
  };
  const bids = simulate(pos.openBids);
  const asks = simulate(pos.openAsks);
  const worst = asks.contribution < bids.contribution ? asks : bids;
  return { tokenAmount: worst.tokenAmount, ordersValue: worst.ordersValue };
}

/** `calculateLiveOracleTwap(hist, oracle, now, FIVE_MINUTE)`. */
export function liveOracleTwap5(twap: bigint, twapTs: bigint, oraclePrice: bigint, now: bigint): bigint {
  const period = 300n;
  const sinceLastUpdate = max(1n, now - twapTs);
  const sinceStart = max(0n, period - sinceLastUpdate);
  const clampRange = twap / 3n;
  const clamped = min(twap + clampRange, max(oraclePrice, twap - clampRange));
  return (twap * sinceStart + clamped * sinceLastUpdate) / (sinceStart + sinceLastUpdate);
}

/** `calculateScaledInitialAssetWeight(market, oraclePrice)`. */
export function scaledInitialAssetWeight(
  initialAssetWeight: bigint,
  scaleStart: bigint,
  depositBalance: bigint,
  m: Pick<LiveSpotMarket, 'decimals' | 'cumulativeDepositInterest'>,
  oraclePrice: bigint,
): bigint {
  if (scaleStart === 0n) return initialAssetWeight;
  const deposits = depositTokenAmount(depositBalance, m);
  const value = tokenValue(deposits, m.decimals, oraclePrice);
  return value < scaleStart ? initialAssetWeight : (initialAssetWeight * scaleStart) / value;
}
