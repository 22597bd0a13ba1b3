/**
 * Seeded random live Drift accounts as the SDK's coder decodes them (tests and bench only: loads the SDK).
 * Every account is encoded and decoded with `CustomBorshCoder` from the SDK's own IDL, so the objects have
 * exactly the shape `User.getUserAccount()` / `getPerpMarketAccount()` return.
 *
 * Spans the states of issue 10 point 1: USDC deposits and borrows with the quote oracle and its stored TWAP
 * off $1; deposits and borrows in SOL (9 decimals, sharing the SOL-PERP oracle), BTC (8), BONK (5, sharing the
 * 1MBONK-PERP oracle with a 1M multiple) and a 6-decimal token, with IMF, scaled initial asset weights and
 * open spot orders; perp positions with open orders (including orders that flip the worst-case side and
 * order-only positions), MM oracle prices off the oracle, PnL-imbalance haircuts, custom margin ratios,
 * high-leverage mode (both kinds), status bits (being liquidated, bankrupt, reduce only...), positions flagged
 * being liquidated, and accounts built on exact ties (total collateral = requirement +-1, health x.5).
 *
 * @example
 *   const factory = await LiveAccountFactory.create();
 *   const inputs = await factory.inputs('live-xcheck-1', 2000);
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FiguresInput } from '../drift/figures.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
type Rng = () => number;

const uniform = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const int = (x: number): bigint => BigInt(Math.round(x));
export const LIVE_NOW = 1_760_000_000;

/** Spot markets of a world: index, decimals, typical price, oracle shared with a perp market (index) or own. */
const SPOT = [
  { index: 0, decimals: 6, price: 1, perpOracle: -1, source: 'pythStableCoinPull' },
  { index: 1, decimals: 9, price: 150, perpOracle: 0, source: 'pythPull' },
  { index: 2, decimals: 8, price: 90_000, perpOracle: -1, source: 'pythPull' },
  { index: 3, decimals: 5, price: 0.00002, perpOracle: 4, source: 'pythPull' },
  { index: 4, decimals: 6, price: 2.5, perpOracle: -1, source: 'pythPull' },
] as const;
const PERP_PRICE = [150, 90_000, 3_000, 8, 20, 0.4, 0.5, 0.2, 600];

export interface World {
  perp: Any[];
  spot: Any[];
  state: Any;
  oracles: FiguresInput['oracles'];
  /** quote market is exactly $1, no interest, weight 1: deposits map to collateral one to one (tie accounts) */
  plainQuote: boolean;
}

export class LiveAccountFactory {
  private constructor(
    readonly sdk: Any,
    private readonly web3: Any,
    private readonly coder: Any,
    private readonly templates: Record<string, Buffer>,
  ) {}

  static async create(): Promise<LiveAccountFactory> {
    const sdk = await import('@drift-labs/sdk');
    const web3 = await import('@solana/web3.js');
    const require = createRequire(import.meta.url);
    const idl = JSON.parse(readFileSync(require.resolve('@drift-labs/sdk').replace(/index\.js$/, 'idl/drift.json'), 'utf8'));
    const coder: Any = new sdk.CustomBorshCoder(idl);
    const templates: Record<string, Buffer> = {};
    for (const name of ['User', 'PerpMarket', 'SpotMarket', 'State']) {
      const def = idl.accounts.find((a: Any) => a.name === name);
      templates[name] = Buffer.concat([sdk.CustomBorshAccountsCoder.accountDiscriminator(name), Buffer.alloc(coder.accounts.size(def))]);
    }
    return new LiveAccountFactory(sdk, web3, coder, templates);
  }

  bn(x: bigint | number): Any {
    return new this.sdk.BN(x.toString());
  }

  /** The account's bytes as the chain holds them (the SDK's coder encodes it; for the bench's raw-bytes line). */
  async encode(name: string, account: Any): Promise<Buffer> {
    return this.coder.accounts.encode(name, account);
  }

  /** Decode account bytes with the SDK's anchor coder (what a monitor does with each account update). */
  decode(name: string, bytes: Buffer): Any {
    return this.coder.accounts.decode(name, bytes);
  }

  /** Fill a zeroed account of `name`, encode it and decode it again with the SDK's coder. */
  async roundTrip(name: string, fill: (o: Any) => void): Promise<Any> {
    const obj = this.coder.accounts.decode(name, this.templates[name]);
    fill(obj);
    return this.coder.accounts.decode(name, await this.coder.accounts.encode(name, obj));
  }

  private key(tag: number): Any {
    const bytes = new Uint8Array(32);
    bytes[0] = 0xd7;
    bytes[1] = tag;
    return new this.web3.PublicKey(bytes);
  }

