/**
 * Vault synchronisation fails closed on a read failure (engine/drivers/vaultGuard.ts, liveStep): a reader
 * that fails N times then succeeds within the bound does not halt and raises nothing; one that fails
 * beyond the bound halts trading with ONE critical VAULT_READ_FAILED alert naming the account, the
 * attempts and the last error (its URL path, query and key-like runs redacted), throws nothing, and
 * liveStep sends nothing after it (same step and the next). A successful reconciliation resumes.
 */
import { Keypair } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { NOW, vaultLiveWorld } from './vaultLiveWorld.js';
import type { VaultAlert } from '../../../engine/alerts/vaultAlerts.js';
import { encodeBase58 } from '../../../engine/drift/write/base58.js';
import { redactSecrets } from '../../../engine/drift/write/redact.js';
import { liveStep } from '../../../engine/drivers/liveStep.js';
import { VaultGuard } from '../../../engine/drivers/vaultGuard.js';
import { ManualClock } from '../../../engine/venue/clock.js';

const SECRET = Keypair.fromSeed(new Uint8Array(32).fill(3)).secretKey;
const ERR = `503 Service Unavailable from https://mainnet.rpc.example/v1/TOKEN123?api-key=KEY456: ${encodeBase58(Buffer.from(SECRET))}`;

/** A reader failing its first `failures` calls, then answering `value()`; records the clock at each call. */
function flaky(failures: number, value: () => Promise<bigint>, clock: ManualClock) {
  const calls: number[] = [];
  let left = failures;
  const read = async (): Promise<bigint> => {
    calls.push(clock.now());
    if (left > 0) {
      left--;
      throw new Error(ERR);
    }
    return value();
  };
  return { read, calls, fail: (n: number) => void (left = n) };
}

describe('VaultGuard on a failing vault read', () => {
  it('fails within the bound then succeeds: no halt, no alert', async () => {
    const clock = new ManualClock(NOW);
    const alerts: VaultAlert[] = [];
    const r = flaky(2, async () => 1_000_000000n, clock);
    const guard = new VaultGuard({ account: 'alice/0', readCollateral: r.read, clock, intervalMs: 60_000, tolerancePerCommand: 1n, attempts: 3, delayMs: 2_000, sleep: async (ms) => clock.advance(ms), alert: (a) => alerts.push(a) });
    const v = await guard.afterCommand({ type: 'DEPOSIT', amount: 1_000_000000n });
    expect(v).toMatchObject({ inSync: true, halt: false, reads: 3 });
    expect(r.calls).toEqual([NOW, NOW + 2_000, NOW + 4_000]);
    expect(guard.isHalted).toBe(false);
    expect(guard.tradingState('active')).toBe('active');
    expect(alerts).toEqual([]);
  });

  it('fails beyond the bound: halted, one critical alert naming account, attempts and the redacted error; no throw; reconcile resumes', async () => {
    const clock = new ManualClock(NOW);
    const alerts: VaultAlert[] = [];
    const r = flaky(0, async () => 1_000_000000n, clock);
    const guard = new VaultGuard({ account: 'alice/0', readCollateral: r.read, clock, intervalMs: 60_000, tolerancePerCommand: 1n, attempts: 3, delayMs: 2_000, sleep: async (ms) => clock.advance(ms), alert: (a) => alerts.push(a) });
    await guard.afterCommand({ type: 'DEPOSIT', amount: 1_000_000000n });
    r.fail(3);
    clock.advance(60_000);
    const v = (await guard.tick())!;
    expect(v).toMatchObject({ inSync: false, halt: true, readFailed: true, expected: 1_000_000000n, reads: 3 });
    expect(r.calls.slice(1)).toEqual([NOW + 60_000, NOW + 62_000, NOW + 64_000]);
    expect(guard.tradingState('active')).toBe('halted');
    expect(guard.tradingState('reducing')).toBe('halted');
    expect(alerts).toHaveLength(1);
    const a = alerts[0]!;
    expect(a).toMatchObject({ type: 'VAULT_READ_FAILED', level: 'critical', account: 'alice/0', attempts: 3, trigger: 'schedule', time: NOW + 64_000 });
    expect(a.message).toMatch(/^vault read failed: the collateral of alice\/0 could not be read after 3 attempt\(s\) \(last error: 503 Service Unavailable from https:\/\/mainnet\.rpc\.example\/… .*trading halted until reconciled$/);
    for (const secret of ['TOKEN123', 'KEY456', encodeBase58(Buffer.from(SECRET)), encodeBase58(Buffer.from(SECRET.subarray(0, 32)))]) expect(JSON.stringify(alerts, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x))).not.toContain(secret);
    // still failing: halted, the alert is not repeated
    r.fail(3);
    clock.advance(60_000);
    expect(await guard.tick()).toMatchObject({ halt: true, readFailed: true });
    expect(alerts).toHaveLength(1);
    // a reconciliation that cannot read keeps it halted; one that reads in sync resumes
    r.fail(3);
    expect(await guard.reconcile(0n, 'rpc back?')).toMatchObject({ halt: true, readFailed: true });
    expect(guard.isHalted).toBe(true);
    expect(await guard.reconcile(0n, 'rpc back')).toMatchObject({ inSync: true, halt: false });
    expect(guard.tradingState('active')).toBe('active');
    expect(alerts.map((x) => x.type)).toEqual(['VAULT_READ_FAILED', 'VAULT_RECONCILED']);
  });

  it('redactSecrets keeps the host and a public key, drops URL paths, queries, user info, key bytes and long runs', () => {
    const pk = Keypair.fromSeed(new Uint8Array(32).fill(3)).publicKey.toBase58();
    expect(redactSecrets(`user ${pk} at https://u:p@rpc.example:8899/abc?api-key=x failed`)).toBe(`user ${pk} at https://rpc.example:8899/… failed`);
    expect(redactSecrets(`bad ${JSON.stringify(Array.from(SECRET))}`)).toBe('bad [redacted bytes]');
    expect(redactSecrets(`hex ${Buffer.from(SECRET).toString('hex')}`)).toBe('hex [redacted]');
  });
});

