/**
 * The Drift world with the real program: setup, a funded user, a short that fills, and the figures of
 * DRIFT-BANKRUN.md ("Figures seen"). Needs the program binaries; reports NOT RUN without them.
 */
import { describe, expect, it } from 'vitest';
import { missingBinariesMessage, programBinaries } from '../../../../harness/chain/program/binaries.js';
import { DriftWorld, WORLD_START_UNIX } from '../../../../harness/chain/program/world.js';

const bins = programBinaries();

describe('Drift world with the real program', () => {
  it('reports whether the program binaries are present', () => {
    if (!bins) console.warn(missingBinariesMessage('the real-program world tests'));
    expect(bins === null || bins.drift.length > 0).toBe(true);
  });

  it.runIf(bins !== null)('sets up markets and a user whose short fills at the AMM', async () => {
    const t0 = performance.now();
    const w = await DriftWorld.start(bins!, { seed: 'world-test' });
    const sdk = w.sdk;
    const alice = await w.createUser('alice', 2_000_000000n, 1_000_000000n);
    const user = alice.client.getUser(0);
    expect(user.getTokenAmount(0).toString()).toBe('1000000000');
    await w.publishOracle(w.oraclePrice6);
    await alice.client.openPosition(sdk.PositionDirection.SHORT, new sdk.BN(10).mul(sdk.BASE_PRECISION), 0);
    await w.refresh(alice);
    const pos = alice.client.getUser(0).getPerpPosition(0)!;
    expect(pos.baseAssetAmount.toString()).toBe('-10000000000');
    expect(alice.client.getUser(0).getHealth()).toBe(92); // DRIFT-BANKRUN.md, "Figures seen"
    // the clock is pinned: 2024-01-01 00:00 UTC, +1 s per transaction, +3600 s per hour warped
    const t = await w.unixTime();
    expect(t > WORLD_START_UNIX && t < WORLD_START_UNIX + 60n).toBe(true);
    await w.warp(3600);
    expect(await w.unixTime()).toBe(t + 3600n);
    console.log(`world setup + user + open: ${(performance.now() - t0).toFixed(0)} ms`);
    await w.stop();
  });
});
