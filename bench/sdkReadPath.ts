/**
 * The SDK's `User.getHealth()` on the read path it takes in production (bench only): a real `DriftClient`
 * whose `WebSocketDriftClientAccountSubscriber` holds the decoded markets, state and oracle price data as its
 * subscriptions would (`dataAndSlot` per account, oracle ids `base58-source`, `perpOracleMap` /
 * `perpOracleStringMap`), and a real `User` whose `WebSocketUserAccountSubscriber` holds the decoded user. Nothing
 * of the SDK is replaced: `getPerpMarketAccount`, `getOracleDataForPerpMarket` (a Map lookup and
 * `PublicKey.equals`), `getMMOracleDataForPerpMarket` (its recency and divergence checks, with BN arithmetic) run
 * as shipped. Only the subscription itself (the websocket) is not opened.
 *
 * For the MM oracle to be the one `input.oracles` names, each perp market is copied with `amm.mmOraclePrice` =
 * the MM price, `mmOracleSlot` 1 (the exchange oracle's slot is 0: older) and, when unset, the stored 5-minute TWAP
 * = the oracle price (the SDK's divergence check divides by it). The bench checks `getHealth()` equal to the
 * mock-client judge on every account before timing.
 *
 * @example
 *   const path = await SdkReadPath.create(worlds);
 *   path.health(input); // User.getHealth() for input (its world's client)
 */
import type { FiguresInput } from '../engine/drift/figures.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

interface Client {
  user: Any;
  userSlot: { data: Any; slot: number };
}

export class SdkReadPath {
  private constructor(private readonly clients: Map<unknown, Client>) {}

  /** One DriftClient + User per distinct market set (keyed by the `perpMarkets` object of the inputs). */
  static async create(inputs: readonly FiguresInput[]): Promise<SdkReadPath> {
    const sdk: Any = await import('@drift-labs/sdk');
    const web3: Any = await import('@solana/web3.js');
    const clients = new Map<unknown, Client>();
    for (const input of inputs) {
      if (clients.has(input.perpMarkets)) continue;
      const dc: Any = new sdk.DriftClient({
        connection: new web3.Connection('http://127.0.0.1:8899'),
        wallet: new sdk.Wallet(web3.Keypair.fromSeed(new Uint8Array(32))),
        programID: web3.PublicKey.default,
      });
      const s: Any = dc.accountSubscriber;
      const slot = (data: Any) => ({ dataAndSlot: { data, slot: 0 } });
      const priceData = (price: Any) => ({ price, slot: new sdk.BN(0), confidence: new sdk.BN(1), hasSufficientNumberOfDataPoints: true });
      s.stateAccountSubscriber = slot(input.state);
      const perp = input.perpMarkets instanceof Map ? [...input.perpMarkets.values()] : [...(input.perpMarkets as Any[])];
      const spot = input.spotMarkets instanceof Map ? [...input.spotMarkets.values()] : [...(input.spotMarkets as Any[])];
      for (const m of perp) {
        const o = input.oracles.perp.get(m.marketIndex)!;
        const twap = m.amm.historicalOracleData.lastOraclePriceTwap5Min;
        const amm = { ...m.amm, mmOraclePrice: o.mmPrice, mmOracleSlot: new sdk.BN(1), historicalOracleData: { ...m.amm.historicalOracleData, lastOraclePriceTwap5Min: twap.isZero() ? o.price : twap } };
        const market = { ...m, amm };
        const id = sdk.getOracleId(amm.oracle, amm.oracleSource);
        s.perpMarketAccountSubscribers.set(m.marketIndex, slot(market));
        s.perpOracleMap.set(m.marketIndex, amm.oracle);
        s.perpOracleStringMap.set(m.marketIndex, id);
        s.oracleSubscribers.set(id, slot(priceData(o.price)));
      }
      for (const m of spot) {
        const o = input.oracles.spot.get(m.marketIndex);
        const id = sdk.getOracleId(m.oracle, m.oracleSource);
        s.spotMarketAccountSubscribers.set(m.marketIndex, slot(m));
        s.spotOracleMap.set(m.marketIndex, m.oracle);
        s.spotOracleStringMap.set(m.marketIndex, id);
        // a spot market on a perp market's oracle reads the same price (one oracle account)
        if (o !== undefined && !s.oracleSubscribers.has(id)) s.oracleSubscribers.set(id, slot(priceData(o.price)));
      }
      s.isSubscribed = true;
      dc._isSubscribed = true;
      const user: Any = new sdk.User({ driftClient: dc, userAccountPublicKey: web3.PublicKey.default });
      const us: Any = user.accountSubscriber;
      const userSlot = { data: input.user, slot: 0 };
      us.userDataAccountSubscriber = { dataAndSlot: userSlot };
      us.isSubscribed = true;
      user._isSubscribed = true;
      clients.set(input.perpMarkets, { user, userSlot });
    }
    return new SdkReadPath(clients);
  }

  /** `User.getHealth()` of `input` through its market set's client (the user account as the subscriber holds it). */
  health(input: FiguresInput): number {
    const c = this.clients.get(input.perpMarkets)!;
    c.userSlot.data = input.user;
    return c.user.getHealth();
  }
}
