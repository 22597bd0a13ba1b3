/**
 * Crash safety on the REAL Drift program: a child process deposits 250 USDC through the journal (it
 * signs with the user's keypair read from a file; the parent hosts the bank with Drift and builds the
 * SDK's instruction) and is SIGKILLed after the journal write before sending, after sending before
 * confirmation, after confirmation before the journal update. A restarted child recovers first; the
 * chain ends with exactly one deposit, the journal with no pending entry and one landed attempt.
 * Needs the binaries; NOT RUN without them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeDriftError } from '../../../../engine/drift/write/decodeError.js';
import type { DriftWriteCommand } from '../../../../engine/drift/write/validate.js';
import { CommandJournal } from '../../../../engine/journal/journal.js';
import { decodeRecord, encodeRecord } from '../../../../engine/journal/log.js';
import { adapterFor } from '../../../../harness/chain/program/adapterFor.js';
import { missingBinariesMessage, programBinaries } from '../../../../harness/chain/program/binaries.js';
import { DriftWorld } from '../../../../harness/chain/program/world.js';
import { bankStatus, ChainServer } from '../../journal/bankServer.js';
import { crashChildBundle } from '../../journal/childBundle.js';

const bins = programBinaries();
const dir = mkdtempSync(join(tmpdir(), 'dnh-crash-drift-'));
let bundle = '';
beforeAll(() => {
  if (bins) bundle = crashChildBundle('drift');
});
afterAll(() => {
  rmSync(dir, { recursive: true });
  if (bundle) rmSync(bundle, { force: true });
});

async function driftServer(seed: string) {
  const w = await DriftWorld.start(bins!, { seed });
  const alice = await w.createUser('alice', 2_000_000000n);
  const { adapter, transport } = adapterFor(w, alice);
  const server = new ChainServer({
    observe: (body) => adapter.observe(decodeRecord(body) as DriftWriteCommand),
    build: async (body) => {
      const { tx, lastValidBlockHeight } = await adapter.build(decodeRecord(body) as DriftWriteCommand);
      return { ixs: tx.instructions, blockhash: tx.recentBlockhash!, lastValidBlockHeight };
    },
    simulate: async (tx) => {
      const s = await transport.simulate(tx);
      if (s.err === null) return null;
      const d = decodeDriftError(s.err, s.logs);
      return { name: d.name, code: d.code, logs: s.logs, raw: d.raw };
    },
    process: (tx) => transport.sendRaw(tx.serialize()),
    status: (sig) => bankStatus(w.context, sig),
    tick: async () => {
      await w.connection.updateSlotAndClock();
      return w.context.banksClient.getBlockHeight();
    },
  });
  return { w, alice, adapter, server };
}

describe('SIGKILL at each point of a deposit on the real Drift program', () => {
  it('reports whether the program binaries are present', () => {
    if (!bins) console.warn(missingBinariesMessage('the crash tests on the real program'));
    expect(bins === null || bins.drift.length > 0).toBe(true);
  });

  for (const [point, recoveredAs] of [['journaled', 'expired'], ['sent', 'landed'], ['confirmed', 'landed']] as const) {
    it.runIf(bins !== null)(`killed after '${point}': exactly one deposit after restart and recovery`, async () => {
      const { w, alice, adapter, server } = await driftServer(`crash-${point}`);
      const journal = join(dir, `${point}.jsonl`);
      const keyfile = join(dir, `${point}-key.json`);
      writeFileSync(keyfile, JSON.stringify(Array.from(alice.keypair.secretKey)));
      const deposit: DriftWriteCommand = { type: 'DEPOSIT', amount: 250_000000n };
      const args = [journal, keyfile, 'deposit-1', encodeRecord(deposit), '1'];

      const first = await server.run(bundle, args, point);
      expect([first.signal, first.killedAt]).toEqual(['SIGKILL', point]);
      const second = await server.run(bundle, args, null);
      expect(second.failed).toBeNull();
      expect(second.done!.recovered).toMatchObject([{ key: 'deposit-1/attempt-1', outcome: recoveredAs }]);
      const third = await server.run(bundle, args, null);
      expect(third.done!.result).toMatchObject({ outcome: 'landed', replayed: true });

      expect(await adapter.observe(deposit)).toBe('usdcScaled=250000000000;wallet=1750000000');
      expect(server.sends).toBe(1);
      const j = CommandJournal.open(journal);
      j.close();
      expect(j.pending()).toEqual([]);
      expect(j.all().filter((e) => e.settled?.outcome === 'landed')).toHaveLength(1);
      await w.stop();
    });
  }
});
