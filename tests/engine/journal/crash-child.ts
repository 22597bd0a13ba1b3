/**
 * Child process of the crash tests (bundled by esbuild, run with `fork`): one strategy intent, "move
 * AMOUNT to the destination", carried out through the journal. It recovers first, then sends a new
 * attempt only if no attempt of this intent landed. The chain lives in the parent (an in-process bank),
 * reached over IPC; the keypair is read from a file here and never leaves this process. At each point of
 * a command's life the child asks the parent whether to go on (the parent SIGKILLs it instead).
 *
 * argv: journalPath keypairPath intentId amount kind(spl|drift)
 */
import { createRequire } from 'node:module';
import { PublicKey, Transaction } from '@solana/web3.js';
import { executeCommand } from '../../../engine/journal/executor.js';
import { CommandJournal } from '../../../engine/journal/journal.js';
import type { ChainPort, LifePoint, SignedTx, TxStatus } from '../../../engine/journal/ports.js';
import { recoverJournal } from '../../../engine/journal/recover.js';
import { loadKeypairFile } from '../../../engine/drift/write/keypair.js';

const bs58 = createRequire(import.meta.url)('bs58') as { encode(b: Uint8Array): string };

interface Cmd {
  intent: string;
  amount: bigint;
}

let nextId = 0;
const waiting = new Map<number, (v: unknown) => void>();
process.on('message', (m: { id: number; result?: unknown; error?: string }) => {
  const w = waiting.get(m.id);
  waiting.delete(m.id);
  if (m.error !== undefined) w?.(Promise.reject(new Error(m.error)));
  else w?.(m.result);
});
function ask<T>(op: string, args: unknown = null): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve) => {
    waiting.set(id, resolve as (v: unknown) => void);
    process.send!({ id, op, args });
  });
}

const [journalPath, keypairPath, intentId, amountText] = process.argv.slice(2) as [string, string, string, string];
const signer = loadKeypairFile(keypairPath);

const port: ChainPort<Cmd> = {
  observe: () => ask<string>('observe'),
  async sign(c) {
    const { ixs, blockhash, lastValidBlockHeight } = await ask<{ ixs: { programId: string; keys: { pubkey: string; isSigner: boolean; isWritable: boolean }[]; data: string }[]; blockhash: string; lastValidBlockHeight: string }>('build', { amount: c.amount.toString() });
    const tx = new Transaction({ feePayer: signer.publicKey, recentBlockhash: blockhash });
    for (const ix of ixs) tx.add({ programId: new PublicKey(ix.programId), keys: ix.keys.map((k) => ({ ...k, pubkey: new PublicKey(k.pubkey) })), data: Buffer.from(ix.data, 'base64') });
    signer.signTransaction(tx);
    return { signature: bs58.encode(tx.signatures[0]!.signature!), lastValidBlockHeight: BigInt(lastValidBlockHeight), bytes: tx.serialize() };
  },
  send: (tx: SignedTx) => ask<void>('send', Buffer.from(tx.bytes).toString('base64')),
  status: (sig) => ask<TxStatus>('status', sig),
  blockHeight: async () => BigInt(await ask<string>('blockHeight')),
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
    const r = await executeCommand(journal, port, key, { intent: intentId, amount: BigInt(amountText) }, { sleep, observer, limits: { confirmPolls: 2000, pollMs: 1, rpc: { attempts: 3, delayMs: 1 } } });
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
