/**
 * No start flakes: 100 banks started in a row with both Drift programs as genesis accounts (GC before
 * each start), each answering a clock read and processing one transfer at the pinned time. bankrun 0.3.1
 * crashes (SIGSEGV, which would kill this test process) or hangs without the GC (DRIFT-BANKRUN.md).
 * Needs the binaries; NOT RUN without them.
 */
import { SystemProgram, Transaction } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { startBank, WORLD_START_UNIX } from '../../../../harness/chain/program/bank.js';
import { missingBinariesMessage, programBinaries } from '../../../../harness/chain/program/binaries.js';
import { seededKeypair } from '../../../../harness/chain/program/keys.js';

const bins = programBinaries();
const STARTS = 100;

describe('bank start loop', () => {
  it('reports whether the program binaries are present', () => {
    if (!bins) console.warn(missingBinariesMessage('the bank start loop'));
    expect(bins === null || bins.drift.length > 0).toBe(true);
  });

  it.runIf(bins !== null)(`${STARTS} starts with the programs as genesis accounts, no crash, no hang`, async () => {
    const payer = seededKeypair('start-loop', 'payer');
    const to = seededKeypair('start-loop', 'to').publicKey;
    const t0 = performance.now();
    for (let i = 0; i < STARTS; i++) {
      const ctx = await startBank(bins!, [{ address: payer.publicKey, lamports: 10_000_000_000, owner: SystemProgram.programId, data: Buffer.alloc(0) }]);
      expect((await ctx.banksClient.getClock()).unixTimestamp).toBe(WORLD_START_UNIX);
      const [blockhash] = (await ctx.banksClient.getLatestBlockhash())!;
      const tx = new Transaction({ feePayer: payer.publicKey, recentBlockhash: blockhash }).add(SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: to, lamports: 1_000_000 }));
      tx.sign(payer);
      await ctx.banksClient.processTransaction(tx);
      expect(await ctx.banksClient.getBalance(to)).toBe(1_000_000n);
    }
    console.log(`${STARTS} bank starts with the Drift programs: ${((performance.now() - t0) / STARTS).toFixed(0)} ms each`);
  });
});
