/**
 * The Drift reader on a local world (accounts built with the SDK's coder, served by the SDK's
 * BankrunConnection): every figure read through the adapter equals an independent SDK `User` on the same
 * world, for every user (spot deposits and a USDC borrow, positions in eight of the nine markets, open
 * orders, unsettled funding, an MM oracle), before and after oracle moves; positions and balances are
 * the SDK's; the PDAs are the SDK's; a missing account gives the clear error.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DriftUserNotFoundError } from '../../../engine/drift/errors.js';
import { DriftAccountReader } from '../../../engine/drift/reader.js';
import { createWorldLoader } from '../../../harness/chain/loader.js';
import { startWorld, type World } from '../../../harness/chain/world.js';
import { sdkClient, sdkFigures } from './sdkUser.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const ports = { sleep: async () => {}, now: () => 0 };
let world: World;
let readers: DriftAccountReader[];
let sdkUsers: Any[];

async function refreshAll(): Promise<void> {
  for (const r of readers) await r.refresh();
  for (const u of sdkUsers) await u.driftClient.accountSubscriber.accountLoader.load();
  vi.setSystemTime(world.now().unixTs * 1000);
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  world = await startWorld();
  vi.setSystemTime(world.now().unixTs * 1000);
  const loader = await createWorldLoader(world.connection);
  readers = [];
  for (const u of world.users) {
    readers.push(await DriftAccountReader.open({
      connection: world.connection, authority: u.authority.toBase58(), subAccountId: u.spec.subAccountId, accountLoader: loader,
      ports, nowUnix: () => world.now().unixTs, programId: world.programId.toBase58(),
    }));
  }
  const sdk = await sdkClient(world);
  sdkUsers = [];
  for (const u of world.users) sdkUsers.push(await sdk.userFor(u.user));
});

afterAll(() => {
  vi.useRealTimers();
});

function expectSameFigures(k: number, where: string): void {
  const view = readers[k]!.view();
  const expected = sdkFigures(sdkUsers[k], view.figures.perpPositions.map((p) => p.marketIndex));
  expect(view.figures.perpPositions.map((p) => p.marketIndex).sort((a, b) => a - b)).toEqual(view.perpPositions.map((p) => p.marketIndex));
  const got = { ...view.figures, perpPositions: view.figures.perpPositions.map((p) => ({ marketIndex: p.marketIndex, liquidationPrice: p.liquidationPrice })) };
  expect(got, `${world.users[k]!.spec.label} ${where}`).toEqual(expected);
}

describe('Drift reader on the local world', () => {
  it('derives the user and user-stats PDAs with the SDK', async () => {
    const sdk = await import('@drift-labs/sdk');
    world.users.forEach((u, k) => {
      const a = readers[k]!.addresses;
      expect(a.user).toBe(sdk.getUserAccountPublicKeySync(world.programId, u.authority, u.spec.subAccountId).toBase58());
      expect(a.userStats).toBe(sdk.getUserStatsAccountPublicKey(world.programId, u.authority).toBase58());
      expect(a.user).toBe(u.user.toBase58());
    });
  });

  it('loads exactly the markets each user touches', () => {
    expect(readers[0]!.perpMarketIndexes).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(readers[0]!.spotMarketIndexes).toEqual([0, 1]);
    expect(readers[1]!.perpMarketIndexes).toEqual([0, 8]);
    expect(readers[2]!.perpMarketIndexes).toEqual([2]);
    expect(readers[2]!.spotMarketIndexes).toEqual([0]);
  });

  it('figures equal the SDK User at the start, for every user', () => {
    expect(readers.length).toBe(3);
    for (let k = 0; k < readers.length; k++) expectSameFigures(k, 'at start');
    expect(readers[0]!.view().figures.health).toBeGreaterThan(50);
  });

  it('figures follow oracle moves and equal the SDK User after each', async () => {
    const moves: [number, number][] = [[0, 170], [1, 55_000], [2, 3_300], [8, 700], [0, 186], [7, 0.2], [0, 191], [0, 140]];
    const healths: number[] = [];
    for (const [market, usd] of moves) {
      await world.setOraclePrice(market, BigInt(Math.round(usd * 1e6)));
      await world.warp(10);
      await refreshAll();
      for (let k = 0; k < readers.length; k++) expectSameFigures(k, `after perp ${market} -> $${usd}`);
      healths.push(readers[0]!.view().figures.health);
    }
    expect(new Set(healths).size).toBeGreaterThan(3);
  });

  it('positions and balances are the SDK\'s', async () => {
    const sdk = await import('@drift-labs/sdk');
    const view = readers[1]!.view();
    const user = sdkUsers[1];
    for (const p of view.perpPositions) {
      const pos = user.getPerpPosition(p.marketIndex);
      expect(p.baseAssetAmount).toBe(BigInt(pos.baseAssetAmount.toString()));
      expect(p.entryPrice).toBe(BigInt(sdk.calculateEntryPrice(pos).toString()));
      expect(p.openOrders).toBe(pos.openOrders);
    }
    for (const b of view.spotBalances) expect(b.tokenAmount).toBe(BigInt(user.getTokenAmount(b.marketIndex).toString()));
    expect(view.spotBalances.find((b) => b.marketIndex === 0)!.tokenAmount).toBeLessThan(0n);
    expect(view.perpPositions.map((p) => p.market)).toEqual(['SOL-PERP', 'BNB-PERP']);
  });

  it('follows the user into a market it starts to touch (resubscribes), figures still equal the SDK User', async () => {
    const k = 2;
    const u = world.users[k]!;
    expect(readers[k]!.perpMarketIndexes).toEqual([2]);
    const current = await world.connection.getAccountInfo(u.user);
    const data = await world.coder.rebuild('User', current!.data, (a) => {
      const slot = a.perpPositions[1];
      slot.marketIndex = 8;
      slot.baseAssetAmount = world.coder.bn(-1_000_000_000n);
      slot.quoteAssetAmount = world.coder.bn(600_000_000n);
      slot.quoteEntryAmount = world.coder.bn(600_000_000n);
      slot.quoteBreakEvenAmount = world.coder.bn(600_000_000n);
    });
    await world.setAccountData(u.user, data);
    await world.warp(1);
    const changes = await readers[k]!.refresh();
    expect(changes).toContain('userAccountUpdate');
    expect(changes).toContain('marketsChanged');
    expect(readers[k]!.perpMarketIndexes).toEqual([2, 8]);
    await sdkUsers[k].driftClient.accountSubscriber.accountLoader.load();
    vi.setSystemTime(world.now().unixTs * 1000);
    expect(readers[k]!.view().perpPositions.map((p) => p.market)).toEqual(['ETH-PERP', 'BNB-PERP']);
    expectSameFigures(k, 'after opening BNB-PERP');
    // and it keeps following the oracles of the new market
    await world.setOraclePrice(8, 650_000_000n);
    await world.warp(1);
    await refreshAll();
    expect(readers[k]!.view().perpPositions[1]!.oraclePrice).toBe(650_000_000n);
    expectSameFigures(k, 'after BNB -> $650');
  });

  it('a missing account names authority, sub-account and derived address', async () => {
    const sdk = await import('@drift-labs/sdk');
    const authority = world.users[0]!.authority;
    const err = await DriftAccountReader.open({
      connection: world.connection, authority: authority.toBase58(), subAccountId: 7, accountLoader: await createWorldLoader(world.connection),
      ports, nowUnix: () => 0, programId: world.programId.toBase58(),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriftUserNotFoundError);
    const address = sdk.getUserAccountPublicKeySync(world.programId, authority, 7).toBase58();
    expect((err as DriftUserNotFoundError).address).toBe(address);
    expect((err as Error).message).toContain(authority.toBase58());
    expect((err as Error).message).toContain('sub-account 7');
    expect((err as Error).message).toContain(address);
  });
});
