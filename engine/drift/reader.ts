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
 * The market set follows the user: a market it starts to touch is subscribed at the next `refresh()`.
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
type Web3 = typeof import('@solana/web3.js');
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
  /** the SDK's DriftClient (subscribed, read-only) */
  driftClient: Any;
  /** the SDK's User (subscribed) */
  user: Any;
  perpMarketIndexes: number[] = [];
  spotMarketIndexes: number[] = [];

  private constructor(
    readonly sdk: Sdk,
    private readonly web3: Web3,
    readonly addresses: DriftAddresses,
    private readonly coder: Any,
    private readonly options: ReaderOptions,
  ) {}

  /** Derive the addresses, check the user exists, find its markets, subscribe through the SDK. */
  static async open(o: ReaderOptions): Promise<DriftAccountReader> {
    const sdk = await import('@drift-labs/sdk');
    const web3 = await import('@solana/web3.js');
    const addresses = driftAddresses(sdk, web3, o.authority, o.subAccountId, o.programId);
    const info = await withRetry(`user account ${addresses.user}`, () => o.connection.getAccountInfo(addresses.userKey), o.ports);
    if (info === null) throw new DriftUserNotFoundError(addresses.authority, o.subAccountId, addresses.user);
    // The anchor coder of the SDK's own DriftClient (the one its user subscriber decodes with).
    const coder = newClient(sdk, o, addresses, [], [], []).program.coder.accounts;
    const reader = new DriftAccountReader(sdk, web3, addresses, coder, o);
    await reader.subscribeFor(coder.decodeUnchecked('User', info.data));
    return reader;
  }

  /**
   * Subscribe a DriftClient and a User to every market the user touches (and those already subscribed:
   * the set never shrinks), each market's quote market, and their oracles; then drop the previous ones.
   */
  private async subscribeFor(userAccount: Any): Promise<void> {
    const { sdk, web3, addresses: a, options: o } = this;
    const touched = touchedMarkets(sdk, userAccount);
    const perp = union(touched.perp, this.perpMarketIndexes);
    const perpKeys = perp.map((i) => sdk.getPerpMarketPublicKeySync(a.programKey, i));
    const perpInfos = await withRetry(`${perp.length} perp market accounts`, () => o.connection.getMultipleAccountsInfo(perpKeys), o.ports);
    const perpMarkets = perpInfos.map((m, k) => this.decodeMarket('PerpMarket', m, `perp market ${perp[k]} (${perpKeys[k]!.toBase58()})`));
    const spot = union(union(touched.spot, this.spotMarketIndexes), perpMarkets.map((m) => m.quoteSpotMarketIndex));
    const spotKeys = spot.map((i) => sdk.getSpotMarketPublicKeySync(a.programKey, i));
    const spotInfos = await withRetry(`${spot.length} spot market accounts`, () => o.connection.getMultipleAccountsInfo(spotKeys), o.ports);
    const spotMarkets = spotInfos.map((m, k) => this.decodeMarket('SpotMarket', m, `spot market ${spot[k]} (${spotKeys[k]!.toBase58()})`));
    const oracleInfos = [
      ...perpMarkets.map((m) => ({ publicKey: m.amm.oracle, source: m.amm.oracleSource })),
      ...spotMarkets.map((m) => ({ publicKey: m.oracle, source: m.oracleSource })),
    ].filter((x) => !x.publicKey.equals(web3.PublicKey.default));
    const driftClient = newClient(sdk, o, a, perp, spot, oracleInfos);
    await withRetry('markets and oracles', async () => {
      if (!(await driftClient.subscribe())) throw new Error('the SDK subscription did not load every market and oracle');
    }, o.ports);
    const user = new sdk.User({ driftClient, userAccountPublicKey: a.userKey, accountSubscription: { type: 'polling', accountLoader: o.accountLoader } });
    await withRetry(`user account ${a.user}`, async () => {
      if (!(await user.subscribe())) throw new Error('the SDK user subscription did not load');
    }, o.ports);
    for (const name of CHANGE_EVENTS) (name === 'userAccountUpdate' ? user.eventEmitter : driftClient.eventEmitter).on(name, () => this.changes.push(name));
    const previous = this.driftClient === undefined ? null : { user: this.user, driftClient: this.driftClient };
    Object.assign(this, { driftClient, user, perpMarketIndexes: perp, spotMarketIndexes: spot });
    if (previous) {
      await previous.user.unsubscribe();
      await previous.driftClient.unsubscribe();
    }
  }

  private decodeMarket(name: 'PerpMarket' | 'SpotMarket', info: { data: Buffer } | null, label: string): Any {
    if (info === null) throw new Error(`Drift ${label} does not exist, but user ${this.addresses.user} needs it`);
    return this.coder.decodeUnchecked(name, info.data);
  }

  /**
   * One poll of every subscribed account (bounded retries); returns the SDK change events it fired. When
   * the user now touches a market not yet subscribed (a new position, balance or order), it resubscribes
   * to include it and adds `marketsChanged`.
   */
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
    const account = this.user.getUserAccount();
    const touched = touchedMarkets(this.sdk, account);
    const missing = touched.perp.some((i) => !this.perpMarketIndexes.includes(i)) || touched.spot.some((i) => !this.spotMarketIndexes.includes(i));
    if (missing) {
      await this.subscribeFor(account);
      this.changes.push('marketsChanged');
    }
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

function newClient(sdk: Sdk, o: ReaderOptions, a: DriftAddresses, perpMarketIndexes: number[], spotMarketIndexes: number[], oracleInfos: Any[]): Any {
  return new sdk.DriftClient({
    connection: o.connection,
    wallet: readOnlyWallet(a.authorityKey),
    programID: a.programKey,
    authority: a.authorityKey,
    activeSubAccountId: o.subAccountId,
    subAccountIds: [o.subAccountId],
    accountSubscription: { type: 'polling', accountLoader: o.accountLoader },
    perpMarketIndexes, spotMarketIndexes, oracleInfos,
    skipLoadUsers: true,
  });
}

const union = (a: number[], b: number[]): number[] => [...new Set([...a, ...b])].sort((x, y) => x - y);

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
