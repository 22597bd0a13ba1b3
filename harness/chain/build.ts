/**
 * Turns the world's spec (spec.ts) into Drift account bytes at their real addresses (state, market and
 * user PDAs from the SDK's address functions), built with the SDK's coder (accounts.ts). Everything is
 * derived from the spec, the start slot and the start time: the same inputs give the same bytes.
 *
 * @example
 *   const accounts = await buildWorldAccounts(coder, { slot: 100n, unixTs: 1_704_067_200 });
 */
import type { PublicKey as PublicKeyT } from '@solana/web3.js';
import type { WorldCoder } from './accounts.js';
import { PERP_SPECS, SPOT_SPECS, USER_SPECS, type PerpSpec, type SpotSpec, type UserSpec } from './spec.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export interface WorldAccount {
  address: PublicKeyT;
  data: Buffer;
  /** what it is, e.g. "perp market 0 (SOL-PERP)" */
  label: string;
}

export interface WorldUser {
  spec: UserSpec;
  authority: PublicKeyT;
  user: PublicKeyT;
  userStats: PublicKeyT;
}

export interface BuiltWorld {
  programId: PublicKeyT;
  accounts: WorldAccount[];
  users: WorldUser[];
  /** oracle address per perp market index (spot SOL shares SOL-PERP's) */
  oracles: PublicKeyT[];
}

/** Cumulative funding per market at start (1e9); positions carry a slightly older value: unsettled funding. */
const FUNDING_LONG = 1_250_000_000n;
const FUNDING_SHORT = 1_248_000_000n;
const FUNDING_UNSETTLED = 3_000_000n;

const nameBytes = (s: string): number[] => Array.from({ length: 32 }, (_, i) => (i < s.length ? s.charCodeAt(i) : 32));

export async function buildWorldAccounts(coder: WorldCoder, at: { slot: bigint; unixTs: number }): Promise<BuiltWorld> {
  const sdk = coder.sdk;
  const { PublicKey, Keypair } = await import('@solana/web3.js');
  const programId = new PublicKey(sdk.DRIFT_PROGRAM_ID);
  const accounts: WorldAccount[] = [];
  const oracles = PERP_SPECS.map((p) => sdk.getPrelaunchOraclePublicKey(programId, p.marketIndex));
  const admin = Keypair.fromSeed(new Uint8Array(32).fill(200)).publicKey;

  accounts.push({ address: await sdk.getDriftStateAccountPublicKey(programId), label: 'state', data: await stateBytes(coder, admin, programId) });
  for (const p of PERP_SPECS) {
    accounts.push({ address: oracles[p.marketIndex]!, label: `oracle of perp ${p.marketIndex}`, data: await coder.oracle({ price: p.price, slot: at.slot, perpMarketIndex: p.marketIndex }) });
    accounts.push({ address: sdk.getPerpMarketPublicKeySync(programId, p.marketIndex), label: `perp market ${p.marketIndex} (${p.name})`, data: await perpBytes(coder, programId, p, oracles[p.marketIndex]!, at) });
  }
  for (const s of SPOT_SPECS) {
    const oracle = s.oracleOfPerp === null ? PublicKey.default : oracles[s.oracleOfPerp]!;
    accounts.push({ address: sdk.getSpotMarketPublicKeySync(programId, s.marketIndex), label: `spot market ${s.marketIndex} (${s.name})`, data: await spotBytes(coder, programId, s, oracle, at) });
  }
  const users: WorldUser[] = [];
  for (const u of USER_SPECS) {
    const authority = Keypair.fromSeed(new Uint8Array(32).fill(u.seed)).publicKey;
    const user = sdk.getUserAccountPublicKeySync(programId, authority, u.subAccountId);
    const userStats = sdk.getUserStatsAccountPublicKey(programId, authority);
    users.push({ spec: u, authority, user, userStats });
    accounts.push({ address: user, label: `user ${u.label}`, data: await userBytes(coder, u, authority, at) });
    if (!accounts.some((a) => a.address.equals(userStats))) {
      const subs = USER_SPECS.filter((x) => x.seed === u.seed).length;
      accounts.push({ address: userStats, label: `user stats ${u.label}`, data: await coder.build('UserStats', (s) => {
        s.authority = authority;
        s.numberOfSubAccounts = subs;
        s.numberOfSubAccountsCreated = subs;
      }) });
    }
  }
  return { programId, accounts, users, oracles };
}

