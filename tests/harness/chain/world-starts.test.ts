/**
 * The local world starts reliably: 10 consecutive bankrun starts in one process (the >= 100-start proof
 * across fresh processes is harness/chain/startCheck.ts, docs/drift-monitor.md) (solana-bankrun 0.3.1
 * races process start without a full GC right before `start()`: SIGSEGV or a hang, DRIFT-BANKRUN.md),
 * each reading back every genesis account byte for byte through the SDK's BankrunConnection, with the
 * clock pinned; then a warp and an oracle rewrite keep lamports and move clock and price.
 */
import { describe, expect, it } from 'vitest';
import { WorldCoder } from '../../../harness/chain/accounts.js';
import { buildWorldAccounts } from '../../../harness/chain/build.js';
import { startWorld, WORLD_START_SLOT, WORLD_START_UNIX } from '../../../harness/chain/world.js';

const STARTS = 10;

describe('local Drift world', () => {
  it(`starts ${STARTS} times with every account intact and the clock pinned`, async () => {
    const coder = await WorldCoder.create();
    const built = await buildWorldAccounts(coder, { slot: WORLD_START_SLOT, unixTs: WORLD_START_UNIX });
    const t0 = performance.now();
    for (let k = 0; k < STARTS; k++) {
      const world = await startWorld({ prebuilt: { coder, built } });
      const infos = await world.connection.getMultipleAccountsInfo(built.accounts.map((a) => a.address));
      infos.forEach((info, i) => {
        expect(info, `start ${k}: ${built.accounts[i]!.label}`).not.toBeNull();
        expect(Buffer.compare(info!.data, built.accounts[i]!.data), `start ${k}: ${built.accounts[i]!.label}`).toBe(0);
      });
      const clock = await world.context.banksClient.getClock();
      expect([clock.slot, clock.unixTimestamp]).toEqual([WORLD_START_SLOT, BigInt(WORLD_START_UNIX)]);
    }
    const ms = performance.now() - t0;
    console.log(`world: ${STARTS} starts, ${(ms / STARTS).toFixed(1)} ms each (with the read-back), 0 failures`);
  });

  it('holds every account type at its real size, built by the SDK coder', async () => {
    const world = await startWorld();
    const labels = world.built.accounts.map((a) => a.label);
    expect(labels.filter((l) => l.startsWith('perp market')).length).toBe(9);
    expect(labels.filter((l) => l.startsWith('spot market')).length).toBe(2);
    expect(labels.filter((l) => l.startsWith('oracle')).length).toBe(9);
    expect(labels.filter((l) => l.startsWith('user ') && !l.startsWith('user stats')).length).toBe(3);
    expect(labels.filter((l) => l.startsWith('user stats')).length).toBe(2);
    const sizes = new Map(world.built.accounts.map((a) => [a.label.split(' ').slice(0, 2).join(' '), a.data.length]));
    expect(Object.fromEntries(sizes)).toMatchObject({ state: 992, 'perp market': 1216, 'spot market': 776, 'oracle of': 120, 'user demo': 4376, 'user stats': 240 });
    const user = world.coder.decode('User', world.built.accounts.find((a) => a.label === 'user demo')!.data);
    expect(user.orders.filter((o: { status: object }) => 'open' in o.status).length).toBe(1);
    expect(user.perpPositions[0].openAsks.toString()).toBe('-2000000000');
  });

  it('warps the clock and rewrites an oracle keeping its lamports', async () => {
    const world = await startWorld();
    const oracle = world.built.oracles[0]!;
    const before = await world.connection.getAccountInfo(oracle);
    await world.setOraclePrice(0, 171_500_000n);
    await world.warp(3600);
    const after = await world.connection.getAccountInfo(oracle);
    expect(after!.lamports).toBe(before!.lamports);
    expect(world.coder.decode('PrelaunchOracle', after!.data).price.toString()).toBe('171500000');
    const clock = await world.context.banksClient.getClock();
    expect(clock.unixTimestamp).toBe(BigInt(WORLD_START_UNIX + 3600));
    expect(clock.slot).toBe(WORLD_START_SLOT + 9000n);
    expect(world.now()).toEqual({ slot: WORLD_START_SLOT + 9000n, unixTs: WORLD_START_UNIX + 3600 });
    await world.warp(1);
    expect((await world.connection.getAccountInfo(oracle))!.lamports).toBe(before!.lamports);
  });
});
