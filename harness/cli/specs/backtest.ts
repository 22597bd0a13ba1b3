/** The declarations of `dnh backtest` and `dnh example` (harness/cli/spec.ts). */
import type { CommandSpec, Options } from '../spec.js';

export const EXAMPLE_DATA_TEXT = 'fixtures/example/sol-synthetic-410d.csv';

/** `--from/--to`: every command that reads a series (docs/cli.md, "Date ranges"). */
export const RANGE_OPTIONS = {
  from: { type: 'string', arg: 'YYYY-MM-DD', def: 'the first day of the data', help: 'first day of the series to use (inclusive)' },
  to: { type: 'string', arg: 'YYYY-MM-DD', def: 'the last day of the data', help: 'last day of the series to use (inclusive)' },
} as const satisfies Options;

/** The MODEL.md section 3 overrides and the section 10 execution options of the kernel. */
export const MODEL_OPTIONS = {
  capital: { type: 'string', arg: 'USD', def: '10000', help: 'starting capital' },
  leverage: { type: 'string', arg: 'L', def: '2', help: 'per-leg leverage (>= 1)' },
  trigger: { type: 'string', arg: 'T', def: '2L (4 at L=2)', help: 'leg leverage that triggers action; 999 = never' },
  venue: { type: 'string', arg: 'hl|drift', def: 'hl', help: 'perp venue preset' },
  model: { type: 'string', arg: 'static|rebalance|rotation', def: 'rebalance', help: 'what happens at the trigger' },
  convention: { type: 'string', arg: 'exact|study', def: 'exact', help: 'MODEL.md sections 1-6, or section 9 (reproduces the feasibility study)' },
  'long.openFeeBps': { type: 'string', arg: 'bps', def: '15', help: 'lending leg open fee' },
  'long.closeFeeBps': { type: 'string', arg: 'bps', def: '0', help: 'lending leg close fee' },
  'long.maintenance': { type: 'string', arg: 'fraction', def: '0.15', help: 'lending leg maintenance margin' },
  'long.penalty': { type: 'string', arg: 'KIND:RATE', def: 'notional:0.05', help: 'lending leg liquidation penalty (notional or equity)' },
  'perp.feeBps': { type: 'string', arg: 'bps', def: 'venue preset: hl 4.5, drift 3.5', help: 'perp taker fee' },
  'perp.maintenance': { type: 'string', arg: 'fraction', def: 'venue preset: hl 0.025, drift 0.03', help: 'perp maintenance margin' },
  'perp.penalty': { type: 'string', arg: 'KIND:RATE', def: 'venue preset: hl equity:0.5, drift notional:0.025', help: 'perp liquidation penalty' },
  transferCost: { type: 'string', arg: 'USD', def: 'venue preset: hl 3, drift 0.01', help: 'cost of one transfer between the venues' },
  survivor: { type: 'string', arg: 'close|liquidation', def: 'close', help: 'after a one-leg liquidation: close the survivor at the close, or at once (section 10, exact)' },
  legPrices: { type: 'string', arg: 'perp|split', def: 'perp', help: "the long on the perp series, or on the CSV's spot_* columns" },
  'long.liquidation': { type: 'string', arg: 'full|partial:CF:BONUS', def: 'full', help: 'lending leg liquidation rule, e.g. partial:0.2:0.05' },
} as const satisfies Options;

/** The two exports of `backtest` and `paper`. */
export const EXPORT_OPTIONS = {
  'equity-csv': { type: 'string', arg: 'FILE', help: 'write the daily equity curve (per-leg columns) as CSV, atomically' },
  'events-csv': { type: 'string', arg: 'FILE', help: 'write the event log as CSV, atomically' },
} as const satisfies Options;

export const BACKTEST_OPTIONS = {
  data: { type: 'string', arg: 'F.csv', def: EXAMPLE_DATA_TEXT, help: 'canonical daily CSV' },
  ...RANGE_OPTIONS,
  config: { type: 'string', arg: 'live.json', help: 'take capital, leverage, trigger, model, venue and the execution options from a live configuration; flags given win' },
  ...MODEL_OPTIONS,
  engine: { type: 'string', arg: 'wasm|ts', def: 'wasm', help: 'the WASM kernel or the TypeScript reference' },
  json: { type: 'boolean', help: 'print exactly one JSON object' },
  events: { type: 'boolean', help: 'include the event log' },
  ...EXPORT_OPTIONS,
} as const satisfies Options;

export const BACKTEST: CommandSpec = {
  name: 'backtest',
  summary: 'run one backtest on a canonical daily CSV (default: the bundled example)',
  options: BACKTEST_OPTIONS,
  examples: [
    'dnh backtest                                        # the bundled example, defaults of MODEL.md section 3',
    'dnh backtest --leverage 3 --venue drift --model rotation --json --events',
    'dnh backtest --from 2025-01-01 --to 2025-06-30 --equity-csv equity.csv --events-csv events.csv',
    'dnh backtest --config fixtures/live/conservative.json --leverage 2   # the live strategy, leverage overridden',
  ],
  notes: 'Precedence: built-in defaults < --config file < flags (docs/cli.md).\nExit status: 0 ok, 1 bad data, 2 bad flag, value or parameter combination.',
};

export const EXAMPLE_OPTIONS = {
  out: { type: 'string', arg: 'FILE', def: 'stdout', help: 'write the CSV to FILE (atomically)' },
  seed: { type: 'string', arg: 'N', def: '20241231', help: 'seed of the synthetic series' },
  days: { type: 'string', arg: 'N', def: '410', help: 'number of days (30 or more)' },
  spot: { type: 'boolean', help: 'add the spot_open,spot_high,spot_low,spot_close columns (MODEL.md 10.2)' },
} as const satisfies Options;

export const EXAMPLE: CommandSpec = {
  name: 'example',
  summary: 'write the seeded synthetic example series (canonical CSV)',
  options: EXAMPLE_OPTIONS,
  examples: ['dnh example --out example.csv              # the bundled example, byte for byte', 'dnh example --spot --days 90 --seed 3      # 90 days with spot columns'],
  notes: 'How the series is made: fixtures/example/README.md.',
};
