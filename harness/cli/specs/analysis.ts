/** The declarations of `dnh sweep`, `study`, `report` and `crosscheck` (harness/cli/spec.ts). */
import type { CommandSpec, Options } from '../spec.js';
import { EXAMPLE_DATA_TEXT, MODEL_OPTIONS, RANGE_OPTIONS } from './backtest.js';

export const SWEEP_OPTIONS = {
  data: { type: 'string', arg: 'F.csv', help: 'canonical daily rows for every venue (required unless --data-hl/--data-drift)' },
  'data-hl': { type: 'string', arg: 'F.csv', help: 'rows for the hl lanes' },
  'data-drift': { type: 'string', arg: 'F.csv', help: 'rows for the drift lanes' },
  ...RANGE_OPTIONS,
  leverage: { type: 'string', arg: 'LIST', def: '2', help: 'leverage axis: "a,b,c" or "start:stop:step"' },
  trigger: { type: 'string', arg: 'LIST', def: '2L', help: 'trigger axis; 2L = twice the leverage, never = 999' },
  capital: { type: 'string', arg: 'LIST', def: '10000', help: 'capital axis (USD)' },
  venue: { type: 'string', arg: 'LIST', def: 'hl', help: 'venue axis: hl,drift' },
  model: { type: 'string', arg: 'LIST', def: 'rebalance', help: 'model axis: static,rebalance,rotation' },
  convention: { type: 'string', arg: 'LIST', def: 'exact', help: 'convention axis: exact,study' },
  'long-fee': { type: 'string', arg: 'LIST', def: 'the venue preset', help: 'long open fee axis (bps)' },
  survivor: { type: 'string', arg: 'LIST', def: 'close', help: 'MODEL.md section 10 axis: close,liquidation (exact convention)' },
  legPrices: { type: 'string', arg: 'LIST', def: 'perp', help: 'section 10 axis: perp,split (split needs the spot_* columns)' },
  'long.liquidation': { type: 'string', arg: 'LIST', def: 'full', help: 'section 10 axis: full,partial:CF:BONUS' },
  grid: { type: 'string', arg: 'F.json', help: 'the same keys in a JSON object (flags given on the command line win)' },
  workers: { type: 'string', arg: 'N|auto', def: 'auto (available cores from 50,000 lanes, else 1)', help: 'worker threads' },
  engine: { type: 'string', arg: 'wasm|ts', def: 'wasm', help: 'the WASM kernel or the TypeScript reference' },
  out: { type: 'string', arg: 'F.json', help: 'write the sweep results (NDJSON, read by dnh report; docs/outputs.md)' },
  'max-lanes': { type: 'string', arg: 'N', def: '1000000', help: 'refuse grids of more combinations' },
  'max-memory-mb': { type: 'string', arg: 'N', def: '4096', help: 'refuse a sweep estimated to need more memory' },
  'max-lane-days': { type: 'string', arg: 'N', def: '2000000000', help: 'refuse a sweep of more lanes x days' },
  report: { type: 'boolean', help: 'print the full report instead of the summary' },
  format: { type: 'string', arg: 'text|md|json|html', def: 'text', help: 'report format (with --report)' },
  'report-out': { type: 'string', arg: 'FILE', help: 'write the report to FILE instead of stdout (with --report)' },
} as const satisfies Options;

export const SWEEP: CommandSpec = {
  name: 'sweep',
  summary: 'run a parameter grid (leverage x trigger x capital x venue x model x convention), optionally with the report',
  options: SWEEP_OPTIONS,
  examples: [
    'dnh sweep --data ../shared/data/sol-hl-study.csv --leverage 1.5:4:0.5 --trigger 2:10:0.5,never --out sweep.json',
    'dnh sweep --data-hl hl.csv --data-drift drift.csv --venue hl,drift --from 2025-01-01 --report --format md',
  ],
  notes: 'Invalid combinations (MODEL.md section 3) are skipped and listed. --from/--to are recorded in the results file.',
};

