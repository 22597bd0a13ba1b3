/**
 * `dnh live deposit|withdraw|open|close|settle ...`: commands against a real Drift account over an RPC.
 * Before anything connects or any key is read: the input is validated and converted exactly (exit 2),
 * the kill switch file is checked, and a passing pre-live gate report for this configuration is
 * required (exit 3 on either refusal, with the reason). The gate does not exist yet, so today every
 * live command, `--simulate-only` included, refuses there: fail closed. The RPC path behind the gate
 * (DriftClient over the connection, journal, adapter) is not wired yet; see docs/drift-commands.md.
 */
import { parseArgs } from 'node:util';
import { InvalidInputError, SafetyRefusedError } from '../../engine/drift/write/errors.js';
import { requirePassingGate } from '../../engine/drift/write/gate.js';
import { assertAllowed, checkKillSwitch } from '../../engine/drift/write/safety.js';
import { validateClose, validateDeposit, validateOpen, validateSettle, validateWithdraw, type DriftWriteCommand } from '../../engine/drift/write/validate.js';
import { UsageError } from '../../engine/errors.js';
import { parseFlags, positiveInt } from './flags.js';
import type { Command } from './io.js';

const OPTIONS = {
  rpc: { type: 'string' },
  keypair: { type: 'string' },
  subaccount: { type: 'string' },
  market: { type: 'string' },
  config: { type: 'string' },
  'gate-report': { type: 'string' },
  'kill-switch': { type: 'string' },
  journal: { type: 'string' },
  'simulate-only': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const HELP = `usage: dnh live <command> [arguments] --rpc URL --keypair FILE [options]
  deposit AMOUNT          USDC, exact to 1e-6 (e.g. 250 or 12.5)
  withdraw AMOUNT         USDC
  open long|short SIZE    SOL, a multiple of the market step (0.0001 here; the market's own once connected)
  close                   the whole position of --market
  settle                  settle PnL of --market
options:
  --market 0              perp market index (0: SOL-PERP)
  --subaccount 0          Drift sub-account
  --config ID             the configuration the gate report must cover (default: the command's market)
  --gate-report FILE      the pre-live gate report
  --kill-switch FILE      nothing is signed while this file exists (default: ./KILL)
  --journal FILE          the command journal (default: ./dnh-journal.log)
  --simulate-only         simulate, never send
  --json                  print exactly one JSON object
Refuses (exit 3) without a passing pre-live gate report: the gate is not implemented yet, so every live
command refuses today. Exit status: 0 ok, 2 bad flag or value, 3 refused by a safety check.
`;

/**
 * The order step and minimum (base 1e9) of the local world's SOL-PERP (the SDK's defaults). Once the RPC
 * path is wired, the live market's own values come from its account; the simulation checks them anyway.
 */
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
  if (values.help || positionals.length === 0) {
    io.out(HELP);
    return values.help ? 0 : 2;
  }
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
  try {
    assertAllowed(checkKillSwitch(values['kill-switch'] ?? 'KILL'));
    requirePassingGate({ configId: values.config ?? `drift:perp-${market}`, reportPath: values['gate-report'] });
  } catch (e) {
    if (!(e instanceof SafetyRefusedError)) throw e;
    const out = { command: cmd.type, refused: { gate: e.gate, reason: e.reason }, simulateOnly: Boolean(values['simulate-only']) };
    if (values.json) io.out(JSON.stringify(out, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) + '\n');
    io.err(`dnh live ${sub}: ${e.message}\n`);
    return 3;
  }
  // Unreachable until the gate exists: the gate above refuses every configuration.
  throw new Error('dnh live: a passing gate was reported, but the RPC path is not wired yet');
};
