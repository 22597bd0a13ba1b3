/**
 * The executor and recovery under connection faults (fake chain): every path ends with at most one send
 * and exactly the effects the journal says (0 or 1), retries stay within their bounds with the exact
 * delays, and each failure is a typed error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { executeCommand, type ExecuteLimits } from '../../../engine/journal/executor.js';
import { CommandJournal, JournalPendingError } from '../../../engine/journal/journal.js';
import { recoverJournal, RecoveryMismatchError } from '../../../engine/journal/recover.js';
import { FakeChain, fakeSleep, type Transfer } from './fakeChain.js';

const dir = mkdtempSync(join(tmpdir(), 'dnh-exec-'));
afterAll(() => rmSync(dir, { recursive: true }));
let n = 0;
const limits: ExecuteLimits = { confirmPolls: 10, pollMs: 500, rpc: { attempts: 3, delayMs: 1000 } };
const recLimits = { expiryPolls: 400, pollMs: 500, rpc: { attempts: 3, delayMs: 1000 } };

function setup() {
  const chain = new FakeChain();
  const waits: number[] = [];
  const journal = CommandJournal.open<Transfer>(join(dir, `j-${n++}.jsonl`));
  return { chain, waits, journal, sleep: fakeSleep(chain, waits) };
}

describe('executeCommand', () => {
  it('lands once; the same key again replays without sending', async () => {
    const { chain, journal, sleep } = setup();
    const r = await executeCommand(journal, chain, 'k', { amount: 10n }, { sleep, limits });
    expect(r).toMatchObject({ outcome: 'landed', before: '1000', after: '990', replayed: false });
    const again = await executeCommand(journal, chain, 'k', { amount: 10n }, { sleep, limits });
    expect(again).toMatchObject({ outcome: 'landed', replayed: true, signature: r.signature });
    expect([chain.sends, chain.effects, chain.balance]).toEqual([1, 1, 990n]);
  });

  it('a send that throws after landing: no resend, settled landed', async () => {
    const { chain, journal, sleep } = setup();
    chain.faults = { sendThrows: 'after-landing' };
    const r = await executeCommand(journal, chain, 'k', { amount: 10n }, { sleep, limits });
    expect(r.outcome).toBe('landed');
    expect([chain.sends, chain.effects]).toEqual([1, 1]);
  });

  it('a send that never reached the chain: no resend, BlockhashExpiredError once the blockhash expires', async () => {
    const { chain, journal, sleep } = setup();
    chain.faults = { sendThrows: 'before-landing' };
    const limitsLong = { ...limits, confirmPolls: 400 };
    await expect(executeCommand(journal, chain, 'k', { amount: 10n }, { sleep, limits: limitsLong })).rejects.toMatchObject({ name: 'BlockhashExpiredError', retryable: true });
    expect([chain.sends, chain.effects, chain.balance]).toEqual([1, 0, 1000n]);
    expect(journal.get('k')!.settled).toMatchObject({ outcome: 'expired', after: '1000' });
    expect(journal.get('k')!.settled!.detail).toMatch(/send error: RPC timeout/);
    // a new command (new key) may now go
    const r = await executeCommand(journal, chain, 'k2', { amount: 10n }, { sleep, limits });
    expect(r.outcome).toBe('landed');
    expect([chain.sends, chain.effects]).toEqual([2, 1]);
  });

  it('dropped confirmations: keeps polling within the bound and settles landed', async () => {
    const { chain, journal, sleep, waits } = setup();
    chain.faults = { dropStatus: 4 };
    const r = await executeCommand(journal, chain, 'k', { amount: 1n }, { sleep, limits });
    expect(r.outcome).toBe('landed');
    expect(waits).toEqual([500, 500, 500, 500]);
  });

  it('confirmation timeout: typed error, entry stays pending, nothing new starts, recovery settles it', async () => {
    const { chain, journal, sleep } = setup();
    chain.faults = { dropStatus: 10 };
    await expect(executeCommand(journal, chain, 'k', { amount: 7n }, { sleep, limits })).rejects.toMatchObject({ name: 'ConfirmationTimeoutError', retryable: true, waitedMs: 5000 });
    expect(journal.pending().map((e) => e.key)).toEqual(['k']);
    await expect(executeCommand(journal, chain, 'k2', { amount: 1n }, { sleep, limits })).rejects.toBeInstanceOf(JournalPendingError);
    await expect(executeCommand(journal, chain, 'k', { amount: 7n }, { sleep, limits })).rejects.toBeInstanceOf(JournalPendingError);
    expect(await recoverJournal(journal, chain, { sleep, limits: recLimits })).toEqual([{ key: 'k', outcome: 'landed', signature: 'sig-0' }]);
    expect([chain.sends, chain.effects, chain.balance]).toEqual([1, 1, 993n]);
  });

  it('RPC errors on reads: retried with doubling delays within the bound, then RpcError', async () => {
    const { chain, journal, sleep, waits } = setup();
    chain.faults = { readErrors: 2 };
    const r = await executeCommand(journal, chain, 'k', { amount: 1n }, { sleep, limits });
    expect(r.outcome).toBe('landed');
    expect(waits).toEqual([1000, 2000]);
    chain.faults = { readErrors: 3 };
    await expect(executeCommand(journal, chain, 'k2', { amount: 1n }, { sleep, limits })).rejects.toMatchObject({ name: 'RpcError', attempts: 3, retryable: true });
    expect(journal.get('k2')).toBeUndefined(); // failed before the intent: nothing journaled, nothing sent
    expect(chain.sends).toBe(1);
  });

  it('a transaction that fails on chain: TransactionFailedError, settled failed, no effect', async () => {
    const { chain, journal, sleep } = setup();
    chain.faults = { failWith: 'Error processing Instruction 1: custom program error: 0x1773' };
    await expect(executeCommand(journal, chain, 'k', { amount: 1n }, { sleep, limits })).rejects.toMatchObject({ name: 'TransactionFailedError', errorName: 'InsufficientCollateral' });
    expect(journal.get('k')!.settled!.outcome).toBe('failed');
    expect(chain.effects).toBe(0);
  });
});

describe('recoverJournal', () => {
  it('lost send: waits for the blockhash to expire, settles expired, never resends', async () => {
    const { chain, journal, sleep } = setup();
    chain.faults = { sendLost: true, dropStatus: 100 };
    await expect(executeCommand(journal, chain, 'k', { amount: 5n }, { sleep, limits })).rejects.toMatchObject({ name: 'ConfirmationTimeoutError' });
    chain.faults = {};
    const rec = await recoverJournal(journal, chain, { sleep, limits: recLimits });
    expect(rec).toEqual([{ key: 'k', outcome: 'expired', signature: 'sig-0' }]);
    expect([chain.sends, chain.effects, chain.balance]).toEqual([1, 0, 1000n]);
  });

  it('an observation that contradicts the chain halts with RecoveryMismatchError', async () => {
    const { chain, journal, sleep } = setup();
    chain.faults = { dropStatus: 10 };
    await expect(executeCommand(journal, chain, 'k', { amount: 5n }, { sleep, limits })).rejects.toMatchObject({ name: 'ConfirmationTimeoutError' });
    chain.balance = 1000n; // someone restored the balance: 'landed' with no visible effect
    await expect(recoverJournal(journal, chain, { sleep, limits: recLimits })).rejects.toBeInstanceOf(RecoveryMismatchError);
    expect(journal.pending()).toHaveLength(1);
  });
});