export const STUDY_OPTIONS = {
  hl: { type: 'string', arg: 'F.csv', def: '../shared/data/sol-hl-study.csv', help: 'the Hyperliquid series' },
  drift: { type: 'string', arg: 'F.csv', def: '../shared/data/sol-drift-study.csv', help: 'the Drift series' },
  convention: { type: 'string', arg: 'study|exact|both', def: 'both', help: 'which convention(s) to print' },
  engine: { type: 'string', arg: 'wasm|ts', def: 'wasm', help: 'the WASM kernel or the TypeScript reference' },
  out: { type: 'string', arg: 'F', help: 'write the report to F and its provenance to F.provenance.json (both or neither)' },
  execution: { type: 'boolean', help: 'instead: the $10k trigger grid with the MODEL.md section 10 options beside plain exact, as Markdown' },
  spot: { type: 'string', arg: 'F', def: '../shared/data/real/jirayuwannagul-tech__wave-structure-engine/data/SOLUSDT_1d.csv', help: 'spot candles for split (with --execution)' },
} as const satisfies Options;

export const STUDY: CommandSpec = {
  name: 'study',
  summary: "reproduce the feasibility study's printed report (study convention), then the same tables under the exact convention",
  options: STUDY_OPTIONS,
  examples: ['dnh study                                  # both conventions on ../shared/data', 'dnh study --convention study --out study.txt', 'dnh study --execution > execution.md'],
  notes: "The study's own figures use its whole series, so study takes no --from/--to; run a sweep on a range instead.",
};

export const REPORT_OPTIONS = {
  results: { type: 'string', arg: 'F.json', help: 'sweep results written by dnh sweep --out, or a suite result written by dnh suite run --out (detected from the file; rendered as the suite page) (required)' },
  data: { type: 'string', arg: 'F.csv', def: 'the files the sweep recorded, checked against their SHA-256', help: 'data for every venue; the report then says it was given' },
  'data-hl': { type: 'string', arg: 'F.csv', help: 'data for the hl lanes' },
  'data-drift': { type: 'string', arg: 'F.csv', help: 'data for the drift lanes' },
  select: { type: 'string', arg: 'LIST', help: 'lane indices shown in detail besides the best ones, e.g. 3,17' },
  engine: { type: 'string', arg: 'wasm|ts', def: 'wasm', help: 'engine for the detail re-runs' },
  format: { type: 'string', arg: 'text|md|json|html', def: 'text', help: 'output format' },
  out: { type: 'string', arg: 'F', def: 'stdout', help: 'write atomically to F' },
} as const satisfies Options;

export const REPORT: CommandSpec = {
  name: 'report',
  summary: 'the sweep or suite report (text, Markdown, JSON or self-contained HTML) from saved results',
  options: REPORT_OPTIONS,
  examples: ['dnh report --results sweep.json --format html --out report.html', 'dnh report --results sweep.json --select 3,17 --format md'],
  notes: "Detail re-runs use the sweep's recorded date range (--from/--to of the sweep).",
};

export const CROSSCHECK_OPTIONS = {
  data: { type: 'string', arg: 'F.csv', def: EXAMPLE_DATA_TEXT, help: 'canonical daily CSV' },
  ...RANGE_OPTIONS,
  'paper-slippage': { type: 'string', arg: 'on|off', def: 'off', help: "the paper venue's size-based slippage (off: as the kernel)" },
  json: { type: 'boolean', help: 'print exactly one JSON object' },
  ...MODEL_OPTIONS,
  engine: { type: 'string', arg: 'wasm|ts', def: 'wasm', help: 'kernel engine' },
} as const satisfies Options;

export const CROSSCHECK: CommandSpec = {
  name: 'crosscheck',
  summary: 'one configuration through the daily kernel and the strategy engine over the paper venues: the difference term by term',
  options: CROSSCHECK_OPTIONS,
  examples: ['dnh crosscheck                             # the bundled example, 2x / trigger 4', 'dnh crosscheck --leverage 3 --venue drift --from 2025-02-01 --json'],
  notes:
    'The model flags go to the kernel as dnh backtest takes them; the paper side follows the kernel\'s resolved parameters ' +
    '(always in the market, rebalancing on the same trigger, liquidations by the paper venues\' own rules).\nExit status: 0 ok, 1 bad data, 2 bad flag or a configuration the paper cannot run.',
};