describe('liveStep after a failed vault read', () => {
  function setup() {
    let r!: ReturnType<typeof flaky>;
    const world = vaultLiveWorld((perp, clock) => {
      r = flaky(0, async () => (await perp.figures()).collateral, clock);
      return r.read;
    });
    return { ...world, r };
  }

  it('a read failing beyond the bound after the deposit stops the step before the open; the next step sends nothing', async () => {
    const { input, guard, alerts, sent, r } = setup();
    r.fail(2); // the check after the deposit: both attempts fail
    const step = await liveStep(input);
    expect(step.done.map((c) => c.command.type)).toEqual(['SPOT_OPEN', 'DEPOSIT']);
    expect(sent).toEqual(['DEPOSIT']);
    expect(step.vaultHalt).toMatch(/^vault read failed: the collateral of paper could not be read after 2 attempt\(s\)/);
    expect(guard.tradingState('active')).toBe('halted');
    expect(alerts.map((a) => a.type)).toEqual(['VAULT_READ_FAILED']);
    const next = await liveStep({ ...input, wallet: step.wallet, engineState: step.decision.state });
    expect(next.tradingState).toBe('halted');
    expect(next.done).toEqual([]);
    expect(sent).toEqual(['DEPOSIT']);
    expect(alerts).toHaveLength(1);
  });

  it('control: the same step with reads failing once (within the bound of 2) opens both legs', async () => {
    const { input, alerts, sent, r } = setup();
    r.fail(1);
    const step = await liveStep(input);
    expect(step.vaultHalt).toBeNull();
    expect(sent).toEqual(['DEPOSIT', 'OPEN_POSITION']);
    expect(alerts).toEqual([]);
  });

  it('a scheduled read failing beyond the bound at the start of a step: halted, nothing sent, the alert returned', async () => {
    const { input, guard, alerts, sent, r, clock } = setup();
    clock.advance(60_000);
    r.fail(2);
    const step = await liveStep({ ...input, market: { ...input.market, now: clock.now() } });
    expect(step.tradingState).toBe('halted');
    expect(step.vaultHalt).toMatch(/vault read failed/);
    expect(step.done).toEqual([]);
    expect(sent).toEqual([]);
    expect(guard.isHalted).toBe(true);
    expect(alerts).toHaveLength(1);
  });
});
