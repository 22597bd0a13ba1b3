/** Vault synchronisation: ledger arithmetic, tolerance bounds, bounded re-reads, the halt and its alert. */
import { describe, expect, it } from 'vitest';
import { applyToLedger, compareVault, EMPTY_LEDGER, expectedCollateral, syncVault } from '../../../../engine/drift/write/vaultSync.js';

describe('vault sync', () => {
  it('ledger follows deposits, withdrawals and settlements, not trades', () => {
    let l = applyToLedger(EMPTY_LEDGER, { type: 'DEPOSIT', amount: 1_000_000000n }, 0n);
    l = applyToLedger(l, { type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 1n }, 0n);
    l = applyToLedger(l, { type: 'WITHDRAW', amount: 100_000000n }, 0n);
    l = applyToLedger(l, { type: 'SETTLE_PNL', marketIndex: 0 }, -1_500000n);
    expect(l).toEqual({ deposits: 1_000_000000n, withdrawals: 100_000000n, settledPnl: -1_500000n });
    expect(expectedCollateral(l)).toBe(898_500000n);
  });

  it('tolerance is inclusive on both sides', () => {
    const l = { deposits: 100n, withdrawals: 0n, settledPnl: 0n };
    expect(compareVault(l, 99n, 1n).inSync).toBe(true);
    expect(compareVault(l, 101n, 1n).inSync).toBe(true);
    expect(compareVault(l, 98n, 1n)).toMatchObject({ inSync: false, diff: -2n });
  });

  it('a lagging read is retried; a lasting mismatch halts after exactly `attempts` reads with the alert', async () => {
    const l = { deposits: 100n, withdrawals: 0n, settledPnl: 0n };
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    const reads = [50n, 100n];
    const ok = await syncVault(async () => reads.shift()!, l, { tolerance: 0n, attempts: 3, delayMs: 2000, sleep });
    expect(ok).toMatchObject({ inSync: true, halt: false, reads: 2, alert: null });
    expect(waits).toEqual([2000]);
    let n = 0;
    const bad = await syncVault(async () => (n++, 60n), l, { tolerance: 5n, attempts: 3, delayMs: 2000, sleep });
    expect(n).toBe(3);
    expect(bad).toMatchObject({ inSync: false, halt: true, reads: 3, diff: -40n });
    expect(bad.alert).toBe('vault mismatch: the ledger expects 100 and the chain holds 60 USDC units (1e6), diff -40 beyond tolerance 5 after 3 read(s): trading halted until reconciled');
  });

  it('reads that all fail are an RpcError; one failure among them is retried', async () => {
    const l = { deposits: 1n, withdrawals: 0n, settledPnl: 0n };
    const sleep = async () => {};
    await expect(syncVault(async () => Promise.reject(new Error('503')), l, { tolerance: 0n, attempts: 2, delayMs: 1, sleep })).rejects.toMatchObject({ name: 'RpcError', attempts: 2 });
    let first = true;
    const v = await syncVault(async () => (first ? ((first = false), Promise.reject(new Error('503'))) : 1n), l, { tolerance: 0n, attempts: 2, delayMs: 1, sleep });
    expect(v.inSync).toBe(true);
  });
});
