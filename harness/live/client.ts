/**
 * The SDK `DriftClient` of `dnh live` on a given `Connection`: the authority's public key as its wallet
 * (it builds instructions; the adapter signs with the signer loaded from the key file, so the SDK never
 * holds the secret), one perp market, the quote spot market 0, their oracles read from the market
 * accounts (so the same code serves mainnet and a local world), the user's sub-account. Polling through
 * `accountLoader` (polling 0: every read is an explicit fetch).
 *
 * @example const c = await openLiveClient({ connection, authority, subAccountId: 0, marketIndex: 0, accountLoader });
 */
import type { DriftClient } from '@drift-labs/sdk';
import type { Connection, PublicKey } from '@solana/web3.js';
import { DriftUserNotFoundError } from '../../engine/drift/errors.js';
import { RpcError } from '../../engine/drift/write/errors.js';
import { redactSecrets } from '../../engine/drift/write/redact.js';
import type { RpcStep } from './rpcWatch.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export interface LiveClientOptions {
  connection: Connection;
  authority: PublicKey;
  subAccountId: number;
  marketIndex: number;
  /** the SDK's BulkAccountLoader (or the local worlds' loader) over `connection` */
  accountLoader: Any;
  /** Drift program id (default: mainnet's) */
  programId?: PublicKey;
  /** runs each RPC-facing step after the first read (rpcWatch.ts: failures become one RpcError); default: as is */
  rpc?: RpcStep;
}

export interface LiveClient {
  client: DriftClient;
  usdcMint: PublicKey;
  /** the perp market's order step and minimum (base 1e9), from its account */
  market: { orderStepSize: bigint; minOrderSize: bigint };
}

/** The cluster lacks what the command needs (a market, its accounts): exit 1, one line. */
export class LiveSetupError extends Error {
  override readonly name = 'LiveSetupError' as const;
}

/** A wallet with only a public key: the SDK builds instructions but cannot sign. */
function publicOnlyWallet(publicKey: PublicKey): Any {
  const refuse = async (): Promise<never> => {
    throw new Error('dnh live: the SDK client never signs (the adapter signs with the key file)');
  };
  return { publicKey, signTransaction: refuse, signAllTransactions: refuse, signVersionedTransaction: refuse, signAllVersionedTransactions: refuse };
}

const MAX_FETCHES = 16;

export async function openLiveClient(o: LiveClientOptions): Promise<LiveClient> {
  const sdk = await import('@drift-labs/sdk');
  const web3 = await import('@solana/web3.js');
  const step: RpcStep = o.rpc ?? ((_op, f) => f());
  const programId = o.programId ?? new web3.PublicKey(sdk.DRIFT_PROGRAM_ID);
  const base = { connection: o.connection, wallet: publicOnlyWallet(o.authority), programID: programId, authority: o.authority, activeSubAccountId: o.subAccountId, subAccountIds: [o.subAccountId], accountSubscription: { type: 'polling' as const, accountLoader: o.accountLoader } };
  const coder = (new sdk.DriftClient({ ...base, perpMarketIndexes: [], spotMarketIndexes: [], oracleInfos: [], skipLoadUsers: true }) as Any).program.coder.accounts;
  const userKey = sdk.getUserAccountPublicKeySync(programId, o.authority, o.subAccountId);
  let userInfo;
  try {
    userInfo = await o.connection.getAccountInfo(userKey);
  } catch (e) {
    throw new RpcError(`reading the Drift user account ${userKey.toBase58()}`, 1, redactSecrets(((e as Error).message ?? String(e)).replace(/\s*\n\s*/g, ' ')));
  }
  if (userInfo === null) throw new DriftUserNotFoundError(o.authority.toBase58(), o.subAccountId, userKey.toBase58());
  // every market the user touches joins the configuration's: the figures need all of them
  const touched = touchedMarkets(coder.decodeUnchecked('User', userInfo.data));
  const perpIndexes = [...new Set([o.marketIndex, ...touched.perp])].sort((a, b) => a - b);
  const perps = await decodeAll(step, o.connection, coder, 'PerpMarket', perpIndexes.map((i) => sdk.getPerpMarketPublicKeySync(programId, i)), perpIndexes);
  const spotIndexes = [...new Set([0, ...touched.spot, ...perps.map((m) => m.quoteSpotMarketIndex as number)])].sort((a, b) => a - b);
  const spots = await decodeAll(step, o.connection, coder, 'SpotMarket', spotIndexes.map((i) => sdk.getSpotMarketPublicKeySync(programId, i)), spotIndexes);
  const perp = perps[perpIndexes.indexOf(o.marketIndex)];
  const spot = spots[spotIndexes.indexOf(0)];
  const oracleInfos = [
    ...perps.map((m) => ({ publicKey: m.amm.oracle, source: m.amm.oracleSource })),
    ...spots.map((m) => ({ publicKey: m.oracle, source: m.oracleSource })),
  ].filter((x) => !x.publicKey.equals(web3.PublicKey.default));
  const client = new sdk.DriftClient({ ...base, perpMarketIndexes: perpIndexes, spotMarketIndexes: spotIndexes, oracleInfos });
  await step('subscribing to the Drift markets and oracles', () => client.subscribe());
  // the local worlds' loader may deliver accounts over several fetches: fetch until all are in (bounded)
  for (let i = 0; ; i++) {
    const ready = perpIndexes.every((m) => loaded(() => client.getPerpMarketAccount(m))) && spotIndexes.every((m) => loaded(() => client.getSpotMarketAccount(m))) && loaded(() => client.getUser(o.subAccountId).getUserAccount());
    if (ready) break;
    if (i >= MAX_FETCHES) throw new LiveSetupError(`Drift accounts of ${o.authority.toBase58()} (market ${o.marketIndex}) did not load after ${MAX_FETCHES} fetches`);
    await step('fetching the Drift accounts', async () => {
      await client.fetchAccounts();
      await client.getUser(o.subAccountId).fetchAccounts();
    });
  }
  return { client, usdcMint: spot.mint, market: { orderStepSize: BigInt(perp.amm.orderStepSize.toString()), minOrderSize: BigInt(perp.amm.minOrderSize.toString()) } };
}

async function decodeAll(step: RpcStep, connection: Connection, coder: Any, name: string, keys: PublicKey[], indexes: number[]): Promise<Any[]> {
  const infos = await step(`reading the Drift ${name} accounts ${indexes.join(', ')}`, () => connection.getMultipleAccountsInfo(keys));
  return infos.map((info, k) => {
    if (info === null) throw new LiveSetupError(`Drift ${name} ${indexes[k]} (${keys[k]!.toBase58()}) does not exist on this cluster`);
    return coder.decodeUnchecked(name, info.data);
  });
}

/** Perp and spot market indexes the user has a position, balance or open order in. */
function touchedMarkets(user: Any): { perp: number[]; spot: number[] } {
  const perp: number[] = [];
  const spot: number[] = [];
  for (const p of user.perpPositions) if (!p.baseAssetAmount.isZero() || !p.quoteAssetAmount.isZero() || p.openOrders > 0 || !p.lpShares?.isZero?.()) perp.push(p.marketIndex);
  for (const s of user.spotPositions) if (!s.scaledBalance.isZero() || s.openOrders > 0) spot.push(s.marketIndex);
  return { perp, spot };
}

function loaded(get: () => unknown): boolean {
  try {
    return get() !== undefined && get() !== null;
  } catch {
    return false;
  }
}
