/**
 * `@drift-labs/sdk` itself as the oracle for the health math: builds real `User`, `PerpMarket` and
 * `SpotMarket` accounts offline (the SDK's own `tests/user/helpers.ts` mock approach), round-trips them
 * through the SDK's `CustomBorshCoder` (plain anchor cannot encode `User`/`PerpMarket`), and asks the
 * SDK's `User` for health, margin, collateral, leverage, free collateral and liquidation prices.
 *
 * Importing the SDK costs ~2-3 s, so this module loads it lazily and only tests, the bench and
 * explicit cross-check tools use it; never the backtest or paper hot paths.
 *
 * @example
 *   const oracle = await SdkHealthOracle.create();
 *   const r = await oracle.evaluate({ account, markets }); // HealthResult computed by the SDK
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { HealthItem } from './kernel.js';
import { PERP_MARKET_NAMES, type HealthResult, type MarketSnapshot, type AccountState } from './types.js';

type Sdk = typeof import('@drift-labs/sdk');
type Web3 = typeof import('@solana/web3.js');
// The SDK's account types are wide; the decoded objects are handled structurally here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** A deterministic oracle public key per market (USDC gets its own, distinct from every perp oracle). */
function oracleKey(web3: Web3, tag: number): InstanceType<Web3['PublicKey']> {
  const bytes = new Uint8Array(32);
  bytes[0] = 0xd7;
  bytes[1] = tag + 1;
  return new web3.PublicKey(bytes);
}

/** An account and its markets as decoded SDK account objects. */
export interface EncodedAccount {
  user: Any;
  perp: Any[];
  spot: Any[];
  prices: Map<string, bigint>;
}

export class SdkHealthOracle {
  private current: EncodedAccount | undefined;
  /** The market snapshot last encoded, reused while callers pass the same object. */
  private encodedMarkets: { markets: MarketSnapshot; perp: Any[]; spot: Any[]; prices: Map<string, bigint> } | undefined;

  private constructor(
    private readonly sdk: Sdk,
    private readonly web3: Web3,
    private readonly coder: Any,
    private readonly templates: Record<'User' | 'PerpMarket' | 'SpotMarket', Buffer>,
    readonly user: Any,
  ) {}

  /** Load the SDK (slow: seconds) and wire a mock `User` whose accounts this oracle swaps per call. */
  static async create(): Promise<SdkHealthOracle> {
    const sdk = await import('@drift-labs/sdk');
    const web3 = await import('@solana/web3.js');
    const require = createRequire(import.meta.url);
    const idlPath = require.resolve('@drift-labs/sdk').replace(/index\.js$/, 'idl/drift.json');
    const idl = JSON.parse(readFileSync(idlPath, 'utf8'));
    const coder: Any = new sdk.CustomBorshCoder(idl);
    const templates = {} as Record<'User' | 'PerpMarket' | 'SpotMarket', Buffer>;
    for (const name of ['User', 'PerpMarket', 'SpotMarket'] as const) {
      const def = idl.accounts.find((a: Any) => a.name === name);
      const disc = sdk.CustomBorshAccountsCoder.accountDiscriminator(name);
      templates[name] = Buffer.concat([disc, Buffer.alloc(coder.accounts.size(def))]);
    }
    const driftClient: Any = new sdk.DriftClient({
      connection: new web3.Connection('http://127.0.0.1:8899'),
      wallet: new sdk.Wallet(web3.Keypair.fromSeed(new Uint8Array(32))),
      programID: web3.PublicKey.default,
    });
    const user: Any = new sdk.User({ driftClient, userAccountPublicKey: web3.PublicKey.default });
    const oracle = new SdkHealthOracle(sdk, web3, coder, templates, user);
    oracle.wireMocks(driftClient);
    return oracle;
  }

  private wireMocks(dc: Any): void {
    const { sdk } = this;
    const state = (): NonNullable<SdkHealthOracle['current']> => {
      if (this.current === undefined) throw new Error('SdkHealthOracle: no account loaded');
      return this.current;
    };
    const oracleData = (key: Any) => ({
      price: new sdk.BN((state().prices.get(key.toString()) ?? 0n).toString()),
      slot: new sdk.BN(0),
      confidence: new sdk.BN(1),
      hasSufficientNumberOfDataPoints: true,
    });
    this.user._isSubscribed = true;
    dc._isSubscribed = true;
    dc.accountSubscriber.isSubscribed = true;
    dc.getStateAccount = () => ({ liquidationMarginBufferRatio: 1000, perpFeeStructure: { feeTiers: [{ feeNumerator: 35, feeDenominator: 100000 }] } });
    this.user.getUserAccount = () => state().user;
    dc.getPerpMarketAccount = (i: number) => state().perp[i];
    dc.getSpotMarketAccount = (i: number) => state().spot[i];
    dc.getSpotMarketAccounts = () => state().spot;
    dc.getPerpMarketAccounts = () => state().perp;
    dc.getOraclePriceDataAndSlot = (key: Any) => ({ data: oracleData(key), slot: 0 });
    dc.getOracleDataForPerpMarket = (i: number) => oracleData(state().perp[i].amm.oracle);
    dc.getOracleDataForSpotMarket = (i: number) => oracleData(state().spot[i].oracle);
    dc.getMMOracleDataForPerpMarket = (i: number) => ({ ...oracleData(state().perp[i].amm.oracle), isMMOracleActive: true });
  }

  private bn(x: bigint | number): Any {
    return new this.sdk.BN(x.toString());
  }

