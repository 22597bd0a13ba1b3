/** The declarations of `dnh paper`, `chain`, `gate`, `live` and `monitor` (harness/cli/spec.ts). */
import type { CommandSpec, Options } from '../spec.js';
import { EXAMPLE_DATA_TEXT, EXPORT_OPTIONS, RANGE_OPTIONS } from './backtest.js';

export const PAPER_OPTIONS = {
  data: { type: 'string', arg: 'F.csv', def: EXAMPLE_DATA_TEXT, help: 'canonical daily CSV' },
  hourly: { type: 'string', arg: 'F.csv', help: 'hourly CSV instead (time,price[,high,low],funding,lend_apy,borrow_apy; dnh data align --hourly writes it)' },
  ...RANGE_OPTIONS,
  config: { type: 'string', arg: 'live.json', help: 'take capital, leverage and trigger from a live configuration; flags given win' },
  capital: { type: 'string', arg: 'USD', def: '10000', help: 'starting USD, all in the wallet' },
  leverage: { type: 'string', arg: 'L', def: '2', help: 'per-leg leverage at open' },
  trigger: { type: 'string', arg: 'T', def: '4', help: 'leg leverage that triggers a rebalance (999 = 0.8/m)' },
  'entry-apy': { type: 'string', arg: 'APY', def: '0.1', help: 'open when net APY after fees over the lookback is at least this' },
  'stop-apy': { type: 'string', arg: 'APY', def: '0', help: 'exit when it falls below this (funding stop)' },
  'lookback-hours': { type: 'string', arg: 'H', def: '168', help: 'funding lookback' },
  'exit-health': { type: 'string', arg: 'H', def: '25', help: "exit both legs when either leg's health falls below this" },
  json: { type: 'boolean', help: 'print exactly one JSON object' },
  ...EXPORT_OPTIONS,
} as const satisfies Options;

export const PAPER: CommandSpec = {
  name: 'paper',
  summary: 'run the strategy against the paper Drift venue over a daily or hourly replay: event log, alerts, final state',
  options: PAPER_OPTIONS,
  examples: [
    'dnh paper --json                             # the bundled example, daily',
    'dnh paper --hourly hourly.csv --from 2025-03-01 --to 2025-03-31 --events-csv events.csv',
    'dnh paper --config fixtures/live/conservative.json --equity-csv equity.csv',
  ],
  notes:
    'Perp leg: the paper Drift venue (SOL-PERP, maintenance 5%, initial 10%, 3.5 bps, 0.10-0.30% slippage, hourly funding, ' +
    "liquidated in steps as Drift's liquidate_perp does). Long leg: a paper lending leg (maintenance 0.15, 15 bps open fee; " +
    "MODEL.md 10.3's partial liquidation). Alerts fire where health crosses 50 and 20.\n" +
    'Precedence: built-in defaults < --config file < flags (docs/cli.md). See also: dnh crosscheck.\nExit status: 0 ok, 1 bad data, 2 bad flag or value.',
};

export const CHAIN_RUN_FLOW_OPTIONS = {
  seed: { type: 'string', arg: 'S', def: 'flow', help: 'seed of every key of the local world (same seed: same account bytes)' },
  'journal-dir': { type: 'string', arg: 'DIR', def: 'a new temporary folder', help: 'where the command journals go' },
  json: { type: 'boolean', help: 'print exactly one JSON object' },
} as const satisfies Options;

export const CHAIN: CommandSpec = {
  name: 'chain',
  summary: 'run-flow: the scripted strategy session against the real Drift program in a local bank (needs the program binaries)',
  options: {},
  examples: ['DRIFT_BANKRUN_DIR=/path/to/programs dnh chain run-flow'],
  subcommands: [
    {
      name: 'run-flow',
      summary: 'deposit, open, price move, funding, rebalance, close, settle, withdraw against the Drift program v2.84',
      options: CHAIN_RUN_FLOW_OPTIONS,
      examples: ['dnh chain run-flow --seed flow --json', 'DRIFT_BANKRUN_DIR=/path/to/programs dnh chain run-flow --journal-dir journals/'],
      notes: 'Reads drift.so and pyth.so from DRIFT_BANKRUN_DIR (default fixtures/programs/). Exit status: 0 ok, 1 binaries absent, 2 bad flag.',
    },
  ],
};

export const GATE_OPTIONS = {
  config: { type: 'string', arg: 'live.json', help: 'the live configuration (required)' },
  out: { type: 'string', arg: 'FILE', def: 'gate-report.json', help: 'the report, written atomically' },
  html: { type: 'string', arg: 'FILE', help: 'also one HTML page' },
  workers: { type: 'string', arg: 'N', def: '1', help: 'worker threads for the suites' },
  'max-paths-per-set': { type: 'string', arg: 'N', help: 'testing only: fewer paths; the report is marked reduced and never unlocks live' },
  json: { type: 'boolean', help: 'print the report instead of the text summary' },
} as const satisfies Options;

export const GATE: CommandSpec = {
  name: 'gate',
  summary: 'the pre-live gate for one live.json: suites, invariants, paper venue, Drift flow on a local chain; writes gate-report.json',
  options: GATE_OPTIONS,
  examples: ['dnh gate --config fixtures/live/conservative.json', 'dnh gate --config live.json --workers 2 --html gate.html'],
  notes: 'Without the program binaries (DRIFT_BANKRUN_DIR) the chain check is NOT RUN and the gate FAILS.\nExit status: 0 PASS, 1 FAIL or bad data, 2 bad flag.',
};

