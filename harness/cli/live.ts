/**
 * `dnh live deposit|withdraw|open|close|settle ...`: commands against a real Drift account over an RPC.
 * Before anything connects or any key is read: the input is validated and converted exactly (exit 2),
 * the kill switch file is checked, and a passing pre-live gate report for this configuration is
 * required on mainnet (exit 3 on either refusal, with the reason; harness/gate/enforce.ts, docs/gate.md).
 * `--cluster devnet|localnet` rehearses without the gate and says so on stderr. Past the gate, the RPC
 * path (key file, DriftClient on the connection, journal and its recovery, limits, simulation, one send)
 * is harness/live/; see docs/drift-commands.md.
 */
import { parseArgs } from 'node:util';
import { InvalidInputError, SafetyRefusedError } from '../../engine/drift/write/errors.js';
import { rehearsalWithoutGate, requirePassingGate, type GatePass } from '../../engine/drift/write/gate.js';
import { assertAllowed, checkKillSwitch } from '../../engine/drift/write/safety.js';
import { validateClose, validateDeposit, validateOpen, validateSettle, validateWithdraw, type DriftWriteCommand } from '../../engine/drift/write/validate.js';
import { UsageError } from '../../engine/errors.js';
import { choiceFlag, parseFlags, positiveInt } from './flags.js';
import { gateRequest } from '../gate/enforce.js';
import { liveRpcCommand } from '../live/cli.js';
import type { Command } from './io.js';
import { LIVE_OPTIONS } from './specs/drift.js';

const OPTIONS = LIVE_OPTIONS;

/**
 * The order step and minimum (base 1e9) of the local world's SOL-PERP (the SDK's defaults). Once the RPC
 * path is wired, the live market's own values come from its account; the simulation checks them anyway.
 */
const CLUSTERS = ['mainnet', 'devnet', 'localnet'] as const;

const SOL_PERP = { orderStepSize: 100_000n, minOrderSize: 100_000n };

function command(sub: string, args: string[], market: number): DriftWriteCommand {
  const need = (n: number, what: string) => {
    if (args.length !== n) throw new UsageError(`dnh live ${sub}: expected ${what}, got ${args.length === 0 ? 'nothing' : args.join(' ')}`);
  };
  // Wallet balance and free collateral are checked by the adapter once connected; here only the form.
  const unbounded = 2n ** 63n;
  switch (sub) {
    case 'deposit':
      need(1, 'AMOUNT');
      return validateDeposit(args[0]!, unbounded);
    case 'withdraw':
      need(1, 'AMOUNT');
      return validateWithdraw(args[0]!, unbounded);
    case 'open':
      need(2, 'long|short SIZE');
      return validateOpen(market, args[0] as 'long' | 'short', args[1]!, SOL_PERP);
    case 'close':
      need(0, 'no argument');
      return validateClose(market);
    case 'settle':
      need(0, 'no argument');
      return validateSettle(market);
    default:
      throw new UsageError(`unknown live command "${sub}" (expected deposit, withdraw, open, close, settle; see dnh live --help)`);
  }
}

export const liveCommand: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(() => parseArgs({ args: argv, strict: true, allowPositionals: true, options: OPTIONS }), 'live');
  if (positionals.length === 0) throw new UsageError('expected a command: deposit, withdraw, open, close or settle (see dnh live --help)');
  const [sub, ...args] = positionals as [string, ...string[]];
  const market = values.market === undefined ? 0 : positiveInt('--market', values.market);
  if (values.rpc === undefined) throw new UsageError('--rpc URL is required (see dnh live --help)');
  if (values.keypair === undefined) throw new UsageError('--keypair FILE is required (see dnh live --help)');
  let cmd: DriftWriteCommand;
  try {
    cmd = command(sub, args, market);
  } catch (e) {
    if (e instanceof InvalidInputError) throw new UsageError(e.message);
    throw e;
  }
  const cluster = choiceFlag('--cluster', values.cluster ?? 'mainnet', CLUSTERS);
  let pass: GatePass;
  try {
    assertAllowed(checkKillSwitch(values['kill-switch'] ?? 'KILL'));
    if (cluster === 'mainnet') pass = requirePassingGate(gateRequest(values.config, values['gate-report'] ?? 'gate-report.json', market, values.subaccount));
    else {
      io.err(`WARNING: dnh live ${sub} --cluster ${cluster}: REHEARSAL WITHOUT THE PRE-LIVE GATE. No gate report is checked; this is refused on mainnet.\n`);
      pass = rehearsalWithoutGate(values.config ?? '(none)', cluster);
    }
  } catch (e) {
    if (!(e instanceof SafetyRefusedError)) throw e;
    const out = { command: cmd.type, refused: { gate: e.gate, reason: e.reason }, simulateOnly: Boolean(values['simulate-only']) };
    if (values.json) io.out(JSON.stringify(out, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) + '\n');
    io.err(`dnh live ${sub}: ${e.message}\n`);
    return 3;
  }
  if (values.config === undefined) throw new UsageError('--config live.json is required: its account and limits apply to every command (see dnh live --help)');
  const subaccount = values.subaccount === undefined ? 0 : positiveInt('--subaccount', values.subaccount);
  return liveRpcCommand({ label: sub, cmd, pass, rpc: values.rpc, keypair: values.keypair, config: values.config, subaccount, market, journalDir: values['journal-dir'], key: values.key, killSwitch: values['kill-switch'] ?? 'KILL', simulateOnly: Boolean(values['simulate-only']), json: Boolean(values.json) }, io);
};
