/**
 * The Drift venue adapter, read side: one Drift user (authority + sub-account), every market it touches
 * and their oracles, loaded through the SDK's own polling account subscription (`DriftClient` and `User`
 * over a `BulkAccountLoader`), decoded by the SDK's anchor coder (never `decodeUser`, which misreads the
 * position `maxMarginRatio`; never byte offsets), and turned into the account's figures by
 * `accountFigures` (figures.ts). Works over any `Connection`: a real RPC, or the SDK's
 * `BankrunConnection` on a local world. Every RPC read goes through bounded retries (retry.ts).
 *
 * Read-only by construction: the SDK gets a wallet that holds only the authority's public key and
 * refuses to sign.
 *
 * @example
 *   const reader = await DriftAccountReader.open({ connection, authority, subAccountId: 0, accountLoader, ports, nowUnix });
 *   await reader.refresh();          // one poll; returns which SDK events fired
 *   const view = reader.view();      // figures, positions, balances
 */
import type { Connection, PublicKey } from '@solana/web3.js';
import { DriftUserNotFoundError } from './errors.js';
import { accountFigures, type FiguresInput } from './figures.js';
import { withRetry, type RetryPorts } from './retry.js';
import { driftAddresses, type DriftAddresses } from './addresses.js';
import { buildView, type DriftAccountView } from './view.js';

type Sdk = typeof import('@drift-labs/sdk');
// The SDK's decoded accounts and clients are wide; they are handled structurally here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export interface ReaderOptions {
  connection: Connection;
  /** base58 public key of the account's authority */
  authority: string;
  subAccountId: number;
  /** the SDK's BulkAccountLoader (or a subclass) over `connection`, polling 0: `refresh()` drives it */
  accountLoader: Any;
  /** sleep and clock for the retries */
  ports: RetryPorts;
  /** unix seconds for the figures (the chain's or the wall clock, injected) */
  nowUnix: () => number;
  /** Drift program id (default: mainnet's) */
  programId?: string;
}

/** SDK event names that mean the account's inputs changed. */
export const CHANGE_EVENTS = ['userAccountUpdate', 'perpMarketAccountUpdate', 'spotMarketAccountUpdate', 'oraclePriceUpdate', 'stateAccountUpdate'] as const;

export class DriftAccountReader {
  private changes: string[] = [];

  private constructor(
    readonly sdk: Sdk,
    readonly addresses: DriftAddresses,
    /** the SDK's DriftClient (subscribed, read-only) */
    readonly driftClient: Any,
    /** the SDK's User (subscribed) */
    readonly user: Any,
    readonly perpMarketIndexes: number[],
    readonly spotMarketIndexes: number[],
    private readonly options: ReaderOptions,
  ) {
    for (const name of CHANGE_EVENTS) {
      const emitter = name === 'userAccountUpdate' ? user.eventEmitter : driftClient.eventEmitter;
      emitter.on(name, () => this.changes.push(name));
    }
  }

  /** Derive the addresses, check the user exists, find its markets, subscribe through the SDK. */
  static async open(o: ReaderOptions): Promise<DriftAccountReader> {
    const sdk = await import('@drift-labs/sdk');
    const web3 = await import('@solana/web3.js');
    const addresses = driftAddresses(sdk, web3, o.authority, o.subAccountId, o.programId);
    const info = await withRetry(`user account ${addresses.user}`, () => o.connection.getAccountInfo(addresses.userKey), o.ports);
    if (info === null) throw new DriftUserNotFoundError(addresses.authority, o.subAccountId, addresses.user);
    const client = (perpMarketIndexes: number[], spotMarketIndexes: number[], oracleInfos: Any[]): Any =>
      new sdk.DriftClient({
        connection: o.connection,
        wallet: readOnlyWallet(addresses.authorityKey),
        programID: addresses.programKey,
        authority: addresses.authorityKey,
        activeSubAccountId: o.subAccountId,
        subAccountIds: [o.subAccountId],
        accountSubscription: { type: 'polling', accountLoader: o.accountLoader },
        perpMarketIndexes, spotMarketIndexes, oracleInfos,
        skipLoadUsers: true,
      });
    const coder = client([], [], []).program.coder.accounts;
    const userAccount = coder.decodeUnchecked('User', info.data);
    const { perp, spot } = touchedMarkets(sdk, userAccount);
    const keys = [...perp.map((i) => sdk.getPerpMarketPublicKeySync(addresses.programKey, i)), ...spot.map((i) => sdk.getSpotMarketPublicKeySync(addresses.programKey, i))];
    const markets = await withRetry(`${keys.length} market accounts`, () => o.connection.getMultipleAccountsInfo(keys), o.ports);
    const oracleInfos: Any[] = [];
    const quoteIndexes = new Set<number>(spot);
    markets.forEach((m, k) => {
      const label = k < perp.length ? `perp market ${perp[k]}` : `spot market ${spot[k - perp.length]}`;
      if (m === null) throw new Error(`Drift ${label} (${keys[k]!.toBase58()}) does not exist, but user ${addresses.user} has a position in it`);
      const market = coder.decodeUnchecked(k < perp.length ? 'PerpMarket' : 'SpotMarket', m.data);
      const oracle = k < perp.length ? { publicKey: market.amm.oracle, source: market.amm.oracleSource } : { publicKey: market.oracle, source: market.oracleSource };
      if (!oracle.publicKey.equals(web3.PublicKey.default)) oracleInfos.push(oracle);
      if (k < perp.length) quoteIndexes.add(market.quoteSpotMarketIndex);
    });
    const spotAll = [...quoteIndexes].sort((a, b) => a - b);
    const driftClient = client(perp, spotAll, oracleInfos);
    await withRetry('markets and oracles', async () => {
      if (!(await driftClient.subscribe())) throw new Error('the SDK subscription did not load every market and oracle');
    }, o.ports);
    const user = new sdk.User({ driftClient, userAccountPublicKey: addresses.userKey, accountSubscription: { type: 'polling', accountLoader: o.accountLoader } });
    await withRetry(`user account ${addresses.user}`, async () => {
      if (!(await user.subscribe())) throw new Error('the SDK user subscription did not load');
    }, o.ports);
    return new DriftAccountReader(sdk, addresses, driftClient, user, perp, spotAll, o);
  }