export const LIVE_OPTIONS = {
  rpc: { type: 'string', arg: 'URL', help: 'Solana RPC endpoint (required)' },
  keypair: { type: 'string', arg: 'FILE', help: 'signer keypair file (required)' },
  market: { type: 'string', arg: 'N', def: '0', help: 'perp market index (0: SOL-PERP)' },
  subaccount: { type: 'string', arg: 'N', def: '0', help: 'Drift sub-account' },
  config: { type: 'string', arg: 'live.json', help: "the live configuration (required; fixtures/live/conservative.json is an example): its account must be the key file's, its limits apply to every command" },
  'gate-report': { type: 'string', arg: 'FILE', def: 'gate-report.json', help: 'the pre-live gate report for it, from dnh gate' },
  cluster: { type: 'string', arg: 'mainnet|devnet|localnet', def: 'mainnet', help: 'mainnet requires the gate; devnet/localnet rehearse WITHOUT it, announced on stderr' },
  'kill-switch': { type: 'string', arg: 'FILE', def: './KILL', help: 'nothing is signed while this file exists' },
  'journal-dir': { type: 'string', arg: 'DIR', def: '~/.dnh/journal', help: 'the command journals, one per account' },
  key: { type: 'string', arg: 'KEY', def: 'live-<time>-<command>', help: "the command's idempotency key; after exit 5 run again with the same key: recovery settles it, nothing is sent twice" },
  'simulate-only': { type: 'boolean', help: 'simulate, never send' },
  json: { type: 'boolean', help: 'print exactly one JSON object' },
} as const satisfies Options;

const LIVE_NOTES =
  'On mainnet, refuses (exit 3) without a passing pre-live gate report whose configuration hash, commit, lockfile hash and ' +
  "WASM hashes match what runs and which is younger than gate.maxAgeHours (docs/gate.md).\n" +
  'Exit status: 0 ok, 1 no such account or market, 2 bad flag, value or key file, 3 refused by a safety check (gate, kill switch, a limit), ' +
  '4 rejected by the chain (simulation, failed or unfilled), 5 outcome unknown or RPC failure (run again with the same --key).';

const liveSub = (name: string, args: readonly string[], summary: string, example: string): CommandSpec => ({ name, args, summary, options: LIVE_OPTIONS, examples: [example], notes: LIVE_NOTES });

export const LIVE: CommandSpec = {
  name: 'live',
  summary: 'deposit|withdraw|open|close|settle on a real Drift account (refuses without a passing pre-live gate report for its live.json)',
  options: {},
  examples: ['dnh live deposit 250 --rpc https://api.mainnet-beta.solana.com --keypair id.json --config live.json'],
  subcommands: [
    liveSub('deposit', ['[AMOUNT]'], 'deposit USDC, exact to 1e-6', 'dnh live deposit 250 --rpc URL --keypair id.json --config live.json'),
    liveSub('withdraw', ['[AMOUNT]'], 'withdraw USDC', 'dnh live withdraw 12.5 --rpc URL --keypair id.json --cluster devnet'),
    liveSub('open', ['[SIDE]', '[SIZE]'], 'open long|short SIZE SOL (a multiple of the market step)', 'dnh live open short 1.5 --rpc URL --keypair id.json --config live.json --simulate-only'),
    liveSub('close', [], 'close the whole position of --market', 'dnh live close --rpc URL --keypair id.json --config live.json'),
    liveSub('settle', [], 'settle PnL of --market', 'dnh live settle --rpc URL --keypair id.json --config live.json'),
  ],
};

export const MONITOR_OPTIONS = {
  rpc: { type: 'string', arg: 'URL', help: 'Solana RPC endpoint (read-only: the monitor never loads a keypair)' },
  authority: { type: 'string', arg: 'PUBKEY', help: "the Drift account's authority (base58)" },
  subaccount: { type: 'string', arg: 'N', def: '0', help: 'Drift sub-account id' },
  demo: { type: 'boolean', help: 'a local Drift world with a scripted SOL rally: alerts within seconds' },
  once: { type: 'boolean', help: 'take one snapshot, print it, exit (no server)' },
  json: { type: 'boolean', help: 'with --once: the snapshot as one JSON object (schema dnh-monitor v1)' },
  port: { type: 'string', arg: 'N', def: '8787', help: 'dashboard port on 127.0.0.1 (0 = any free port)' },
  'interval-ms': { type: 'string', arg: 'N', def: '400 (1000 with --demo)', help: 'poll interval; with --demo, the price step interval' },
  'log-level': { type: 'string', arg: 'L', def: 'info', help: 'pino level: debug, info, warn, error (logs go to stderr)' },
} as const satisfies Options;

export const MONITOR: CommandSpec = {
  name: 'monitor',
  summary: 'watch a Drift account read-only (health, liquidation prices, alerts) with a live dashboard; --demo runs a local world',
  options: MONITOR_OPTIONS,
  examples: ['dnh monitor --demo                          # dashboard on http://127.0.0.1:8787/', 'dnh monitor --rpc https://api.mainnet-beta.solana.com --authority PUBKEY --once --json'],
  notes: 'Exit status: 0 ok, 1 account not found or RPC unavailable, 2 bad flag or value.',
};