  /** A world: nine perp markets, five spot markets, the state and oracle prices. */
  async world(rng: Rng, plainQuote: boolean): Promise<World> {
    const perpOracle = new Map<number, { price: Any; mmPrice: Any }>();
    const spotOracle = new Map<number, { price: Any }>();
    const perpPrices: bigint[] = PERP_PRICE.map((p) => int(p * uniform(rng, 0.5, 2) * 1e6) || 1n);
    const spot: Any[] = [];
    for (const s of SPOT) {
      const price = s.perpOracle >= 0 ? perpPrices[s.perpOracle]! / (s.index === 3 ? 1_000_000n : 1n) || 1n : int(s.price * uniform(rng, 0.7, 1.4) * 1e6);
      const quoteOff = s.index === 0 && !plainQuote && rng() < 0.5;
      const oraclePrice = s.index === 0 ? (quoteOff ? int(1e6 * uniform(rng, 0.995, 1.005)) : 1_000_000n) : price;
      spotOracle.set(s.index, { price: this.bn(oraclePrice) });
      const twapOff = s.index !== 0 || (!plainQuote && rng() < 0.6);
      spot.push(
        await this.roundTrip('SpotMarket', (m) => {
          m.marketIndex = s.index;
          m.decimals = s.decimals;
          m.oracle = s.perpOracle >= 0 ? this.key(s.perpOracle + 1) : this.key(100 + s.index);
          m.oracleSource = { [s.source]: {} };
          m.cumulativeDepositInterest = this.bn(plainQuote && s.index === 0 ? 10_000_000_000n : int(1e10 * uniform(rng, 1, 1.2)));
          m.cumulativeBorrowInterest = this.bn(int(1e10 * uniform(rng, 1, 1.3)));
          const quote = s.index === 0;
          m.initialAssetWeight = quote ? 10_000 : pick(rng, [8000, 7500, 9000]);
          m.maintenanceAssetWeight = quote ? 10_000 : pick(rng, [9000, 8500, 9500]);
          m.initialLiabilityWeight = quote ? 10_000 : pick(rng, [12_000, 12_500, 11_000]);
          m.maintenanceLiabilityWeight = quote ? 10_000 : pick(rng, [11_000, 11_500, 10_500]);
          m.imfFactor = (quote && plainQuote) || rng() < 0.4 ? 0 : Math.round(uniform(rng, 100, 20_000));
          const scaled = !(quote && plainQuote) && rng() < 0.4;
          m.depositBalance = this.bn(int(10 ** uniform(rng, 12, 18)));
          m.scaleInitialAssetWeightStart = this.bn(scaled ? int(10 ** uniform(rng, 9, 14)) : 0n);
          const h = m.historicalOracleData;
          const twap = twapOff ? int(Number(oraclePrice) * uniform(rng, 0.9, 1.1)) : oraclePrice;
          h.lastOraclePriceTwap5Min = this.bn(twap);
          h.lastOraclePrice = this.bn(oraclePrice);
          h.lastOraclePriceTwapTs = this.bn(LIVE_NOW - Math.floor(uniform(rng, 0, 700)));
        }),
      );
    }
    const perp: Any[] = [];
    for (let i = 0; i < PERP_PRICE.length; i++) {
      const price = perpPrices[i]!;
      const mm = rng() < 0.5 ? price : int(Number(price) * uniform(rng, 0.995, 1.005)) || 1n;
      perpOracle.set(i, { price: this.bn(price), mmPrice: this.bn(mm) });
      perp.push(await this.roundTrip('PerpMarket', (p) => this.fillPerp(rng, p, i, price)));
    }
    const state = await this.roundTrip('State', (s) => {
      s.liquidationMarginBufferRatio = pick(rng, [0, 200, 1000]);
    });
    return { perp, spot, state, oracles: { perp: perpOracle, spot: spotOracle }, plainQuote };
  }

