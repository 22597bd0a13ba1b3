/**
 * The RPC path of `dnh live deposit|withdraw|open|close|settle`, past the gate: it takes a `GatePass`
 * (only `requirePassingGate` or an announced rehearsal issue one), then loads the key file (never
 * printed), builds the SDK client on the given `Connection`, opens the durable journal, settles every
 * pending entry from the chain (recovery) before anything else, re-validates the command against the
 * account (wallet balance, the program's free collateral, the market's own step and minimum), applies
 * the kill switch and the configuration's limits (write/limits.ts), simulates, and unless
 * `simulateOnly` sends once through the journal and reads the resulting state back.
 *
 * The `Connection` (and, for a local bank, the transport and account loader) is injected: the CLI
 * builds a web3 `Connection` from `--rpc`; the tests pass the local bank's.
 *
 * @example const r = await runLive({ cmd, keypairPath, config, pass, ... }, { connection, sleep, nowMs });
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Transaction, type Connection, type PublicKey } from '@solana/web3.js';
import { clientFigures, clientProgramFreeCollateral, usdcTokenAmount } from '../../engine/drift/clientFigures.js';
import { DriftWriteAdapter, runDriftCommand } from '../../engine/drift/write/adapter.js';
import { decodeDriftError } from '../../engine/drift/write/decodeError.js';
import { SafetyRefusedError } from '../../engine/drift/write/errors.js';
import { assertGatePass, type GatePass } from '../../engine/drift/write/gate.js';
import { sendLimits } from '../../engine/drift/write/limits.js';
import { readTokenAmount } from '../../engine/drift/write/observe.js';
import { assertAllowed, checkKillSwitch } from '../../engine/drift/write/safety.js';
import { loadKeypairFile } from '../../engine/drift/write/signerFile.js';
import { connectionTransport, type DriftTransport } from '../../engine/drift/write/transport.js';
import { validateDeposit, validateOpen, validateWithdraw, type DriftWriteCommand } from '../../engine/drift/write/validate.js';
import type { ExecuteLimits } from '../../engine/journal/executor.js';
import { CommandJournal } from '../../engine/journal/journal.js';
import type { Sleep } from '../../engine/journal/ports.js';
import { recoverJournal, type Recovered, type RecoveryLimits } from '../../engine/journal/recover.js';
import type { LiveConfig } from '../gate/config.js';
import { openLiveClient } from './client.js';
import { watchRpc } from './rpcWatch.js';
import { formatUnits } from '../../engine/drift/write/precision.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export interface LiveRequest {
  /** the command as validated from the command line (amounts in venue units; bounds checked here) */
  cmd: DriftWriteCommand;
  keypairPath: string;
  config: LiveConfig;
  pass: GatePass;
  subAccount: number;
  marketIndex: number;
  /** the journal directory; one file per authority and sub-account */
  journalDir: string;
  /** the idempotency key of this command */
  key: string;
  killSwitch: string;
  simulateOnly: boolean;
}

export interface LiveDeps {
  connection: Connection;
  /** default: `connectionTransport(connection)` */
  transport?: DriftTransport;
  /** default: the SDK's BulkAccountLoader over `connection`, polling off */
  accountLoader?: Any;
  programId?: PublicKey;
  sleep: Sleep;
  /** the wall clock at the edge (ms); the gate pass's validity and the figures' time */
  nowMs: () => number;
  /** unix seconds of the figures (default: nowMs / 1000) */
  nowUnix?: () => number;
  execute?: ExecuteLimits;
  recovery?: RecoveryLimits;
}

export interface LiveState {
  /** USDC collateral, token amount 1e6 */
  collateral: bigint;
  /** base 1e9 of the position in the configuration's market */
  positionBase: bigint;
  health: number;
  freeCollateral: bigint;
  leverage: bigint;
  /** the wallet's USDC token account, 1e6 */
  wallet: bigint;
}

export interface LiveReport {
  command: DriftWriteCommand;
  key: string;
  authority: string;
  rehearsal: boolean;
  /** pending journal entries settled before anything else */
  recovered: Recovered[];
  simulateOnly: boolean;
  /** the simulation's result (with `simulateOnly`; otherwise the adapter simulates inside the journal) */
  simulation: { ok: boolean; error: string | null; driftError: string | null; logs: string[] } | null;
  signature: string | null;
  /** true: the key was already settled in the journal; nothing was sent this time */
  replayed: boolean;
  state: LiveState;
}

