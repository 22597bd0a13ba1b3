/**
 * The account's figures from the accounts a subscribed SDK `DriftClient` holds, through the engine's own
 * `accountFigures` (figures.ts; equal to the SDK `User`'s methods, tested there) rather than the SDK's
 * `User` methods; and the inputs of the send-time limit checks (write/limits.ts). The caller refreshes
 * the client first; nothing here reads the network except the current slot.
 *
 * @example const f = clientFigures(client, 0, [0], [0], nowUnix);
 */
import type { DriftClient } from '@drift-labs/sdk';
import { accountFigures, accountProgramFreeCollateral, type AccountFigures, type FiguresInput } from './figures.js';
import type { LimitInputs } from './write/limits.js';

const big = (x: { toString(): string }): bigint => BigInt(x.toString());

/**
 * The figures input of one user of `client` over every market the client is subscribed to (the client
 * must hold each market the user touches, their quote market, and spot markets sharing their oracles).
 */
export function clientFiguresInput(client: DriftClient, sub: number, nowUnix: number): FiguresInput {
  const user = client.getUser(sub).getUserAccount();
  if (!user) throw new Error(`Drift user account of sub-account ${sub} is not loaded: figures unknown`);
  const perp = client.getPerpMarketAccounts().map((m) => m.marketIndex).sort((a, b) => a - b);
  const spots = client.getSpotMarketAccounts().map((m) => m.marketIndex).sort((a, b) => a - b);
  return {
    user,
    perpMarkets: perp.map((i) => client.getPerpMarketAccount(i)),
    spotMarkets: spots.map((i) => client.getSpotMarketAccount(i)),
    state: client.getStateAccount(),
    oracles: {
      perp: new Map(perp.map((i) => [i, { price: client.getOracleDataForPerpMarket(i).price, mmPrice: client.getMMOracleDataForPerpMarket(i).price }])),
      spot: new Map(spots.map((i) => [i, { price: client.getOracleDataForSpotMarket(i).price }])),
    },
    now: nowUnix,
  };
}

export function clientFigures(client: DriftClient, sub: number, nowUnix: number): AccountFigures {
  return accountFigures(clientFiguresInput(client, sub, nowUnix));
}

/** Free collateral as the program computes it for withdrawals (never above the SDK's figure). */
export function clientProgramFreeCollateral(client: DriftClient, sub: number, nowUnix: number): bigint {
  return accountProgramFreeCollateral(clientFiguresInput(client, sub, nowUnix));
}

/** The USDC spot balance as a token amount (1e6; negative when borrowed), by the SDK's interest math. */
export async function usdcTokenAmount(client: DriftClient, sub: number): Promise<bigint> {
  const sdk = await import('@drift-labs/sdk');
  const user = client.getUser(sub).getUserAccount();
  if (!user) throw new Error(`Drift user account of sub-account ${sub} is not loaded: collateral unknown`);
  const pos = user.spotPositions.find((s) => s.marketIndex === 0 && !s.scaledBalance.isZero());
  if (!pos) return 0n;
  const amount = big(sdk.getTokenAmount(pos.scaledBalance, client.getSpotMarketAccount(0)!, pos.balanceType));
  return 'borrow' in (pos.balanceType as object) ? -amount : amount;
}

const PYTH_V2_MAGIC = 0xa1b2c3d4;

/**
 * The slot the perp market's oracle was published at, as the program judges staleness. For Pyth v2
 * price accounts (sources `pyth`, `pyth1K`, `pyth1M`, `pythStableCoin`) that is the account's
 * `valid_slot` (u64 at byte 40 of Pyth's fixed C layout, after the magic 0xa1b2c3d4): the SDK reports
 * `last_slot` instead, which Drift's mock Pyth leaves at 0. Other sources: the SDK's oracle slot.
 */
async function oraclePublishSlot(client: DriftClient, marketIndex: number): Promise<bigint> {
  const market = client.getPerpMarketAccount(marketIndex)!;
  const source = Object.keys(market.amm.oracleSource as object)[0] ?? '';
  if (['pyth', 'pyth1K', 'pyth1M', 'pythStableCoin'].includes(source)) {
    const info = await client.connection.getAccountInfo(market.amm.oracle);
    if (!info || info.data.length < 48 || info.data.readUInt32LE(0) !== PYTH_V2_MAGIC) throw new Error(`oracle ${market.amm.oracle.toBase58()} of perp market ${marketIndex} is not a Pyth v2 price account: staleness unknown`);
    return Buffer.from(info.data).readBigUInt64LE(40);
  }
  return big(client.getOracleDataForPerpMarket(marketIndex).slot);
}

/** What the limit checks need, from the client's accounts (refreshed by the caller) and the chain's slot. */
export async function readLimitInputs(client: DriftClient, sub: number, marketIndex: number, nowUnix: number): Promise<LimitInputs> {
  const f = clientFigures(client, sub, nowUnix);
  const oracle = client.getOracleDataForPerpMarket(marketIndex);
  const positions = client.getUser(sub).getUserAccount()!.perpPositions;
  const pos = positions.find((p) => p.marketIndex === marketIndex);
  let other = 0n;
  for (const p of positions) {
    if (p.marketIndex === marketIndex || p.baseAssetAmount.isZero()) continue;
    const b = big(p.baseAssetAmount);
    other += ((b < 0n ? -b : b) * big(client.getOracleDataForPerpMarket(p.marketIndex).price)) / 1_000_000_000n;
  }
  const collateral = await usdcTokenAmount(client, sub);
  return {
    slot: BigInt(await client.connection.getSlot()),
    oracle: { price6: big(oracle.price), publishSlot: await oraclePublishSlot(client, marketIndex) },
    positionBase: pos ? big(pos.baseAssetAmount) : 0n,
    otherPerpNotionalQuote: other,
    netValueQuote: collateral + f.unrealizedPnl,
    totalCollateralMaintenance: f.totalCollateralMaintenance,
    maintenanceMarginRequirement: f.maintenanceMarginRequirement,
  };
}
