/**
 * Vault synchronisation on the REAL Drift program: the ledger kept from the adapter's commands (deposit,
 * withdraw, deposit, open, close, settle) matches the USDC collateral the SDK reads from the chain after
 * every command, within one unit per command (scaled-balance rounding); a withdrawal made behind the
 * ledger's back (the SDK directly) is a mismatch that halts, with the alert. NOT RUN without binaries.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDriftCommand } from '../../../../engine/drift/write/adapter.js';
import type { DriftWriteCommand } from '../../../../engine/drift/write/validate.js';
import { applyToLedger, EMPTY_LEDGER, syncVault, type VaultLedger } from '../../../../engine/drift/write/vaultSync.js';
import { CommandJournal } from '../../../../engine/journal/journal.js';
import { adapterFor } from '../../../../harness/chain/program/adapterFor.js';
import { missingBinariesMessage, programBinaries } from '../../../../harness/chain/program/binaries.js';
import { DriftWorld } from '../../../../harness/chain/program/world.js';

const bins = programBinaries();
const dir = mkdtempSync(join(tmpdir(), 'dnh-vault-'));
afterAll(() => rmSync(dir, { recursive: true }));

describe('vault sync on the real program', () => {
  it('reports whether the program binaries are present', () => {
    if (!bins) console.warn(missingBinariesMessage('the vault sync tests on the real program'));
    expect(bins === null || bins.drift.length > 0).toBe(true);
  });

  it.runIf(bins !== null)('ledger matches the chain after every command; a withdrawal behind its back halts', async () => {
    const w = await DriftWorld.start(bins!, { seed: 'vault' });
    const alice = await w.createUser('alice', 2_000_000000n);
    const { adapter } = adapterFor(w, alice);
    const journal = CommandJournal.open<DriftWriteCommand>(join(dir, 'v.jsonl'));
    const sleep = async () => {};
    const readCollateral = async () => {
      await w.refresh(alice);
      return BigInt(alice.client.getUser(0).getTokenAmount(0).toString());
    };
    let ledger: VaultLedger = EMPTY_LEDGER;
    let commands = 0;
    const diffs: bigint[] = [];
    const step = async (key: string, cmd: DriftWriteCommand) => {
      const before = await readCollateral();
      await w.publishOracle(w.oraclePrice6);
      await runDriftCommand(adapter, journal, key, cmd, { sleep, safety: async () => [], limits: { confirmPolls: 5, pollMs: 1, rpc: { attempts: 2, delayMs: 1 } } });
      ledger = applyToLedger(ledger, cmd, (await readCollateral()) - before);
      commands++;
      const v = await syncVault(readCollateral, ledger, { tolerance: BigInt(commands), attempts: 2, delayMs: 1, sleep });
      expect(v, key).toMatchObject({ inSync: true, halt: false, reads: 1 });
      diffs.push(v.diff);
    };
    await step('dep', { type: 'DEPOSIT', amount: 1_000_000000n });
    await step('wd', { type: 'WITHDRAW', amount: 100_000000n });
    await step('dep2', { type: 'DEPOSIT', amount: 100_000000n });
    await step('open', { type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 1_000_000000n });
    await step('close', { type: 'CLOSE_POSITION', marketIndex: 0 });
    await step('settle', { type: 'SETTLE_PNL', marketIndex: 0 });
    expect(ledger.deposits - ledger.withdrawals).toBe(1_000_000000n);
    expect(ledger.settledPnl < 0n).toBe(true); // two taker fees on 1 SOL, no price move
    expect(diffs.every((d) => d <= 0n && d >= -6n)).toBe(true);

    await alice.client.withdraw(new w.sdk.BN(50_000000), 0, alice.usdcAccount);
    const waits: number[] = [];
    const v = await syncVault(readCollateral, ledger, { tolerance: 6n, attempts: 3, delayMs: 5000, sleep: async (ms) => void waits.push(ms) });
    expect(v).toMatchObject({ inSync: false, halt: true, reads: 3 });
    expect(v.diff < -50_000000n + 7n && v.diff >= -50_000000n - 6n).toBe(true);
    expect(waits).toEqual([5000, 5000]);
    expect(v.alert).toMatch(/^vault mismatch: .* trading halted until reconciled$/);
    journal.close();
    await w.stop();
  });
});
