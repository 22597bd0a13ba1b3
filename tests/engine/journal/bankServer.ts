/**
 * Test helper: the parent side of the crash tests. A `ChainServer` answers the child's requests over
 * IPC with the handlers of one bank, counts sends, and SIGKILLs the child when it announces the chosen
 * point of a command's life. `SplBank`: an account-only bank (SPL Token is built in) with a mint and two
 * token accounts; each block-height request moves it one slot on (the chain keeps producing blocks while
 * the child waits), so an unsent transaction's blockhash expires after a bounded number of polls.
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

export interface ChainHandlers {
  observe(body: string): Promise<string>;
  /** unsigned instructions and a blockhash for the command */
  build(body: string): Promise<{ ixs: TransactionInstruction[]; blockhash: string; lastValidBlockHeight: bigint }>;
  simulate(tx: Transaction): Promise<{ name: string | null; code: number | null; logs: string[]; raw: string } | null>;
  process(tx: Transaction): Promise<void>;
  status(signature: string): Promise<{ state: string; error?: string }>;
  /** the current block height, after moving the chain one slot on */
  tick(): Promise<bigint>;
}

export function wireIxs(ixs: TransactionInstruction[]) {
  return ixs.map((ix) => ({ programId: ix.programId.toBase58(), keys: ix.keys.map((k) => ({ ...k, pubkey: k.pubkey.toBase58() })), data: ix.data.toString('base64') }));
}

export class ChainServer {
  sends = 0;
  constructor(private readonly h: ChainHandlers) {}

  private async handle(op: string, args: unknown): Promise<unknown> {
    switch (op) {
      case 'observe':
        return this.h.observe(args as string);
      case 'build': {
        const b = await this.h.build(args as string);
        return { blockhash: b.blockhash, lastValidBlockHeight: b.lastValidBlockHeight.toString(), ixs: wireIxs(b.ixs) };
      }
      case 'simulate':
        return this.h.simulate(Transaction.from(Buffer.from(args as string, 'base64')));
      case 'send':
        this.sends++;
        await this.h.process(Transaction.from(Buffer.from(args as string, 'base64')));
        return null;
      case 'status':
        return this.h.status(args as string);
      case 'blockHeight':
        return (await this.h.tick()).toString();
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

/** Status of a signature in a bank, in the journal port's shape. */
export async function bankStatus(context: ProgramTestContext, signature: string): Promise<{ state: string; error?: string }> {
  const st = await context.banksClient.getTransactionStatus(signature);
  if (st === null) return { state: 'unknown' };
  return st.err ? { state: 'failed', error: String(st.err) } : { state: 'success' };
}

export class SplBank extends ChainServer {
  private constructor(
    readonly context: ProgramTestContext,
    readonly owner: Keypair,
    readonly source: PublicKey,
    readonly dest: PublicKey,
  ) {
    const b = context.banksClient;
    const tick = async () => {
      context.warpToSlot((await b.getSlot()) + 1n);
      return b.getBlockHeight();
    };
    super({
      observe: async () => String(await tokenBalance(context, source)),
      build: async (body) => {
        const { amount } = JSON.parse(body) as { amount: { $n: string } };
        const [blockhash, lastValidBlockHeight] = (await b.getLatestBlockhash())!;
        return { ixs: [transferIx(source, dest, owner.publicKey, BigInt(amount.$n))], blockhash, lastValidBlockHeight };
      },
      simulate: async () => null,
      process: async (tx) => {
        await b.tryProcessTransaction(tx);
        await tick();
      },
      status: (sig) => bankStatus(context, sig),
      tick,
    });
  }

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
}