  private fillPerp(rng: Rng, p: Any, i: number, price: bigint): void {
    const maintenance = pick(rng, [250, 300, 500, 625, 1000]);
    const hl = rng() < 0.7;
    p.marketIndex = i;
    p.amm.oracle = this.key(i + 1);
    p.amm.oracleSource = { [i === 4 ? 'pyth1MPull' : 'pythPull']: {} };
    p.amm.orderStepSize = this.bn(1);
    const scale = Number(price) * 1e3;
    const cumLong = int(scale * uniform(rng, -0.2, 0.2));
    p.amm.cumulativeFundingRateLong = this.bn(cumLong);
    p.amm.cumulativeFundingRateShort = this.bn(cumLong - int(scale * uniform(rng, 0, 0.001)));
    p.marginRatioInitial = Math.max(maintenance, pick(rng, [maintenance * 2, 500, 1000, 2000]));
    p.marginRatioMaintenance = maintenance;
    p.highLeverageMarginRatioInitial = hl ? pick(rng, [100, 200, 50]) : 0;
    p.highLeverageMarginRatioMaintenance = hl ? pick(rng, [50, 67, 30]) : rng() < 0.5 ? 0 : 40;
    p.imfFactor = rng() < 0.5 ? 0 : Math.round(uniform(rng, 100, 5_000));
    p.unrealizedPnlInitialAssetWeight = pick(rng, [0, 5000, 10_000, 10_000]);
    p.unrealizedPnlMaintenanceAssetWeight = pick(rng, [10_000, 10_000, 8000]);
    p.unrealizedPnlImfFactor = rng() < 0.5 ? 0 : Math.round(uniform(rng, 100, 100_000));
    p.quoteSpotMarketIndex = 0;
    p.status = { active: {} };
    p.contractType = { perpetual: {} };
    if (rng() < 0.3) {
      // a PnL imbalance: users' net PnL beyond the pools, so the initial PnL weight is haircut
      p.unrealizedPnlMaxImbalance = this.bn(int(10 ** uniform(rng, 8, 11)));
      p.amm.baseAssetAmountWithAmm = this.bn(int(10 ** uniform(rng, 12, 15)) * (rng() < 0.5 ? -1n : 1n));
      p.amm.quoteAssetAmount = this.bn(int(10 ** uniform(rng, 9, 12)) * (rng() < 0.5 ? -1n : 1n));
      p.amm.netUnsettledFundingPnl = this.bn(int(uniform(rng, -1e9, 1e9)));
      p.pnlPool.scaledBalance = this.bn(int(10 ** uniform(rng, 9, 12)));
      p.amm.feePool.scaledBalance = this.bn(int(10 ** uniform(rng, 9, 12)));
    }
  }
}

/** How a tie account places its total collateral relative to its maintenance requirement. */
const TIES = [
  (mr: bigint) => mr - 1n,
  (mr: bigint) => mr,
  (mr: bigint) => mr + 1n,
  (mr: bigint) => 2n * mr, // health exactly 50
  (mr: bigint) => 2n * mr - 1n,
  (mr: bigint) => (5n * mr) / 4n, // health 20
] as const;

/** Token amount (10^decimals) -> scaled balance (1e9) at a cumulative interest (1e10). */
function scaledOf(token: bigint, decimals: number, interest: bigint): bigint {
  return (token * 10n ** BigInt(19 - decimals)) / interest;
}

function spotSlot(f: LiveAccountFactory, rng: Rng, world: World, slot: Any, index: number, usd: number, borrow: boolean): void {
  const spec = SPOT[index]!;
  const market = world.spot[index];
  const price = Number(BigInt(world.oracles.spot.get(index)!.price.toString())) / 1e6;
  const token = int((usd / price) * 10 ** spec.decimals);
  const interest = BigInt((borrow ? market.cumulativeBorrowInterest : market.cumulativeDepositInterest).toString());
  slot.marketIndex = index;
  slot.balanceType = borrow ? { borrow: {} } : { deposit: {} };
  slot.scaledBalance = f.bn(rng() < 0.05 ? 0n : scaledOf(token, spec.decimals, interest));
  if (index !== 0 && rng() < 0.35) {
    slot.openBids = f.bn(int(Number(token) * uniform(rng, 0, 2.5)) + 1n);
    slot.openAsks = f.bn(-int(Number(token) * uniform(rng, 0, 2.5)) - 1n);
    slot.openOrders = 1 + Math.floor(rng() * 4);
  } else if (BigInt(slot.scaledBalance.toString()) === 0n) {
    slot.scaledBalance = f.bn(1n);
  }
}

