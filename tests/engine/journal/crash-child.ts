/**
 * Child process of the crash tests (bundled by esbuild, run with `fork`): one strategy intent carried
 * out through the journal. It recovers first, then sends a new attempt only if no attempt of this
 * intent landed. The chain lives in the parent (an in-process bank), reached over IPC: the parent builds
 * the unsigned instructions, observes, simulates and processes; the keypair is read from a file here and
 * signs here, never leaving this process. At each point of a command's life the child asks the parent
 * whether to go on (the parent SIGKILLs it instead).
 *
 * argv: journalPath keypairPath intentId body(JSON, bigints as {"$n": "..."}) effectGuaranteed(0|1)
 */
import { PublicKey, Transaction } from '@solana/web3.js';
import { encodeBase58 } from '../../../engine/drift/write/base58.js';
import { SimulationFailedError } from '../../../engine/drift/write/errors.js';
import { loadKeypairFile } from '../../../engine/drift/write/signerFile.js';
import { executeCommand } from '../../../engine/journal/executor.js';
import { CommandJournal } from '../../../engine/journal/journal.js';
import { decodeRecord, encodeRecord } from '../../../engine/journal/log.js';
import type { ChainPort, LifePoint, SignedTx, TxStatus } from '../../../engine/journal/ports.js';
import { recoverJournal } from '../../../engine/journal/recover.js';

interface Cmd {
  intent: string;
  body: unknown;
}
type WireIx = { programId: string; keys: { pubkey: string; isSigner: boolean; isWritable: boolean }[]; data: string };

let nextId = 0;
const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
process.on('message', (m: { id: number; result?: unknown; error?: string }) => {
  const w = waiting.get(m.id);
  waiting.delete(m.id);
  if (m.error !== undefined) w?.reject(new Error(m.error));
  else w?.resolve(m.result);
});
function ask<T>(op: string, args: unknown = null): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
    process.send!({ id, op, args });
  });
}

const [journalPath, keypairPath, intentId, bodyText, guaranteed] = process.argv.slice(2) as [string, string, string, string, string];
const signer = loadKeypairFile(keypairPath);
const body = decodeRecord(bodyText);

const port: ChainPort<Cmd> = {
  observe: (c) => ask<string>('observe', encodeRecord(c.body)),
  async sign(c) {
    const b = await ask<{ ixs: WireIx[]; blockhash: string; lastValidBlockHeight: string }>('build', encodeRecord(c.body));
    const tx = new Transaction({ feePayer: signer.publicKey, recentBlockhash: b.blockhash });
    for (const ix of b.ixs) tx.add({ programId: new PublicKey(ix.programId), keys: ix.keys.map((k) => ({ ...k, pubkey: new PublicKey(k.pubkey) })), data: Buffer.from(ix.data, 'base64') });
    signer.signTransaction(tx);
    return { signature: encodeBase58(tx.signatures[0]!.signature!), lastValidBlockHeight: BigInt(b.lastValidBlockHeight), bytes: tx.serialize() };
  },
  async simulate(c, tx) {
    const r = await ask<{ name: string | null; code: number | null; logs: string[]; raw: string } | null>('simulate', Buffer.from(tx.bytes).toString('base64'));
    return r ? new SimulationFailedError('command', r.name, r.code, r.logs, r.raw) : null;
  },
  send: (tx: SignedTx) => ask<void>('send', Buffer.from(tx.bytes).toString('base64')),
  status: (sig) => ask<TxStatus>('status', sig),
  blockHeight: async () => BigInt(await ask<string>('blockHeight')),
  effectGuaranteed: () => guaranteed === '1',
};

const sleep = () => new Promise<void>((r) => setImmediate(r));
const observer = async (point: LifePoint, key: string) => {
  await ask('checkpoint', { point, key });
};

async function main(): Promise<void> {
  const journal = CommandJournal.open<Cmd>(journalPath);
  const recovered = await recoverJournal(journal, port, { sleep, limits: { expiryPolls: 2000, pollMs: 1, rpc: { attempts: 3, delayMs: 1 } } });
  const mine = journal.all().filter((e) => e.command.intent === intentId);
  const done = mine.find((e) => e.settled?.outcome === 'landed');
  let result;
  if (done) result = { key: done.key, outcome: 'landed', replayed: true };
  else {
    const key = `${intentId}/attempt-${mine.length + 1}`;
    const r = await executeCommand(journal, port, key, { intent: intentId, body }, { sleep, observer, limits: { confirmPolls: 2000, pollMs: 1, rpc: { attempts: 3, delayMs: 1 } } });
    result = { key: r.key, outcome: r.outcome, replayed: r.replayed };
  }
  journal.close();
  await ask('done', { recovered, result, tornBytes: journal.tornBytes });
  process.disconnect();
}

main().catch(async (e) => {
  await ask('failed', e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  process.exit(1);
});