  /** One poll of every subscribed account (bounded retries); returns the SDK change events it fired. */
  async refresh(): Promise<string[]> {
    const loader = this.options.accountLoader;
    await withRetry('Drift accounts (poll)', async () => {
      const errors: unknown[] = [];
      const id = loader.addErrorCallbacks((e: unknown) => errors.push(e));
      try {
        await loader.load();
      } finally {
        loader.removeErrorCallbacks(id);
      }
      if (errors.length > 0) throw errors[0];
    }, this.options.ports);
    const fired = this.changes;
    this.changes = [];
    return fired;
  }

  /** The figures and positions from the accounts loaded now (synchronous: no RPC). */
  view(): DriftAccountView {
    const dc = this.driftClient;
    const input: FiguresInput = {
      user: this.user.getUserAccount(),
      perpMarkets: this.perpMarketIndexes.map((i) => dc.getPerpMarketAccount(i)),
      spotMarkets: this.spotMarketIndexes.map((i) => dc.getSpotMarketAccount(i)),
      state: dc.getStateAccount(),
      oracles: {
        perp: new Map(this.perpMarketIndexes.map((i) => [i, { price: dc.getOracleDataForPerpMarket(i).price, mmPrice: dc.getMMOracleDataForPerpMarket(i).price }])),
        spot: new Map(this.spotMarketIndexes.map((i) => [i, { price: dc.getOracleDataForSpotMarket(i).price }])),
      },
      now: this.options.nowUnix(),
    };
    return buildView(this.sdk, this.addresses, input, accountFigures(input));
  }

  async close(): Promise<void> {
    await this.user.unsubscribe();
    await this.driftClient.unsubscribe();
  }
}

/** A wallet with only a public key: the SDK can build requests but never sign (read-only monitor). */
function readOnlyWallet(publicKey: PublicKey): Any {
  const refuse = async (): Promise<never> => {
    throw new Error('read-only Drift reader: signing is not possible (no keypair is ever loaded)');
  };
  return { publicKey, signTransaction: refuse, signAllTransactions: refuse, signVersionedTransaction: refuse, signAllVersionedTransactions: refuse };
}

/** Perp and spot market indexes the user has anything in (position, balance or open order), sorted. */
function touchedMarkets(sdk: Sdk, user: Any): { perp: number[]; spot: number[] } {
  const perp = new Set<number>();
  const spot = new Set<number>([sdk.QUOTE_SPOT_MARKET_INDEX]);
  for (const p of user.perpPositions) if (!sdk.positionIsAvailable(p)) perp.add(p.marketIndex);
  for (const s of user.spotPositions) if (!sdk.isSpotPositionAvailable(s)) spot.add(s.marketIndex);
  for (const o of user.orders) {
    if (!sdk.isVariant(o.status, 'open')) continue;
    (sdk.isVariant(o.marketType, 'perp') ? perp : spot).add(o.marketIndex);
  }
  return { perp: [...perp].sort((a, b) => a - b), spot: [...spot].sort((a, b) => a - b) };
}