function perpSlot(f: LiveAccountFactory, rng: Rng, world: World, slot: Any, market: number, notionalUsd: number): void {
  const m = world.perp[market];
  const oracle = Number(BigInt(world.oracles.perp.get(market)!.price.toString()));
  const price = oracle / 1e6;
  const side = rng() < 0.5 ? -1n : 1n;
  const roll = rng();
  let base = int((notionalUsd / price) * 1e9) * side;
  if (roll < 0.03) base = int(uniform(rng, 1, 2000)) * side;
  const entry = price * uniform(rng, 0.75, 1.25);
  const cost = (Number(base < 0n ? -base : base) / 1e9) * entry;
  let quote = int(-Number(side) * cost * 1e6 - cost * 1e6 * uniform(rng, 0, 0.01));
  if (roll > 0.95) {
    base = 0n;
    quote = rng() < 0.5 ? 0n : int(uniform(rng, -1, 1) * notionalUsd * 0.1 * 1e6);
  }
  const cumulative = BigInt((base >= 0n ? m.amm.cumulativeFundingRateLong : m.amm.cumulativeFundingRateShort).toString());
  const absBase = base < 0n ? -base : base;
  const orderScale = Number(absBase > 0n ? absBase : int((notionalUsd / price) * 1e9));
  const orders = rng() < 0.35 || (base === 0n && quote === 0n);
  slot.marketIndex = market;
  slot.baseAssetAmount = f.bn(base);
  slot.quoteAssetAmount = f.bn(quote);
  slot.lastCumulativeFundingRate = f.bn(cumulative - int(oracle * 1e3 * uniform(rng, -0.005, 0.005)));
  slot.maxMarginRatio = rng() < 0.8 ? 0 : pick(rng, [1000, 2000, 5000]);
  slot.positionFlag = rng() < 0.03 ? pick(rng, [2, 4]) : 0;
  if (orders) {
    slot.openBids = f.bn(int(orderScale * uniform(rng, 0, 3)));
    slot.openAsks = f.bn(-int(orderScale * uniform(rng, 0, 3)));
    slot.openOrders = 1 + Math.floor(rng() * 4);
  }
}

/** A random account over `world` (a tie account when `world.plainQuote`: see TIES). */
export async function randomLiveInput(f: LiveAccountFactory, rng: Rng, world: World, tieTotals?: (input: FiguresInput) => { tc: bigint; mr: bigint }): Promise<FiguresInput> {
  const collateralUsd = rng() < 0.03 ? 0 : 10 ** uniform(rng, 1, 6);
  const count = rng() < 0.05 ? 0 : 1 + Math.floor(rng() ** 2 * 8);
  const markets = PERP_PRICE.map((_, i) => i);
  for (let i = markets.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [markets[i], markets[j]] = [markets[j]!, markets[i]!];
  }
  const leverage = uniform(rng, 0, 1) ** 2 * 25;
  const spotMarkets = [1, 2, 3, 4].filter(() => rng() < 0.3);
  const quoteBorrow = !world.plainQuote && spotMarkets.length > 0 && rng() < 0.25;
  const tie = world.plainQuote;
  const build = (usdc: bigint | undefined) =>
    f.roundTrip('User', (u) => {
      u.status = tie ? (rng() < 0.3 ? 1 : 0) : rng() < 0.75 ? 0 : pick(rng, [1, 2, 3, 4, 8, 16, 5]);
      const r = rng();
      u.marginMode = r < 0.75 ? { default: {} } : r < 0.875 ? { highLeverage: {} } : { highLeverageMaintenance: {} };
      u.maxMarginRatio = rng() < 0.85 ? 0 : pick(rng, [500, 1000, 2000]);
      let k = 0;
      if (usdc !== undefined) {
        const s = u.spotPositions[k++];
        s.marketIndex = 0;
        s.balanceType = { deposit: {} };
        s.scaledBalance = f.bn(usdc);
      } else if (collateralUsd > 0) spotSlot(f, rng, world, u.spotPositions[k++], 0, quoteBorrow ? collateralUsd * 0.3 : collateralUsd, quoteBorrow);
      for (const index of spotMarkets) spotSlot(f, rng, world, u.spotPositions[k++], index, 10 ** uniform(rng, 0, 5), rng() < 0.35);
      const weights = markets.slice(0, count).map(() => uniform(rng, 0.1, 1));
      const total = weights.reduce((a, b) => a + b, 0);
      markets.slice(0, count).forEach((m, j) => {
        perpSlot(f, rng, world, u.perpPositions[j], m, (Math.max(collateralUsd, 50) * leverage * weights[j]!) / total);
        if (tie) u.perpPositions[j].positionFlag = 0;
      });
    });
  const input = (user: Any): FiguresInput => ({ user, perpMarkets: world.perp, spotMarkets: world.spot, state: world.state, oracles: world.oracles, now: LIVE_NOW });
  if (!tie || tieTotals === undefined) return input(await build(undefined));
  // Tie: build without the USDC deposit, then deposit exactly what lands maintenance collateral on the tie
  // (the plain quote market maps a scaled balance of 1000 x N to N of collateral).
  const probe = input(await build(0n));
  const { tc, mr } = tieTotals(probe);
  const deposit = pick(rng, TIES)(mr) - tc;
  if (deposit < 0n) return probe;
  const user = probe.user;
  user.spotPositions[0].scaledBalance = f.bn(deposit * 1000n);
  return input(await f.roundTrip('User', (u) => Object.assign(u, user)));
}
