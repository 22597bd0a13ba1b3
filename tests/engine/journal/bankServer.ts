/**
 * Test helper: the parent side of the crash tests. Holds an account-only in-process bank (SPL Token is
 * built in) with a USDC-like mint and two token accounts, answers the child's requests over IPC, counts
 * sends, and SIGKILLs the child when it announces the chosen point of a command's life. Each block-height
 * request moves the bank one slot on (the chain keeps producing blocks while the child waits), so an
 * unsent transaction's blockhash expires after a bounded number of polls.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Keypair, PublicKey, SystemProgram, Transaction, type TransactionInstruction } from '@solana/web3.js';
import type { ProgramTestContext } from 'solana-bankrun';
import { startBank } from '../../../harness/chain/program/bank.js';
import { seededKeypair } from '../../../harness/chain/program/keys.js';
import { createMint, fundTokenAccount, tokenBalance, transferIx } from '../../../harness/chain/program/tokens.js';

export interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  killedAt: string | null;
  done: { recovered: { key: string; outcome: string }[]; result: { key: string; outcome: string; replayed: boolean }; tornBytes: number } | null;
  failed: string | null;
}

export class SplBank {
  sends = 0;
  private constructor(
    readonly context: ProgramTestContext,
    readonly owner: Keypair,
    readonly source: PublicKey,
    readonly dest: PublicKey,
  ) {}

  static async start(seed: string, initial: bigint): Promise<SplBank> {
    const payer = seededKeypair(seed, 'payer');
    const owner = seededKeypair(seed, 'owner');
    const lamports = 1_000 * 1_000_000_000;
    const context = await startBank(null, [
      { address: payer.publicKey, lamports, owner: SystemProgram.programId, data: Buffer.alloc(0) },
      { address: owner.publicKey, lamports, owner: SystemProgram.programId, data: Buffer.alloc(0) },
    ]);
    const send = async (ixs: TransactionInstruction[], signers: Keypair[]) => {
      const [blockhash] = (await context.banksClient.getLatestBlockhash())!;
      const tx = new Transaction({ feePayer: signers[0]!.publicKey, recentBlockhash: blockhash }).add(...ixs);
      tx.sign(...signers);
      await context.banksClient.processTransaction(tx);
      return '';
    };
    const mint = seededKeypair(seed, 'mint');
    await createMint(context, send, payer, mint, payer.publicKey, 6);
    const source = await fundTokenAccount(send, payer, mint.publicKey, payer, owner.publicKey, initial);
    const dest = await fundTokenAccount(send, payer, mint.publicKey, payer, seededKeypair(seed, 'dest').publicKey, 0n);
    return new SplBank(context, owner, source, dest);
  }

  async balances(): Promise<[bigint, bigint]> {
    return [(await tokenBalance(this.context, this.source))!, (await tokenBalance(this.context, this.dest))!];
  }

  private async nextSlot(): Promise<void> {
    this.context.warpToSlot((await this.context.banksClient.getSlot()) + 1n);
  }

  async handle(op: string, args: unknown): Promise<unknown> {
    const b = this.context.banksClient;
    switch (op) {
      case 'observe':
        return String(await tokenBalance(this.context, this.source));
      case 'build': {
        const ix = transferIx(this.source, this.dest, this.owner.publicKey, BigInt((args as { amount: string }).amount));
        const [blockhash, lastValidBlockHeight] = (await b.getLatestBlockhash())!;
        return { blockhash, lastValidBlockHeight: lastValidBlockHeight.toString(), ixs: [{ programId: ix.programId.toBase58(), keys: ix.keys.map((k) => ({ ...k, pubkey: k.pubkey.toBase58() })), data: ix.data.toString('base64') }] };
      }
      case 'send': {
        this.sends++;
        await b.tryProcessTransaction(Transaction.from(Buffer.from(args as string, 'base64')));
        await this.nextSlot();
        return null;
      }
      case 'status': {
        const st = await b.getTransactionStatus(args as string);
        if (st === null) return { state: 'unknown' };
        return st.err ? { state: 'failed', error: String(st.err) } : { state: 'success' };
      }
      case 'blockHeight':
        await this.nextSlot();
        return (await b.getBlockHeight()).toString();
      default:
        throw new Error(`unknown op ${op}`);
    }
  }

  /** Runs the child to its end, or SIGKILLs it when it announces `killAt`. */
  run(bundle: string, args: string[], killAt: string | null): Promise<ChildRun> {
    return new Promise((resolve) => {
      const child: ChildProcess = fork(bundle, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, RUST_LOG: 'error' } });
      const out: ChildRun = { code: null, signal: null, killedAt: null, done: null, failed: null };
      child.on('message', (m: { id: number; op: string; args: unknown }) => {
        void (async () => {
          if (m.op === 'checkpoint' && (m.args as { point: string }).point === killAt) {
            out.killedAt = killAt;
            child.kill('SIGKILL');
            return;
          }
          if (m.op === 'done') out.done = m.args as ChildRun['done'];
          if (m.op === 'failed') out.failed = m.args as string;
          try {
            const result = m.op === 'checkpoint' || m.op === 'done' || m.op === 'failed' ? null : await this.handle(m.op, m.args);
            if (child.connected) child.send({ id: m.id, result });
          } catch (e) {
            if (child.connected) child.send({ id: m.id, error: e instanceof Error ? e.message : String(e) });
          }
        })();
      });
      child.on('exit', (code, signal) => resolve({ ...out, code, signal }));
    });
  }
}