function stateBytes(coder: WorldCoder, admin: PublicKeyT, programId: PublicKeyT): Promise<Buffer> {
  return coder.build('State', (s) => {
    s.admin = admin;
    s.signer = coder.sdk.getDriftSignerPublicKey(programId);
    s.numberOfMarkets = PERP_SPECS.length;
    s.numberOfSpotMarkets = SPOT_SPECS.length;
    s.liquidationMarginBufferRatio = 200;
    s.initialPctToLiquidate = 500;
    s.liquidationDuration = 150;
    s.maxNumberOfSubAccounts = 100;
    s.minPerpAuctionDuration = 10;
    s.defaultSpotAuctionDuration = 10;
    s.settlementDuration = 1000;
    s.oracleGuardRails.priceDivergence.markOraclePercentDivergence = coder.bn(100_000);
    s.oracleGuardRails.priceDivergence.oracleTwap5minPercentDivergence = coder.bn(500_000);
    s.oracleGuardRails.validity.slotsBeforeStaleForAmm = coder.bn(10);
    s.oracleGuardRails.validity.slotsBeforeStaleForMargin = coder.bn(120);
    s.oracleGuardRails.validity.confidenceIntervalMaxSize = coder.bn(20_000);
    s.oracleGuardRails.validity.tooVolatileRatio = coder.bn(5);
    for (const fees of [s.perpFeeStructure, s.spotFeeStructure]) {
      fees.feeTiers[0].feeNumerator = 35;
      fees.feeTiers[0].feeDenominator = 100_000;
      fees.feeTiers[0].makerRebateNumerator = 0;
      fees.feeTiers[0].makerRebateDenominator = 100_000;
    }
  });
}

function historical(coder: WorldCoder, o: Any, price: bigint, unixTs: number): void {
  o.lastOraclePrice = coder.bn(price);
  o.lastOracleConf = coder.bn(0);
  o.lastOracleDelay = coder.bn(0);
  o.lastOraclePriceTwap = coder.bn(price);
  o.lastOraclePriceTwap5Min = coder.bn(price);
  o.lastOraclePriceTwapTs = coder.bn(unixTs);
}

function perpBytes(coder: WorldCoder, programId: PublicKeyT, p: PerpSpec, oracle: PublicKeyT, at: { slot: bigint; unixTs: number }): Promise<Buffer> {
  const { sdk } = coder;
  return coder.build('PerpMarket', (m) => {
    m.pubkey = sdk.getPerpMarketPublicKeySync(programId, p.marketIndex);
    m.name = nameBytes(p.name);
    m.marketIndex = p.marketIndex;
    m.status = sdk.MarketStatus.ACTIVE;
    m.contractType = sdk.ContractType.PERPETUAL;
    m.contractTier = { [p.contractTier]: {} };
    m.marginRatioInitial = p.marginRatioInitial;
    m.marginRatioMaintenance = p.marginRatioMaintenance;
    m.imfFactor = p.imfFactor;
    m.unrealizedPnlInitialAssetWeight = 10_000;
    m.unrealizedPnlMaintenanceAssetWeight = 10_000;
    m.quoteSpotMarketIndex = 0;
    m.liquidatorFee = 10_000;
    m.ifLiquidationFee = 10_000;
    const a = m.amm;
    a.oracle = oracle;
    a.oracleSource = sdk.OracleSource.Prelaunch;
    a.baseAssetReserve = coder.bn(10_000_000_000_000n);
    a.quoteAssetReserve = coder.bn(10_000_000_000_000n);
    a.sqrtK = coder.bn(10_000_000_000_000n);
    a.pegMultiplier = coder.bn(p.price);
    a.orderStepSize = coder.bn(1_000_000n);
    a.orderTickSize = coder.bn(100n);
    a.minOrderSize = coder.bn(1_000_000n);
    a.maxSpread = 50_000;
    a.cumulativeFundingRateLong = coder.bn(FUNDING_LONG);
    a.cumulativeFundingRateShort = coder.bn(FUNDING_SHORT);
    historical(coder, a.historicalOracleData, p.price, at.unixTs);
    a.lastMarkPriceTwap = coder.bn(p.price);
    a.lastMarkPriceTwap5Min = coder.bn(p.price);
    a.lastMarkPriceTwapTs = coder.bn(at.unixTs);
    if (p.mmOffsetBps !== 0) {
      a.mmOraclePrice = coder.bn(p.price + (p.price * BigInt(p.mmOffsetBps)) / 10_000n);
      a.mmOracleSlot = coder.bn(at.slot + 1n);
    }
  });
}

