/**
 * Connection faults around the REAL Drift program: the bank transport wrapped so that a send throws
 * after the deposit landed (an RPC timeout on the way back), a send is lost, status answers are
 * dropped, reads fail. Each path sends each signed transaction at most once, ends with exactly the
 * deposits the journal says landed, and gives the typed error. The chain keeps producing blocks while
 * the executor waits (each sleep moves the bank one slot and one second on). NOT RUN without binaries.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DriftWriteAdapter, runDriftCommand } from '../../../../engine/drift/write/adapter.js';
import { Signer } from '../../../../engine/drift/write/signerFile.js';
import type { DriftTransport } from '../../../../engine/drift/write/transport.js';
import type { DriftWriteCommand } from '../../../../engine/drift/write/validate.js';
import { CommandJournal } from '../../../../engine/journal/journal.js';
import { recoverJournal } from '../../../../engine/journal/recover.js';
import { missingBinariesMessage, programBinaries } from '../../../../harness/chain/program/binaries.js';
import { bankTransport } from '../../../../harness/chain/program/transport.js';
import { DriftWorld } from '../../../../harness/chain/program/world.js';

const bins = programBinaries();
const dir = mkdtempSync(join(tmpdir(), 'dnh-faults-'));
afterAll(() => rmSync(dir, { recursive: true }));

interface Faults {
  sendThrowsAfterLanding?: boolean;
  sendLost?: boolean;
  dropStatus?: number;
  readErrors?: number;
}

function faulty(inner: DriftTransport, f: Faults, counts: { sends: number }): DriftTransport {
  const read = () => {
    if ((f.readErrors ?? 0) > 0) {
      f.readErrors!--;
      throw new Error('429 Too Many Requests');
    }
  };
  return {
    ...inner,
    async sendRaw(bytes) {
      counts.sends++;
      if (f.sendLost) {
        f.sendLost = false;
        return;
      }
      await inner.sendRaw(bytes);
      if (f.sendThrowsAfterLanding) {
        f.sendThrowsAfterLanding = false;
        throw new Error('RPC timeout after 30000 ms');
      }
    },
    async status(sig) {
      read();
      if ((f.dropStatus ?? 0) > 0) {
        f.dropStatus!--;
        return { state: 'unknown' };
      }
      return inner.status(sig);
    },
    async blockHeight() {
      read();
      return inner.blockHeight();
    },
  };
}

describe('connection faults on the real program', () => {
  it('reports whether the program binaries are present', () => {
    if (!bins) console.warn(missingBinariesMessage('the connection fault tests on the real program'));
    expect(bins === null || bins.drift.length > 0).toBe(true);
  });

  it.runIf(bins !== null)('send error after landing, lost send, dropped confirmations, read errors: one send each, exact deposits', async () => {
    const w = await DriftWorld.start(bins!, { seed: 'faults' });
    const alice = await w.createUser('alice', 2_000_000000n);
    const f: Faults = {};
    const counts = { sends: 0 };
    const transport = faulty(bankTransport(w.context, w.connection), f, counts);
    const adapter = new DriftWriteAdapter({ client: alice.client, transport, signer: new Signer(alice.keypair), usdcTokenAccount: alice.usdcAccount });
    const journal = CommandJournal.open<DriftWriteCommand>(join(dir, 'f.jsonl'));
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      await w.connection.updateSlotAndClock(); // the chain moves on while we wait
    };
    const limits = { confirmPolls: 20, pollMs: 400, rpc: { attempts: 3, delayMs: 1000 } };
    const dep = (key: string) => runDriftCommand(adapter, journal, key, { type: 'DEPOSIT', amount: 100_000000n }, { sleep, safety: async () => [], limits });
    const deposited = async () => (await adapter.observe({ type: 'DEPOSIT', amount: 1n })).split(';')[0];

    f.sendThrowsAfterLanding = true;
    expect((await dep('d1')).after).toBe('usdcScaled=100000000000;wallet=1900000000');
    expect(counts.sends).toBe(1);

    f.dropStatus = 3;
    f.readErrors = 2;
    await dep('d2');
    expect(counts.sends).toBe(2);
    expect(waits.slice(-5)).toEqual([1000, 2000, 400, 400, 400]);

    f.sendLost = true;
    f.dropStatus = 0;
    await expect(dep('d3')).rejects.toMatchObject({ name: 'ConfirmationTimeoutError', retryable: true });
    expect(counts.sends).toBe(3);
    await expect(dep('d4')).rejects.toMatchObject({ name: 'JournalPendingError' });
    const rec = await recoverJournal(journal, adapter, { sleep, limits: { expiryPolls: 1000, pollMs: 400, rpc: limits.rpc } });
    expect(rec).toMatchObject([{ key: 'd3', outcome: 'expired' }]);
    expect(counts.sends).toBe(3);
    expect(await deposited()).toBe('usdcScaled=200000000000');

    await dep('d4');
    expect(await deposited()).toBe('usdcScaled=300000000000');
    expect(journal.all().map((e) => [e.key, e.settled?.outcome])).toEqual([['d1', 'landed'], ['d2', 'landed'], ['d3', 'expired'], ['d4', 'landed']]);
    journal.close();
    await w.stop();
  });
});
