/**
 * The edge of `dnh live` past the gate: a web3 `Connection` from `--rpc`, the wall clock and real
 * sleeps, then `runLive` (run.ts); its report printed (one JSON object with `--json`), and every typed
 * error turned into one line and an exit status:
 *
 * | status | meaning |
 * | --- | --- |
 * | 0 | done (sent and landed, or simulated with `--simulate-only`) |
 * | 1 | the account or cluster is not what the command needs (no Drift user, no market) |
 * | 2 | bad input or key file (amount beyond the wallet or free collateral, off the market's step, unreadable key) |
 * | 3 | refused by a safety check (gate, kill switch, a limit of live.json, the key is not the configuration's account) |
 * | 4 | rejected by the chain (simulation failed, transaction failed, an order that did not fill) |
 * | 5 | outcome unknown or the RPC failed (confirmation timeout, expired blockhash, RPC errors, pending recovery): run the command again with the same --key; recovery settles it first and nothing is sent twice |
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DriftUserNotFoundError } from '../../engine/drift/errors.js';
import { DriftWriteError, InvalidInputError, KeypairFileError, SafetyRefusedError } from '../../engine/drift/write/errors.js';
import { formatUnits } from '../../engine/drift/write/precision.js';
import { JournalPendingError } from '../../engine/journal/journal.js';
import { RecoveryMismatchError, RecoveryPendingError } from '../../engine/journal/recover.js';
import type { CliIo } from '../cli/io.js';
import { loadLiveConfig } from '../gate/config.js';
import { LiveSetupError } from './client.js';
import { runLive, type LiveDeps, type LiveReport, type LiveRequest } from './run.js';

/** The exit status of an error thrown by `runLive` (null: not a typed error; let it propagate). */
export function liveExitCode(e: unknown): number | null {
  if (e instanceof SafetyRefusedError) return 3;
  if (e instanceof InvalidInputError || e instanceof KeypairFileError) return 2;
  if (e instanceof DriftWriteError) return e.retryable ? 5 : 4;
  if (e instanceof JournalPendingError || e instanceof RecoveryPendingError || e instanceof RecoveryMismatchError) return 5;
  if (e instanceof DriftUserNotFoundError || e instanceof LiveSetupError) return 1;
  return null;
}

const json = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));

function describe(cmd: LiveReport['command']): string {
  switch (cmd.type) {
    case 'DEPOSIT':
    case 'WITHDRAW':
      return `${cmd.type} ${formatUnits(cmd.amount, 6)} USDC`;
    case 'OPEN_POSITION':
      return `OPEN_POSITION ${cmd.direction} ${formatUnits(cmd.baseAssetAmount, 9)} on perp market ${cmd.marketIndex}`;
    default:
      return `${cmd.type} on perp market ${cmd.marketIndex}`;
  }
}

export function printLive(r: LiveReport, io: CliIo, asJson: boolean): void {
  if (asJson) {
    io.out(json(r) + '\n');
    return;
  }
  for (const x of r.recovered) io.out(`recovered ${x.key}: ${x.outcome}${x.signature ? ` (${x.signature})` : ''}\n`);
  const what = describe(r.command);
  if (r.simulation) io.out(`${what}: simulated (nothing sent): ${r.simulation.ok ? 'ok' : `REJECTED ${r.simulation.driftError ?? ''} ${r.simulation.error}`}\n`);
  else io.out(`${what}: ${r.replayed ? 'already settled under key ' + r.key + ' (nothing sent)' : 'landed'}, signature ${r.signature}\n`);
  const s = r.state;
  io.out(`account ${r.authority}: collateral ${formatUnits(s.collateral, 6)} USDC, position ${formatUnits(s.positionBase, 9)} SOL, health ${s.health}, free collateral ${formatUnits(s.freeCollateral, 6)} USDC, leverage ${formatUnits(s.leverage, 4)}x, wallet ${formatUnits(s.wallet, 6)} USDC\n`);
}

/** Runs and prints; returns the exit status. Errors that are not typed propagate (a bug: stack trace). */
export async function runAndPrint(req: LiveRequest, deps: LiveDeps, io: CliIo, asJson: boolean, label: string): Promise<number> {
  try {
    const r = await runLive(req, deps);
    printLive(r, io, asJson);
    return r.simulation && !r.simulation.ok ? 4 : 0;
  } catch (e) {
    const code = liveExitCode(e);
    if (code === null) throw e;
    if (asJson) io.out(json({ command: req.cmd.type, key: req.key, error: { name: (e as Error).name, message: (e as Error).message } }) + '\n');
    io.err(`dnh live ${label}: ${(e as Error).message.replace(/\s*\n\s*/g, ' ')}\n`);
    return code;
  }
}

/** The CLI's dependencies for a real RPC: a web3 Connection, real sleeps, the wall clock (the edge). */
export async function rpcDeps(url: string): Promise<LiveDeps> {
  const { Connection } = await import('@solana/web3.js');
  return {
    connection: new Connection(url, 'confirmed'),
    sleep: (ms) => new Promise((res) => setTimeout(res, ms)),
    nowMs: () => Date.now(), // clock-ok: the CLI edge
  };
}

/** Where journals live unless `--journal-dir` says otherwise: one file per authority and sub-account. */
export function defaultJournalDir(): string {
  return join(homedir(), '.dnh', 'journal');
}

export interface LiveFlags {
  label: string;
  cmd: LiveRequest['cmd'];
  pass: LiveRequest['pass'];
  rpc: string;
  keypair: string;
  config: string;
  subaccount: number;
  market: number;
  journalDir?: string;
  key?: string;
  killSwitch: string;
  simulateOnly: boolean;
  json: boolean;
}

/** `dnh live` past the gate, from its flags: the configuration (its limits), a Connection on --rpc, run, print. */
export async function liveRpcCommand(f: LiveFlags, io: CliIo): Promise<number> {
  const { config } = loadLiveConfig(f.config);
  const deps = await rpcDeps(f.rpc);
  const key = f.key ?? `live-${deps.nowMs()}-${f.cmd.type}`;
  const req: LiveRequest = { cmd: f.cmd, keypairPath: f.keypair, config, pass: f.pass, subAccount: f.subaccount, marketIndex: f.market, journalDir: f.journalDir ?? defaultJournalDir(), key, killSwitch: f.killSwitch, simulateOnly: f.simulateOnly };
  return runAndPrint(req, deps, io, f.json, f.label);
}