function spotBytes(coder: WorldCoder, programId: PublicKeyT, s: SpotSpec, oracle: PublicKeyT, at: { slot: bigint; unixTs: number }): Promise<Buffer> {
  const { sdk } = coder;
  const price = s.oracleOfPerp === null ? 1_000_000n : PERP_SPECS[s.oracleOfPerp]!.price;
  return coder.build('SpotMarket', (m) => {
    m.pubkey = sdk.getSpotMarketPublicKeySync(programId, s.marketIndex);
    m.oracle = oracle;
    m.oracleSource = s.oracleOfPerp === null ? sdk.OracleSource.QUOTE_ASSET : sdk.OracleSource.Prelaunch;
    m.name = nameBytes(s.name);
    m.marketIndex = s.marketIndex;
    m.decimals = s.decimals;
    m.status = sdk.MarketStatus.ACTIVE;
    m.assetTier = sdk.AssetTier.COLLATERAL;
    m.initialAssetWeight = s.initialAssetWeight;
    m.maintenanceAssetWeight = s.maintenanceAssetWeight;
    m.initialLiabilityWeight = s.initialLiabilityWeight;
    m.maintenanceLiabilityWeight = s.maintenanceLiabilityWeight;
    m.imfFactor = s.imfFactor;
    m.cumulativeDepositInterest = coder.bn(s.cumulativeDepositInterest);
    m.cumulativeBorrowInterest = coder.bn(s.cumulativeBorrowInterest);
    m.depositBalance = coder.bn(10n ** BigInt(s.decimals + 3) * 1_000_000_000n / 10n ** BigInt(s.decimals));
    m.borrowBalance = coder.bn(10n ** BigInt(s.decimals + 2) * 1_000_000_000n / 10n ** BigInt(s.decimals));
    m.optimalUtilization = 800_000;
    m.optimalBorrowRate = 100_000;
    m.maxBorrowRate = 1_000_000;
    m.orderStepSize = coder.bn(10n ** BigInt(s.decimals - 3));
    m.orderTickSize = coder.bn(100n);
    m.minOrderSize = coder.bn(10n ** BigInt(s.decimals - 3));
    m.ordersEnabled = true;
    m.lastInterestTs = coder.bn(at.unixTs);
    m.lastTwapTs = coder.bn(at.unixTs);
    historical(coder, m.historicalOracleData, price, at.unixTs);
  });
}

/**
 * Scaled balance (1e9) for a token amount: amount * 10^(19 - decimals) / cumulative interest (1e10),
 * rounded up for deposits (the SDK's token amount rounds down) so the SDK reads the amount back exactly.
 */
export function scaledBalance(amount: bigint, spec: SpotSpec): bigint {
  const interest = amount >= 0n ? spec.cumulativeDepositInterest : spec.cumulativeBorrowInterest;
  const abs = amount < 0n ? -amount : amount;
  const num = abs * 10n ** BigInt(19 - spec.decimals);
  return amount >= 0n ? (num + interest - 1n) / interest : num / interest;
}

function userBytes(coder: WorldCoder, u: UserSpec, authority: PublicKeyT, at: { slot: bigint; unixTs: number }): Promise<Buffer> {
  const { sdk } = coder;
  return coder.build('User', (a) => {
    a.authority = authority;
    a.name = nameBytes(`${u.label}`);
    a.subAccountId = u.subAccountId;
    a.lastActiveSlot = coder.bn(at.slot);
    u.spot.forEach((b, k) => {
      const p = a.spotPositions[k];
      p.marketIndex = b.marketIndex;
      p.balanceType = b.amount >= 0n ? sdk.SpotBalanceType.DEPOSIT : sdk.SpotBalanceType.BORROW;
      p.scaledBalance = coder.bn(scaledBalance(b.amount, SPOT_SPECS[b.marketIndex]!));
      p.cumulativeDeposits = coder.bn(b.amount > 0n ? b.amount : 0n);
    });
    u.perp.forEach((q, k) => {
      const p = a.perpPositions[k];
      const quote = (-q.base * q.entry) / 1_000_000_000n;
      p.marketIndex = q.marketIndex;
      p.baseAssetAmount = coder.bn(q.base);
      p.quoteAssetAmount = coder.bn(quote);
      p.quoteEntryAmount = coder.bn(quote);
      p.quoteBreakEvenAmount = coder.bn(quote);
      p.lastCumulativeFundingRate = coder.bn((q.base >= 0n ? FUNDING_LONG : FUNDING_SHORT) - FUNDING_UNSETTLED);
    });
    u.orders.forEach((o, k) => {
      const order = a.orders[k];
      const slot = u.perp.findIndex((q) => q.marketIndex === o.marketIndex);
      if (slot < 0) throw new Error(`world: user ${u.label} has an order in perp ${o.marketIndex} without a position slot`);
      const pos = a.perpPositions[slot];
      order.status = sdk.OrderStatus.OPEN;
      order.orderType = sdk.OrderType.LIMIT;
      order.marketType = sdk.MarketType.PERP;
      order.marketIndex = o.marketIndex;
      order.orderId = k + 1;
      order.slot = coder.bn(at.slot);
      order.direction = o.direction === 'long' ? sdk.PositionDirection.LONG : sdk.PositionDirection.SHORT;
      order.existingPositionDirection = pos.baseAssetAmount.isNeg() ? sdk.PositionDirection.SHORT : sdk.PositionDirection.LONG;
      order.baseAssetAmount = coder.bn(o.base);
      order.price = coder.bn(o.price);
      pos.openOrders += 1;
      if (o.direction === 'long') pos.openBids = pos.openBids.add(coder.bn(o.base));
      else pos.openAsks = pos.openAsks.sub(coder.bn(o.base));
    });
    a.openOrders = u.orders.length;
    a.hasOpenOrder = u.orders.length > 0;
    a.nextOrderId = u.orders.length + 1;
  });
}