/** The command with the account's own bounds: wallet balance, program free collateral, the market's step. */
function bounded(cmd: DriftWriteCommand, wallet: bigint, free: bigint, market: { orderStepSize: bigint; minOrderSize: bigint }): DriftWriteCommand {
  switch (cmd.type) {
    case 'DEPOSIT':
      return validateDeposit(formatUnits(cmd.amount, 6), wallet);
    case 'WITHDRAW':
      return validateWithdraw(formatUnits(cmd.amount, 6), free);
    case 'OPEN_POSITION':
      return validateOpen(cmd.marketIndex, cmd.direction, formatUnits(cmd.baseAssetAmount, 9), market);
    default:
      return cmd;
  }
}

export async function runLive(r: LiveRequest, d: LiveDeps): Promise<LiveReport> {
  assertGatePass(r.pass, d.nowMs());
  const nowUnix = d.nowUnix ?? (() => Math.floor(d.nowMs() / 1000));
  const signer = loadKeypairFile(r.keypairPath);
  if (signer.publicKey.toBase58() !== r.config.account.authority) {
    throw new SafetyRefusedError('account', `the key file's public key ${signer.publicKey.toBase58()} is not the configuration's authority ${r.config.account.authority}`);
  }
  const sdk = await import('@drift-labs/sdk');
  const spl = await import('@solana/spl-token');
  // RPC failures after the first read become one RpcError (exit 5), swallowed loader failures included
  const accountLoader = d.accountLoader ?? new sdk.BulkAccountLoader(d.connection, 'confirmed', 0);
  const rpc = watchRpc(d.connection, accountLoader);
  const { client, usdcMint, market } = await openLiveClient({ connection: rpc.connection, authority: signer.publicKey, subAccountId: r.subAccount, marketIndex: r.marketIndex, accountLoader, programId: d.programId, rpc: rpc.step });
  const transport = d.transport ?? connectionTransport(rpc.connection);
  const usdcTokenAccount = spl.getAssociatedTokenAddressSync(usdcMint, signer.publicKey, true);
  const adapter = new DriftWriteAdapter({ client, transport, signer, usdcTokenAccount, subAccountId: r.subAccount, limits: { send: sendLimits(r.config.limits), marketIndex: r.marketIndex, nowUnix } });
  mkdirSync(r.journalDir, { recursive: true });
  const journal = CommandJournal.open<DriftWriteCommand>(join(r.journalDir, `${signer.publicKey.toBase58()}-${r.subAccount}.jsonl`));
  try {
    const recovered = await recoverJournal(journal, adapter, { sleep: d.sleep, limits: d.recovery });
    const refresh = () =>
      rpc.step('refreshing the Drift accounts', async () => {
        await client.fetchAccounts();
        await client.getUser(r.subAccount).fetchAccounts();
      });
    await refresh();
    const readWallet = () => rpc.step(`reading the USDC token account ${usdcTokenAccount.toBase58()}`, () => readTokenAmount(transport, usdcTokenAccount));
    const wallet = await readWallet();
    const cmd = bounded(r.cmd, wallet, clientProgramFreeCollateral(client, r.subAccount, nowUnix()), market);
    const safety = async () => [checkKillSwitch(r.killSwitch)];
    let simulation: LiveReport['simulation'] = null;
    let signature: string | null = null;
    let replayed = false;
    if (r.simulateOnly) {
      for (const c of [...(await safety()), ...(await adapter.limitChecks(cmd))]) assertAllowed(c);
      const signed = await adapter.sign(cmd);
      const sim = await transport.simulate(Transaction.from(signed.bytes));
      const failed = sim.err === null || sim.err === undefined ? null : decodeDriftError(sim.err, sim.logs);
      simulation = { ok: failed === null, error: failed ? failed.raw : null, driftError: failed?.name ?? null, logs: sim.logs };
    } else {
      const res = await runDriftCommand(adapter, journal, r.key, cmd, { sleep: d.sleep, safety, limits: d.execute });
      signature = res.signature;
      replayed = res.replayed;
    }
    await refresh();
    const f = clientFigures(client, r.subAccount, nowUnix());
    const view = await rpc.step('reading the Drift user account', () => adapter.view());
    const state: LiveState = {
      collateral: await usdcTokenAmount(client, r.subAccount),
      positionBase: view.perp.get(r.marketIndex)?.base ?? 0n,
      health: f.health,
      freeCollateral: f.freeCollateral,
      leverage: f.leverage,
      wallet: await readWallet(),
    };
    return { command: cmd, key: r.key, authority: signer.publicKey.toBase58(), rehearsal: r.pass.rehearsal, recovered, simulateOnly: r.simulateOnly, simulation, signature, replayed, state };
  } finally {
    journal.close();
    await client.unsubscribe();
  }
}
