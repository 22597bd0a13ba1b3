/**
 * `dnh monitor --rpc URL --authority PUBKEY` runs its real live wiring (web3 `Connection`, the SDK's
 * `BulkAccountLoader`, wall clock) against a local world served over HTTP JSON-RPC on loopback: `--once
 * --json` prints the account's snapshot with the health an independent SDK `User` gives; a sub-account
 * that does not exist exits 1 with the clear error; only read methods are ever requested.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../../harness/chain/world.js';
import { cli } from '../helpers/cli.js';
import { startRpcBridge, type RpcBridge } from '../helpers/rpcBridge.js';
import { sdkClient, sdkFigures } from '../engine/drift/sdkUser.js';

let world: World;
let rpc: RpcBridge;

beforeAll(async () => {
  world = await startWorld();
  rpc = await startRpcBridge(world);
});

afterAll(async () => {
  await rpc?.close();
});

describe('dnh monitor --rpc (live wiring, local world over JSON-RPC)', () => {
  it('rides out an RPC answering 503 twice (real sleeps of 1 s and 2 s), then reads', async () => {
    const flaky = await startRpcBridge(world, { failFirst: 2 });
    try {
      const u = world.users[2]!;
      const t0 = performance.now();
      const r = await cli('monitor', '--rpc', flaky.url, '--authority', u.authority.toBase58(), '--subaccount', '1', '--once', '--json', '--log-level', 'silent');
      const ms = performance.now() - t0;
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out).account.user).toBe(u.user.toBase58());
      expect(ms).toBeGreaterThanOrEqual(3000);
    } finally {
      await flaky.close();
    }
  });

  it('--once --json prints the snapshot; health equals the SDK User', async () => {
    const demo = world.users.find((u) => u.spec.label === 'borrower')!;
    const r = await cli('monitor', '--rpc', `${rpc.url}/?api-key=SECRET123`, '--authority', demo.authority.toBase58(), '--once', '--json', '--log-level', 'silent');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.account.user).toBe(demo.user.toBase58());
    const sdk = await sdkClient(world);
    const user = await sdk.userFor(demo.user);
    expect(s.figures.health).toBe(sdkFigures(user, []).health);
    expect(s.positions.map((p: { market: string }) => p.market)).toEqual(['SOL-PERP', 'BNB-PERP']);
    expect(s.balances.map((b: { amount: number }) => Math.sign(b.amount))).toEqual([-1, 1]);
    expect(new Set(rpc.requests.map((q) => q.method))).toEqual(new Set(['getAccountInfo', 'getMultipleAccounts']));
    expect(rpc.unknown).toEqual([]);
  });

  it('a missing sub-account exits 1 naming authority, sub-account and derived address', async () => {
    const sdk = await import('@drift-labs/sdk');
    const a = world.users[0]!.authority;
    const r = await cli('monitor', '--rpc', rpc.url, '--authority', a.toBase58(), '--subaccount', '5', '--once', '--log-level', 'silent');
    expect(r.code).toBe(1);
    const address = sdk.getUserAccountPublicKeySync(world.programId, a, 5).toBase58();
    expect(r.err.trim()).toBe(`dnh monitor: no Drift user account for authority ${a.toBase58()}, sub-account 5: derived address ${address} does not exist (check the authority and --subaccount)`);
  });
});
