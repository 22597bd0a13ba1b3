/**
 * Decoded SDK accounts -> `LiveAccount` / `LiveMarkets` (engine/health/liveTypes.ts): reads `BN` limbs
 * directly (no `toString` round trip for values below 2^52), folds the per-market quantities that depend
 * only on the market, its oracle and `now` (scaled initial asset weight, live 5-minute TWAP, PnL-imbalance
 * haircut), and refuses, with the reason, every state the math does not cover.
 *
 * @example
 *   const { account, markets } = convertAccount(input, new MarketCache());
 */
import { FiguresRefusedError, type LiveAccount, type LiveMarkets, type LivePerpMarket, type LivePerpPosition, type LiveSpotMarket, type LiveSpotPosition, type MarginMode } from '../health/liveTypes.js';
import { depositTokenAmount, liveOracleTwap5, scaledInitialAssetWeight } from '../health/liveSpot.js';
import type { BNLike, FiguresInput, MarketsInput } from './figures.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** A decoded `BN` as a bigint: limbs read directly below 2^52, `toString` beyond. */
export function big(x: BNLike): bigint {
  const n = x.length;
  let v: bigint;
  if (n === 1) v = BigInt(x.words[0]!);
  else if (n === 2) v = BigInt(x.words[0]! + x.words[1]! * 67108864);
  else return BigInt(x.toString(10));
  return x.negative !== 0 ? -v : v;
}

/** The variant name of a decoded enum (`{ highLeverage: {} }` -> `highLeverage`). */
export function variant(e: unknown): string {
  if (e === null || typeof e !== 'object') throw new FiguresRefusedError('enum', `not a decoded enum: ${String(e)}`);
  for (const k in e) return k;
  throw new FiguresRefusedError('enum', 'empty enum object');
}

const keyStrings = new WeakMap<object, string>();

/** A public key as base58, cached per key object (encoding costs microseconds). */
export function keyString(k: Any): string {
  if (typeof k === 'string') return k;
  let s = keyStrings.get(k);
  if (s === undefined) {
    s = k.toBase58() as string;
    keyStrings.set(k, s);
  }
  return s;
}

function lookup(markets: MarketsInput, index: number): Any {
  if (markets instanceof Map) return markets.get(index);
  for (const m of markets as readonly Any[]) if (m.marketIndex === index) return m;
  return undefined;
}

function ordered(markets: MarketsInput): Any[] {
  return markets instanceof Map ? [...markets.values()] : [...(markets as readonly Any[])];
}

function toNow(now: number | bigint): bigint {
  if (typeof now === 'bigint') return now;
  if (!Number.isSafeInteger(now)) throw new FiguresRefusedError('now', `not an integer number of unix seconds: ${now}`);
  return BigInt(now);
}

/**
 * Converted markets, cached by decoded object, oracle price object and `now` (spot), and for a perp market
 * also its converted quote market (a batch over accounts sharing markets converts each market once).
 */
export class MarketCache {
  private readonly perp = new WeakMap<object, { oracle: Any; quote: LiveSpotMarket; out: LivePerpMarket }>();
  private readonly spot = new WeakMap<object, { oracle: Any; now: bigint; out: LiveSpotMarket }>();

  spotMarket(raw: Any, oracle: { price: BNLike } | undefined, now: bigint): LiveSpotMarket {
    const hit = this.spot.get(raw);
    if (hit !== undefined && hit.oracle === oracle && hit.now === now) return hit.out;
    const out = convertSpotMarket(raw, oracle, now);
    this.spot.set(raw, { oracle, now, out });
    return out;
  }

  perpMarket(raw: Any, oracle: { price: BNLike; mmPrice: BNLike } | undefined, quote: LiveSpotMarket, quoteRaw: Any): LivePerpMarket {
    const hit = this.perp.get(raw);
    // the PnL-imbalance haircut reads the quote market (its interest): same converted quote object, same result
    if (hit !== undefined && hit.oracle === oracle && hit.quote === quote) return hit.out;
    const out = convertPerpMarket(raw, oracle, quote, quoteRaw);
    this.perp.set(raw, { oracle, quote, out });
    return out;
  }
}