  private async roundTrip(name: 'User' | 'PerpMarket' | 'SpotMarket', fill: (o: Any) => void): Promise<Any> {
    const obj = this.coder.accounts.decode(name, this.templates[name]);
    fill(obj);
    const bytes: Buffer = await this.coder.accounts.encode(name, obj);
    return this.coder.accounts.decode(name, bytes);
  }

  /** Encode the markets (unless this snapshot object was the last one) and the account; make them current. */
  async load(account: AccountState, markets: MarketSnapshot): Promise<void> {
    this.activate(await this.encode({ account, markets }));
  }

  /** Encode an account and its markets with the SDK's coder, without making them current. */
  async encode(item: HealthItem): Promise<EncodedAccount> {
    if (this.encodedMarkets?.markets !== item.markets) {
      this.encodedMarkets = { markets: item.markets, ...(await this.encodeMarkets(item.markets)) };
    }
    const { perp, spot, prices } = this.encodedMarkets;
    return { user: await this.encodeUser(item.account), perp, spot, prices };
  }

  /** Make an encoded account the mock User's state (synchronous: for timing SDK calls alone). */
  activate(encoded: EncodedAccount): void {
    this.current = encoded;
  }

  private async encodeMarkets(markets: MarketSnapshot): Promise<{ perp: Any[]; spot: Any[]; prices: Map<string, bigint> }> {
    const { web3 } = this;
    const prices = new Map<string, bigint>();
    const usdcOracle = oracleKey(web3, 200);
    prices.set(usdcOracle.toString(), 1_000_000n);
    const spot = [
      await this.roundTrip('SpotMarket', (s) => {
        s.marketIndex = 0;
        s.oracle = usdcOracle;
        s.decimals = 6;
        s.cumulativeDepositInterest = this.bn(markets.quote.cumulativeDepositInterest);
        s.cumulativeBorrowInterest = this.bn(10_000_000_000n);
        s.initialAssetWeight = 10_000;
        s.maintenanceAssetWeight = 10_000;
        s.initialLiabilityWeight = 10_000;
        s.maintenanceLiabilityWeight = 10_000;
        s.historicalOracleData.lastOraclePrice = this.bn(1_000_000n);
        s.historicalOracleData.lastOraclePriceTwap = this.bn(1_000_000n);
        s.historicalOracleData.lastOraclePriceTwap5Min = this.bn(1_000_000n);
      }),
    ];
    const perp: Any[] = [];
    for (let i = 0; i < PERP_MARKET_NAMES.length; i++) {
      const m = markets.perp[i]!;
      const key = oracleKey(web3, i);
      prices.set(key.toString(), m.oraclePrice);
      perp.push(
        await this.roundTrip('PerpMarket', (p) => {
          p.marketIndex = i;
          p.amm.oracle = key;
          p.amm.orderStepSize = this.bn(1);
          p.amm.cumulativeFundingRateLong = this.bn(m.cumulativeFundingRateLong);
          p.amm.cumulativeFundingRateShort = this.bn(m.cumulativeFundingRateShort);
          p.marginRatioInitial = m.marginRatioInitial;
          p.marginRatioMaintenance = m.marginRatioMaintenance;
          p.imfFactor = m.imfFactor;
          p.unrealizedPnlInitialAssetWeight = m.unrealizedPnlInitialAssetWeight;
          p.unrealizedPnlMaintenanceAssetWeight = m.unrealizedPnlMaintenanceAssetWeight;
          p.unrealizedPnlImfFactor = m.unrealizedPnlImfFactor;
          p.quoteSpotMarketIndex = 0;
        }),
      );
    }
    return { perp, spot, prices };
  }

  private async encodeUser(account: AccountState): Promise<Any> {
    return this.roundTrip('User', (u) => {
      u.maxMarginRatio = account.maxMarginRatio;
      u.spotPositions[0].marketIndex = 0;
      u.spotPositions[0].balanceType = { deposit: {} };
      u.spotPositions[0].scaledBalance = this.bn(account.usdcScaledBalance);
      account.positions.forEach((pos, k) => {
        const slot = u.perpPositions[k];
        slot.marketIndex = pos.marketIndex;
        slot.baseAssetAmount = this.bn(pos.baseAssetAmount);
        slot.quoteAssetAmount = this.bn(pos.quoteAssetAmount);
        slot.lastCumulativeFundingRate = this.bn(pos.lastCumulativeFundingRate);
        slot.maxMarginRatio = pos.maxMarginRatio;
      });
    });
  }

  /** Every health figure as the SDK computes it (see `HealthResult` for the call behind each field). */
  async evaluate(item: HealthItem): Promise<HealthResult> {
    await this.load(item.account, item.markets);
    const u = this.user;
    const big = (x: Any): bigint => BigInt(x.toString());
    return {
      totalCollateral: big(u.getTotalCollateral('Maintenance')),
      initialTotalCollateral: big(u.getTotalCollateral()),
      maintenanceMarginRequirement: big(u.getMaintenanceMarginRequirement()),
      initialMarginRequirement: big(u.getInitialMarginRequirement()),
      health: u.getHealth(),
      leverage: big(u.getLeverage()),
      freeCollateral: big(u.getFreeCollateral()),
      liquidationPrices: item.account.positions.map((p) => big(u.liquidationPrice(p.marketIndex))),
    };
  }

  /** `User.getHealth()` on the loaded account (for the bench). */
  health(): number {
    return this.user.getHealth();
  }
}
