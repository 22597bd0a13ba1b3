/**
 * `@drift-labs/sdk` itself as the judge of `accountFigures` (tests and bench only: loads the SDK). A real
 * `User` over a mock `DriftClient` (the approach of the SDK's own `tests/user/helpers.ts`) is pointed at the
 * decoded accounts of one `FiguresInput`; oracle prices come from `input.oracles` (the MM price from
 * `getMMOracleDataForPerpMarket`), and `Date.now()` reads `input.now` while the SDK runs. // clock-ok (pinned, not read)
 *
 * @example
 *   const judge = await SdkLiveOracle.create();
 *   const sdkFigures = judge.evaluate(input); // LiveFigures as the SDK computes them
 */
import type { FiguresInput } from '../drift/figures.js';
import type { LiveFigures } from './liveTypes.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function toArray(markets: FiguresInput['perpMarkets']): Any[] {
  return markets instanceof Map ? [...markets.values()] : [...(markets as readonly Any[])];
}

export class SdkLiveOracle {
  private current: FiguresInput | undefined;
  private perp: Any[] = [];
  private spot: Any[] = [];

  private constructor(
    private readonly sdk: Any,
    readonly user: Any,
  ) {}

  static async create(): Promise<SdkLiveOracle> {
    const sdk = await import('@drift-labs/sdk');
    const web3 = await import('@solana/web3.js');
    const driftClient: Any = new sdk.DriftClient({
      connection: new web3.Connection('http://127.0.0.1:8899'),
      wallet: new sdk.Wallet(web3.Keypair.fromSeed(new Uint8Array(32))),
      programID: web3.PublicKey.default,
    });
    const user: Any = new sdk.User({ driftClient, userAccountPublicKey: web3.PublicKey.default });
    const oracle = new SdkLiveOracle(sdk, user);
    oracle.wire(driftClient);
    return oracle;
  }

  private wire(dc: Any): void {
    const input = (): FiguresInput => {
      if (this.current === undefined) throw new Error('SdkLiveOracle: no account loaded');
      return this.current;
    };
    const data = (price: Any) => ({ price, slot: new this.sdk.BN(0), confidence: new this.sdk.BN(1), hasSufficientNumberOfDataPoints: true });
    const perpOracle = (i: number) => {
      const o = input().oracles.perp.get(i);
      if (o === undefined) throw new Error(`SdkLiveOracle: no oracle for perp market ${i}`);
      return o;
    };
    const spotOracle = (i: number) => {
      const o = input().oracles.spot.get(i);
      if (o === undefined) throw new Error(`SdkLiveOracle: no oracle for spot market ${i}`);
      return o;
    };
    this.user._isSubscribed = true;
    dc._isSubscribed = true;
    dc.accountSubscriber.isSubscribed = true;
    dc.getStateAccount = () => input().state;
    this.user.getUserAccount = () => input().user;
    dc.getPerpMarketAccount = (i: number) => this.perp.find((m) => m.marketIndex === i);
    dc.getSpotMarketAccount = (i: number) => this.spot.find((m) => m.marketIndex === i);
    dc.getSpotMarketAccounts = () => this.spot;
    dc.getPerpMarketAccounts = () => this.perp;
    dc.getOracleDataForPerpMarket = (i: number) => data(perpOracle(i).price);
    dc.getMMOracleDataForPerpMarket = (i: number) => ({ ...data(perpOracle(i).mmPrice), isMMOracleActive: true });
    dc.getOracleDataForSpotMarket = (i: number) => data(spotOracle(i).price);
  }

  /** Point the mock `User` at `input` (synchronous: for timing SDK calls alone). */
  load(input: FiguresInput): void {
    this.current = input;
    this.perp = toArray(input.perpMarkets);
    this.spot = toArray(input.spotMarkets);
  }

  /** Run `fn` with `Date.now()` reading the loaded input's clock. */ // clock-ok (pins Date.now to the input clock)
  private atNow<T>(fn: () => T): T {
    const real = Date.now;
    const nowMs = Number(this.current!.now) * 1000;
    Date.now = () => nowMs;
    try {
      return fn();
    } finally {
      Date.now = real;
    }
  }

  /** Every figure of `LiveFigures` as the SDK computes it, from the SDK call of the same name. */
  evaluate(input: FiguresInput): LiveFigures {
    this.load(input);
    const u = this.user;
    const big = (x: Any): bigint => BigInt(x.toString());
    return this.atNow(() => ({
      health: u.getHealth(),
      canBeLiquidated: u.canBeLiquidated().canBeLiquidated,
      totalCollateralMaintenance: big(u.getTotalCollateral('Maintenance')),
      totalCollateralInitial: big(u.getTotalCollateral()),
      maintenanceMarginRequirement: big(u.getMaintenanceMarginRequirement()),
      initialMarginRequirement: big(u.getInitialMarginRequirement()),
      freeCollateral: big(u.getFreeCollateral()),
      leverage: big(u.getLeverage()),
      unrealizedPnl: big(u.getUnrealizedPNL(true)),
      unrealizedPnlNoFunding: big(u.getUnrealizedPNL(false)),
      perpPositions: u.getActivePerpPositions().map((p: Any) => ({ marketIndex: p.marketIndex, liquidationPrice: big(u.liquidationPrice(p.marketIndex)) })),
    }));
  }

  /** `User.getHealth()` on the loaded account (for the bench). */
  health(): number {
    return this.user.getHealth();
  }
}