function convertSpotMarket(raw: Any, oracle: { price: BNLike } | undefined, now: bigint): LiveSpotMarket {
  const index: number = raw.marketIndex;
  const where = `spot market ${index}`;
  if (oracle === undefined) throw new FiguresRefusedError(where, 'no oracle price in oracles.spot');
  const decimals: number = raw.decimals;
  if (!(Number.isInteger(decimals) && decimals >= 0 && decimals <= 15)) {
    throw new FiguresRefusedError(where, `decimals ${decimals} outside 0..15 (the SDK's liquidation price builds 10^decimals as a float)`);
  }
  const oraclePrice = big(oracle.price);
  if (oraclePrice <= 0n) throw new FiguresRefusedError(where, `oracle price ${oraclePrice} not positive`);
  const hist = raw.historicalOracleData;
  const twap5Stored = big(hist.lastOraclePriceTwap5Min);
  const cumulativeDepositInterest = big(raw.cumulativeDepositInterest);
  const base = { decimals, cumulativeDepositInterest };
  return {
    marketIndex: index,
    decimals,
    oraclePrice,
    twap5Live: liveOracleTwap5(twap5Stored, big(hist.lastOraclePriceTwapTs), oraclePrice, now),
    twap5Stored,
    cumulativeDepositInterest,
    cumulativeBorrowInterest: big(raw.cumulativeBorrowInterest),
    scaledInitialAssetWeight: scaledInitialAssetWeight(BigInt(raw.initialAssetWeight), big(raw.scaleInitialAssetWeightStart), big(raw.depositBalance), base, oraclePrice),
    maintenanceAssetWeight: BigInt(raw.maintenanceAssetWeight),
    initialLiabilityWeight: BigInt(raw.initialLiabilityWeight),
    maintenanceLiabilityWeight: BigInt(raw.maintenanceLiabilityWeight),
    imfFactor: BigInt(raw.imfFactor),
    oracle: keyString(raw.oracle),
    oracleSource: variant(raw.oracleSource),
  };
}

/** `calculateUnrealizedAssetWeight`'s haircut for `unrealizedPnlMaxImbalance > 0` (`calculateNetUserPnlImbalance`). */
function imbalanceWeight(raw: Any, weight: bigint, mmPrice: bigint, quote: LiveSpotMarket): bigint {
  const maxImbalance = big(raw.unrealizedPnlMaxImbalance);
  if (maxImbalance <= 0n) return weight;
  const amm = raw.amm;
  const positionValue = ((big(amm.baseAssetAmountWithAmm) + big(amm.baseAssetAmountWithUnsettledLp)) * mmPrice) / 1_000_000_000n;
  const netUserPnl = positionValue + big(amm.quoteAssetAmount) + big(amm.quoteAssetAmountWithUnsettledLp) + big(amm.netUnsettledFundingPnl);
  const pnlPool = depositTokenAmount(big(raw.pnlPool.scaledBalance), quote);
  const feePool = depositTokenAmount(big(amm.feePool.scaledBalance), quote) / 5n;
  const imbalance = netUserPnl - (pnlPool + feePool);
  return imbalance > maxImbalance ? (weight * maxImbalance) / imbalance : weight;
}

function convertPerpMarket(raw: Any, oracle: { price: BNLike; mmPrice: BNLike } | undefined, quote: LiveSpotMarket, _quoteRaw: Any): LivePerpMarket {
  const index: number = raw.marketIndex;
  const where = `perp market ${index}`;
  if (oracle === undefined) throw new FiguresRefusedError(where, 'no oracle price in oracles.perp');
  const status = variant(raw.status);
  if (status === 'settlement') throw new FiguresRefusedError(where, 'market in settlement (expiry price, zero margin ratio): not covered');
  const contract = variant(raw.contractType);
  if (contract === 'prediction') throw new FiguresRefusedError(where, 'prediction market (liability priced at 1 - price): not covered');
  const oraclePrice = big(oracle.price);
  const mmOraclePrice = big(oracle.mmPrice);
  if (oraclePrice <= 0n || mmOraclePrice <= 0n) throw new FiguresRefusedError(where, 'oracle or MM oracle price not positive');
  const amm = raw.amm;
  return {
    marketIndex: index,
    oraclePrice,
    mmOraclePrice,
    marginRatioInitial: BigInt(raw.marginRatioInitial),
    marginRatioMaintenance: BigInt(raw.marginRatioMaintenance),
    highLeverageMarginRatioInitial: BigInt(raw.highLeverageMarginRatioInitial),
    highLeverageMarginRatioMaintenance: BigInt(raw.highLeverageMarginRatioMaintenance),
    imfFactor: BigInt(raw.imfFactor),
    unrealizedPnlInitialAssetWeight: imbalanceWeight(raw, BigInt(raw.unrealizedPnlInitialAssetWeight), mmOraclePrice, quote),
    unrealizedPnlMaintenanceAssetWeight: BigInt(raw.unrealizedPnlMaintenanceAssetWeight),
    unrealizedPnlImfFactor: BigInt(raw.unrealizedPnlImfFactor),
    cumulativeFundingRateLong: big(amm.cumulativeFundingRateLong),
    cumulativeFundingRateShort: big(amm.cumulativeFundingRateShort),
    quoteSpotMarketIndex: raw.quoteSpotMarketIndex,
    oracle: keyString(amm.oracle),
    oracleSource: variant(amm.oracleSource),
  };
}

const MARGIN_MODES: Record<string, MarginMode> = { default: 'default', highLeverage: 'highLeverage', highLeverageMaintenance: 'highLeverageMaintenance' };

