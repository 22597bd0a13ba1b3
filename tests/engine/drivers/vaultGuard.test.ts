/**
 * Vault synchronisation wired into the strategy's trading state (engine/drivers/vaultGuard.ts, liveStep):
 * the ledger is checked after every command and on the schedule of the injected clock (no read before the
 * interval); a lagging read is retried within the bound and passes; a mismatch beyond the tolerance halts
 * trading (the strategy decides under `halted`), raises one critical VAULT_MISMATCH alert with the
 * figures, stays halted through later checks, refuses a wrong reconciliation and resumes after a right
 * one (VAULT_RECONCILED). In liveStep, a mismatch after a command stops the step before the next one.
 */
import { describe, expect, it } from 'vitest';
import { NOW, vaultLiveWorld } from './vaultLiveWorld.js';
import type { VaultAlert } from '../../../engine/alerts/vaultAlerts.js';
import { liveStep } from '../../../engine/drivers/liveStep.js';
import { VaultGuard } from '../../../engine/drivers/vaultGuard.js';
import { ManualClock } from '../../../engine/venue/clock.js';


function guardOn(chain: { collateral: bigint; lagReads?: number }, clock: ManualClock, alerts: VaultAlert[]) {
  const reads: number[] = [];
  const stale = chain.collateral;
  const guard = new VaultGuard({
    account: 'alice/0', clock, intervalMs: 60_000, tolerancePerCommand: 1n, attempts: 3, delayMs: 2_000, alert: (a) => alerts.push(a),
    sleep: async (ms) => clock.advance(ms),
    readCollateral: async () => {
      reads.push(clock.now());
      if ((chain.lagReads ?? 0) > 0) {
        chain.lagReads!--;
        return stale;
      }
      return chain.collateral;
    },
  });
  return { guard, reads };
}

describe('VaultGuard', () => {
  it('checks after every command and on the schedule; a lagging read passes within the bound', async () => {
    const clock = new ManualClock(NOW);
    const alerts: VaultAlert[] = [];
    const chain = { collateral: 0n, lagReads: 0 };
    const { guard, reads } = guardOn(chain, clock, alerts);
    chain.collateral = 1_000_000000n;
    expect(await guard.afterCommand({ type: 'DEPOSIT', amount: 1_000_000000n })).toMatchObject({ inSync: true, reads: 1 });
    expect(await guard.tick()).toBeNull(); // the schedule: not yet due
    clock.advance(59_999);
    expect(await guard.tick()).toBeNull();
    expect(reads).toHaveLength(1);
    clock.advance(1);
    expect(await guard.tick()).toMatchObject({ inSync: true });
    expect(reads).toHaveLength(2);
    // the chain answers one command late on two reads: still in sync on the third, no halt
    chain.collateral = 900_000000n;
    chain.lagReads = 2;
    const v = await guard.afterCommand({ type: 'WITHDRAW', amount: 100_000000n });
    expect(v).toMatchObject({ inSync: true, halt: false, reads: 3 });
    expect(guard.tradingState('active')).toBe('active');
    expect(alerts).toEqual([]);
  });

  it('a mismatch halts trading with one critical alert until a right reconciliation', async () => {
    const clock = new ManualClock(NOW);
    const alerts: VaultAlert[] = [];
    const chain = { collateral: 1_000_000000n };
    const { guard, reads } = guardOn(chain, clock, alerts);
    await guard.afterCommand({ type: 'DEPOSIT', amount: 1_000_000000n });
    chain.collateral = 750_000000n; // 250 USDC left the account behind the ledger's back
    clock.advance(60_000);
    const v = (await guard.tick())!;
    expect(v).toMatchObject({ inSync: false, halt: true, expected: 1_000_000000n, onChain: 750_000000n, diff: -250_000000n, reads: 3 });
    expect(reads.slice(-3)).toEqual([NOW + 60_000, NOW + 62_000, NOW + 64_000]); // bounded re-reads, 2 s apart
    expect(guard.tradingState('active')).toBe('halted');
    expect(guard.tradingState('reducing')).toBe('halted');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ type: 'VAULT_MISMATCH', level: 'critical', account: 'alice/0', expected: 1_000_000000n, onChain: 750_000000n, diff: -250_000000n, tolerance: 1n, reads: 3, trigger: 'schedule', time: NOW + 64_000 });
    expect((alerts[0] as { message: string }).message).toMatch(/alice\/0: vault mismatch: the ledger expects 1000000000 and the chain holds 750000000 .* trading halted until reconciled/);

    // later checks (even in sync again) keep it halted and do not repeat the alert
    clock.advance(60_000);
    await guard.tick();
    chain.collateral = 1_000_000000n;
    clock.advance(60_000);
    expect(await guard.tick()).toMatchObject({ inSync: true });
    expect(guard.isHalted).toBe(true);
    expect(alerts).toHaveLength(1);
    chain.collateral = 750_000000n;

    // a wrong reconciliation is refused and not kept; the right one resumes trading
    expect(await guard.reconcile(-100_000000n, 'guess')).toMatchObject({ halt: true });
    expect(guard.tradingState('active')).toBe('halted');
    expect(await guard.reconcile(-250_000000n, 'withdrawal from the Drift app, ticket 42')).toMatchObject({ inSync: true, halt: false });
    expect(guard.tradingState('active')).toBe('active');
    expect(alerts.map((a) => a.type)).toEqual(['VAULT_MISMATCH', 'VAULT_RECONCILED']);
    expect(alerts[1]).toMatchObject({ level: 'info', adjustment: -250_000000n, note: 'withdrawal from the Drift app, ticket 42' });
    await guard.afterCommand({ type: 'DEPOSIT', amount: 50_000000n }).then((x) => expect(x.halt).toBe(true)); // chain did not move: halts again
    chain.collateral = 800_000000n;
    expect((await guard.reconcile(0n, 'deposit landed late')).inSync).toBe(true); // the adjustment of -250 is kept
  });
});

describe('liveStep with the vault guard', () => {
  function setup(offset: () => bigint) {
    return vaultLiveWorld((perp) => async () => (await perp.figures()).collateral + offset());
  }

  it('a vault mismatch after the deposit stops the step before the open, halted, with the alert', async () => {
    let off = 0n;
    const { input, guard, alerts } = setup(() => off);
    off = -5_000000n; // the chain shows 5 USDC less than the ledger from the first read on
    const r = await liveStep(input);
    expect(r.done.map((c) => c.command.type)).toEqual(['SPOT_OPEN', 'DEPOSIT']);
    expect(r.vaultHalt).toMatch(/vault mismatch/);
    expect(guard.tradingState('active')).toBe('halted');
    expect(alerts).toHaveLength(1);
    // the next step decides under `halted`: nothing is sent
    const next = await liveStep({ ...input, wallet: r.wallet, engineState: r.decision.state });
    expect(next.tradingState).toBe('halted');
    expect(next.done).toEqual([]);
    expect(next.decision.commands).toEqual([]);
  });

  it('in sync: the strategy opens both legs and the ledger follows every perp command', async () => {
    const { input, guard, alerts } = setup(() => 0n);
    const r = await liveStep(input);
    expect(r.refused).toBeNull();
    expect(r.vaultHalt).toBeNull();
    expect(r.done.map((c) => c.command.type)).toEqual(['SPOT_OPEN', 'DEPOSIT', 'OPEN_POSITION']);
    expect(guard.last).toMatchObject({ inSync: true });
    expect(alerts).toEqual([]);
  });
});
