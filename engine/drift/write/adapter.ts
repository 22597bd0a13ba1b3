/**
 * The Drift venue adapter, write side: DEPOSIT, WITHDRAW, OPEN_POSITION, CLOSE_POSITION, SETTLE_PNL
 * through the command journal. Each command: safety checks (the caller's list; a denial stops it before
 * anything is journaled), the configuration's limits (limits.ts, when configured), journal intent, build with the SDK and sign, SIMULATE (a failure becomes a
 * `SimulationFailedError` with Drift's error name and the program log, and nothing is sent), journal
 * the signature, send once, confirm with a bound, journal the outcome, and for position commands check
 * that the position changed (`NotFilledError` otherwise: Drift does not fail an unfillable market order).
 *
 * Example:
 *   const a = new DriftWriteAdapter({ client, transport: connectionTransport(conn), signer, usdcTokenAccount });
 *   const r = await runDriftCommand(a, journal, 'rebalance-42/withdraw', validateWithdraw('25', free), { sleep, safety });
 */
import { ComputeBudgetProgram, Transaction, type PublicKey } from '@solana/web3.js';
import type { DriftClient } from '@drift-labs/sdk';
import { executeCommand, type ExecuteLimits } from '../../journal/executor.js';
import type { CommandJournal } from '../../journal/journal.js';
import type { ChainPort, LifeObserver, SignedTx, Sleep, TxStatus } from '../../journal/ports.js';
import { encodeBase58 } from './base58.js';
import { decodeDriftError } from './decodeError.js';
import { NotFilledError, SimulationFailedError } from './errors.js';
import { commandInstructions } from './instructions.js';
import type { Signer } from './signerFile.js';
import { observationOf, readTokenAmount, readUser, userView, type UserView } from './observe.js';
import { readLimitInputs } from '../clientFigures.js';
import { limitChecks, type SendLimits } from './limits.js';
import { assertAllowed, type WriteCheck } from './safety.js';
import type { DriftTransport } from './transport.js';
import type { DriftWriteCommand } from './validate.js';

export interface DriftWriteConfig {
  /** the user's SDK client (its wallet is the signer's public key), subscribed */
  client: DriftClient;
  transport: DriftTransport;
  signer: Signer;
  usdcTokenAccount: PublicKey;
  subAccountId?: number;
  /** compute unit limit of every transaction (instruction 0) */
  computeUnits?: number;
  /**
   * The configuration's limits, enforced before every command is journaled (limits.ts): the market the
   * configuration trades and the clock of the figures (unix seconds, injected).
   */
  limits?: { send: SendLimits; marketIndex: number; nowUnix: () => number };
}

export class DriftWriteAdapter implements ChainPort<DriftWriteCommand> {
  private readonly sub: number;
  constructor(private readonly cfg: DriftWriteConfig) {
    this.sub = cfg.subAccountId ?? 0;
  }

  async userAccountKey(): Promise<PublicKey> {
    return this.cfg.client.getUserAccountPublicKey(this.sub);
  }

  /** The user's positions as decoded from the chain now. */
  async view(): Promise<UserView> {
    return userView(await readUser(this.cfg.client, this.cfg.transport, await this.userAccountKey()));
  }

  async observe(cmd: DriftWriteCommand): Promise<string> {
    const wallet = await readTokenAmount(this.cfg.transport, this.cfg.usdcTokenAccount);
    return observationOf(cmd, await this.view(), wallet);
  }

  /** The send-time limit checks of `cmd` against the account now (none without configured limits). */
  async limitChecks(cmd: DriftWriteCommand): Promise<WriteCheck[]> {
    const l = this.cfg.limits;
    if (!l) return [];
    await this.cfg.client.fetchAccounts();
    await this.cfg.client.getUser(this.sub).fetchAccounts();
    return limitChecks(l.send, cmd, await readLimitInputs(this.cfg.client, this.sub, l.marketIndex, l.nowUnix()));
  }

  /** The unsigned transaction of a command: compute budget (instruction 0), then the SDK's instruction. */
  async build(cmd: DriftWriteCommand): Promise<{ tx: Transaction; lastValidBlockHeight: bigint }> {
    const { client } = this.cfg;
    await client.fetchAccounts();
    await client.getUser(this.sub).fetchAccounts();
    const ixs = await commandInstructions(client, cmd, await this.view(), this.cfg.usdcTokenAccount, this.sub);
    const { blockhash, lastValidBlockHeight } = await this.cfg.transport.latestBlockhash();
    const tx = new Transaction({ feePayer: this.cfg.signer.publicKey, recentBlockhash: blockhash });
    tx.add(ComputeBudgetProgram.setComputeUnitLimit({ units: this.cfg.computeUnits ?? 1_400_000 }), ...ixs);
    return { tx, lastValidBlockHeight };
  }

  async sign(cmd: DriftWriteCommand): Promise<SignedTx> {
    const { tx, lastValidBlockHeight } = await this.build(cmd);
    this.cfg.signer.signTransaction(tx);
    return { signature: encodeBase58(tx.signatures[0]!.signature!), lastValidBlockHeight, bytes: tx.serialize() };
  }

  async simulate(cmd: DriftWriteCommand, tx: SignedTx): Promise<Error | null> {
    const sim = await this.cfg.transport.simulate(Transaction.from(tx.bytes));
    if (sim.err === null || sim.err === undefined) return null;
    const d = decodeDriftError(sim.err, sim.logs);
    return new SimulationFailedError(cmd.type, d.name, d.code, sim.logs, d.raw);
  }

  send(tx: SignedTx): Promise<void> {
    return this.cfg.transport.sendRaw(tx.bytes);
  }

  status(signature: string): Promise<TxStatus> {
    return this.cfg.transport.status(signature);
  }

  blockHeight(): Promise<bigint> {
    return this.cfg.transport.blockHeight();
  }

  effectGuaranteed(cmd: DriftWriteCommand): boolean {
    return cmd.type === 'DEPOSIT' || cmd.type === 'WITHDRAW';
  }
}

export interface DriftCommandResult {
  key: string;
  command: DriftWriteCommand;
  signature: string | null;
  before: string;
  after: string | null;
  replayed: boolean;
  /** the user's positions after the command, decoded from the chain */
  state: UserView;
}

export interface RunOptions {
  sleep: Sleep;
  /** the checks that must all allow before anything is journaled (gate, kill switch, limits, staleness) */
  safety: () => Promise<WriteCheck[]>;
  limits?: ExecuteLimits;
  observer?: LifeObserver;
}

/** One command, end to end; see the file comment. */
export async function runDriftCommand(adapter: DriftWriteAdapter, journal: CommandJournal<DriftWriteCommand>, key: string, cmd: DriftWriteCommand, opts: RunOptions): Promise<DriftCommandResult> {
  if (!journal.get(key)?.settled) {
    for (const c of await opts.safety()) assertAllowed(c);
    for (const c of await adapter.limitChecks(cmd)) assertAllowed(c);
  }
  const r = await executeCommand(journal, adapter, key, cmd, { sleep: opts.sleep, limits: opts.limits, observer: opts.observer });
  const positional = cmd.type === 'OPEN_POSITION' || cmd.type === 'CLOSE_POSITION';
  if (positional && r.outcome === 'landed' && r.after === r.before) {
    const base = BigInt(r.before.replace('base=', ''));
    throw new NotFilledError(cmd.type, r.signature ?? '', cmd.marketIndex, base, base);
  }
  return { key, command: cmd, signature: r.signature, before: r.before, after: r.after, replayed: r.replayed, state: await adapter.view() };
}