/** The decoded accounts of `input` as engine types; markets converted through `cache`. */
export function convertAccount(input: FiguresInput, cache: MarketCache): { account: LiveAccount; markets: LiveMarkets } {
  const { user, oracles } = input;
  const now = toNow(input.now);
  const spot = new Map<number, LiveSpotMarket>();
  const perp = new Map<number, LivePerpMarket>();
  const spotMarket = (index: number): LiveSpotMarket => {
    let m = spot.get(index);
    if (m === undefined) {
      const raw = lookup(input.spotMarkets, index);
      if (raw === undefined) throw new FiguresRefusedError(`spot market ${index}`, 'not supplied in spotMarkets');
      m = cache.spotMarket(raw, oracles.spot.get(index), now);
      spot.set(index, m);
    }
    return m;
  };

  const spotPositions: LiveSpotPosition[] = [];
  for (const p of user.spotPositions as Any[]) {
    const pos: LiveSpotPosition = {
      marketIndex: p.marketIndex,
      scaledBalance: big(p.scaledBalance),
      isBorrow: variant(p.balanceType) === 'borrow',
      openBids: big(p.openBids),
      openAsks: big(p.openAsks),
      openOrders: p.openOrders,
    };
    spotPositions.push(pos);
    if (pos.scaledBalance !== 0n || pos.openOrders !== 0) spotMarket(pos.marketIndex);
  }

  let beingLiquidated = (user.status & 3) !== 0;
  const perpPositions: LivePerpPosition[] = [];
  const seen = new Set<number>();
  for (const p of user.perpPositions as Any[]) {
    const base = big(p.baseAssetAmount);
    const quote = big(p.quoteAssetAmount);
    const isolated = p.isolatedPositionScaledBalance !== undefined ? big(p.isolatedPositionScaledBalance) : 0n;
    if (base === 0n && quote === 0n && p.openOrders === 0 && isolated <= 0n) continue; // getActivePerpPositions
    const index: number = p.marketIndex;
    const where = `perp position in market ${index}`;
    if ((p.positionFlag & 1) !== 0 || isolated > 0n) throw new FiguresRefusedError(where, 'isolated position: not covered');
    if (seen.has(index)) throw new FiguresRefusedError(where, 'two active positions in one market');
    seen.add(index);
    if ((p.positionFlag & 6) !== 0) beingLiquidated = true; // getLiquidationBuffer: flagged position
    const rawMarket = lookup(input.perpMarkets, index);
    if (rawMarket === undefined) throw new FiguresRefusedError(`perp market ${index}`, 'not supplied in perpMarkets');
    const quoteIndex: number = rawMarket.quoteSpotMarketIndex;
    const quoteMarket = spotMarket(quoteIndex);
    if (!perp.has(index)) perp.set(index, cache.perpMarket(rawMarket, oracles.perp.get(index), quoteMarket, undefined));
    perpPositions.push({
      marketIndex: index,
      baseAssetAmount: base,
      quoteAssetAmount: quote,
      lastCumulativeFundingRate: big(p.lastCumulativeFundingRate),
      openBids: big(p.openBids),
      openAsks: big(p.openAsks),
      openOrders: p.openOrders,
      maxMarginRatio: BigInt(p.maxMarginRatio),
    });
  }

  // The liquidation price's same-oracle spot delta: the first spot market (in the given order) on a perp's oracle.
  const spotOrder: LiveSpotMarket[] = [];
  if (perpPositions.length > 0) {
    const perpOracles = new Set([...perp.values()].map((m) => m.oracle));
    for (const raw of ordered(input.spotMarkets)) {
      if (!perpOracles.has(keyString(raw.oracle))) continue;
      const index: number = raw.marketIndex;
      // getSpotPosition: the first slot of that market; an empty one (or none) contributes nothing, but the
      // market still shadows later ones on the same oracle.
      const slot = spotPositions.find((s) => s.marketIndex === index);
      const held = slot !== undefined && (slot.scaledBalance !== 0n || slot.openOrders !== 0);
      spotOrder.push(held ? spotMarket(index) : shadow(raw));
    }
  }

  const mode = MARGIN_MODES[variant(user.marginMode)];
  if (mode === undefined) throw new FiguresRefusedError('user.marginMode', `unknown margin mode ${variant(user.marginMode)}`);
  const account: LiveAccount = {
    status: user.status,
    marginMode: mode,
    maxMarginRatio: BigInt(user.maxMarginRatio),
    spot: spotPositions,
    perp: perpPositions,
    liquidationBuffer: beingLiquidated ? BigInt(input.state.liquidationMarginBufferRatio) : 0n,
  };
  return { account, markets: { perp, spot, spotOrder } };
}

/** A spot market entry that only carries its index and oracle (for the first-match rule of the lookup). */
function shadow(raw: Any): LiveSpotMarket {
  return {
    marketIndex: raw.marketIndex,
    decimals: 0,
    oraclePrice: 0n,
    twap5Live: 0n,
    twap5Stored: 0n,
    cumulativeDepositInterest: 0n,
    cumulativeBorrowInterest: 0n,
    scaledInitialAssetWeight: 0n,
    maintenanceAssetWeight: 0n,
    initialLiabilityWeight: 0n,
    maintenanceLiabilityWeight: 0n,
    imfFactor: 0n,
    oracle: keyString(raw.oracle),
    oracleSource: variant(raw.oracleSource),
  };
}
