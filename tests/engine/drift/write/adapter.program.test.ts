/**
 * The write adapter against the REAL Drift program (v2.84) in the local bank: deposit, open, a
 * withdrawal beyond initial margin rejected by simulation with Drift's decoded error name and the log
 * (nothing sent, journal settled not-sent), a close on a stale oracle detected as "not filled", and a
 * profit that settles only after the counterparty's loss. Needs the binaries; NOT RUN without them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDriftCommand } from '../../../../engine/drift/write/adapter.js';
import { NotFilledError, SafetyRefusedError, SimulationFailedError } from '../../../../engine/drift/write/errors.js';
import { checkWithdrawHealth, projectedHealthAfterWithdraw } from '../../../../engine/drift/write/safety.js';
import type { DriftWriteCommand } from '../../../../engine/drift/write/validate.js';
import { CommandJournal } from '../../../../engine/journal/journal.js';
import { adapterFor } from '../../../../harness/chain/program/adapterFor.js';
import { missingBinariesMessage, programBinaries } from '../../../../harness/chain/program/binaries.js';
import { DriftWorld } from '../../../../harness/chain/program/world.js';

const bins = programBinaries();
const dir = mkdtempSync(join(tmpdir(), 'dnh-adapter-'));
afterAll(() => rmSync(dir, { recursive: true }));
const sleep = async () => {};
const safety = async () => [];
const limits = { confirmPolls: 5, pollMs: 1, rpc: { attempts: 2, delayMs: 1 } };

describe('Drift write adapter on the real program', () => {
  it('reports whether the program binaries are present', () => {
    if (!bins) console.warn(missingBinariesMessage('the write adapter tests on the real program'));
    expect(bins === null || bins.pyth.length > 0).toBe(true);
  });

  it.runIf(bins !== null)('deposit, open short, over-withdrawal rejected by simulation, stale close not filled', async () => {
    const w = await DriftWorld.start(bins!, { seed: 'adapter-1' });
    const alice = await w.createUser('alice', 2_000_000000n);
    const { adapter, transport } = adapterFor(w, alice);
    const journal = CommandJournal.open<DriftWriteCommand>(join(dir, 'a.jsonl'));
    const run = (key: string, cmd: DriftWriteCommand) => runDriftCommand(adapter, journal, key, cmd, { sleep, safety, limits });

    const dep = await run('dep-1', { type: 'DEPOSIT', amount: 1_000_000000n });
    expect(dep.before).toBe('usdcScaled=0;wallet=2000000000');
    expect(dep.after).toBe('usdcScaled=1000000000000;wallet=1000000000'); // scaled balance: SPOT_BALANCE_PRECISION 1e9
    expect(dep.signature).toMatch(/^[1-9A-HJ-NP-Za-km-z]{80,90}$/);

    await w.publishOracle(w.oraclePrice6);
    const open = await run('open-1', { type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 10_000_000000n });
    expect(open.state.perp.get(0)!.base).toBe(-10_000_000000n);
    await w.refresh(alice);
    expect(alice.client.getUser(0).getHealth()).toBe(92);

    const sendsBefore = transport.sends;
    const err = await run('wd-1', { type: 'WITHDRAW', amount: 990_000000n }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SimulationFailedError);
    const sim = err as SimulationFailedError;
    expect([sim.errorName, sim.errorCode, sim.retryable]).toEqual(['InsufficientCollateral', 6003, false]);
    expect(sim.logs.some((l) => l.includes('InsufficientCollateral'))).toBe(true);
    expect(transport.sends).toBe(sendsBefore);
    expect(journal.get('wd-1')!.settled).toMatchObject({ outcome: 'not-sent' });
    expect(journal.get('wd-1')!.signature).toBeNull();

    await w.warp(60); // 120 slots: the oracle is now stale for the AMM
    const close = await run('close-1', { type: 'CLOSE_POSITION', marketIndex: 0 }).catch((e: unknown) => e);
    expect(close).toBeInstanceOf(NotFilledError);
    expect((await adapter.view()).perp.get(0)!.base).toBe(-10_000_000000n);
    expect(journal.get('close-1')!.settled!.outcome).toBe('landed');

    await w.publishOracle(w.oraclePrice6);
    const close2 = await run('close-2', { type: 'CLOSE_POSITION', marketIndex: 0 });
    expect(close2.state.perp.get(0)?.base ?? 0n).toBe(0n);
    journal.close();
    await w.stop();
  });

  it.runIf(bins !== null)('a withdrawal that would leave health below 80 is refused before sending; the projection equals the SDK after a real one', async () => {
    const w = await DriftWorld.start(bins!, { seed: 'adapter-2' });
    const alice = await w.createUser('alice', 2_000_000000n, 1_000_000000n);
    const { adapter, transport } = adapterFor(w, alice);
    const journal = CommandJournal.open<DriftWriteCommand>(join(dir, 'b.jsonl'));
    await w.publishOracle(w.oraclePrice6);
    await runDriftCommand(adapter, journal, 'open', { type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 10_000_000000n }, { sleep, safety, limits });
    await w.refresh(alice);
    const user = alice.client.getUser(0);
    const tc = BigInt(user.getTotalCollateral('Maintenance').toString());
    const mmr = BigInt(user.getMaintenanceMarginRequirement().toString());
    const free = BigInt(user.getFreeCollateral().toString());
    const healthGate = (amount: bigint) => async () => [checkWithdrawHealth(projectedHealthAfterWithdraw(tc, mmr, amount))];

    expect(projectedHealthAfterWithdraw(tc, mmr, 0n)).toBe(user.getHealth());
    const amount = 700_000000n;
    expect(amount < free).toBe(true); // the program itself would allow it (free collateral), the health rule does not
    expect(projectedHealthAfterWithdraw(tc, mmr, amount)).toBeLessThan(80);
    const sends = transport.sends;
    const refused = await runDriftCommand(adapter, journal, 'wd-700', { type: 'WITHDRAW', amount }, { sleep, safety: healthGate(amount), limits }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SafetyRefusedError);
    expect((refused as SafetyRefusedError).gate).toBe('health');
    expect(transport.sends).toBe(sends);
    expect(journal.get('wd-700')).toBeUndefined();

    // the same withdrawal without the health rule lands, and the SDK's health then equals the projection
    await w.publishOracle(w.oraclePrice6);
    await runDriftCommand(adapter, journal, 'wd-700-unchecked', { type: 'WITHDRAW', amount }, { sleep, safety, limits });
    await w.refresh(alice);
    expect(alice.client.getUser(0).getHealth()).toBe(projectedHealthAfterWithdraw(tc, mmr, amount));
    journal.close();
    await w.stop();
  });
});
