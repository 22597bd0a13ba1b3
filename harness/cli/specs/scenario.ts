/** The declarations of `dnh data`, `scenario` and `suite` with their subcommands (harness/cli/spec.ts). */
import type { CommandSpec, Options } from '../spec.js';
import { RANGE_OPTIONS } from './backtest.js';

export const ALIGN_OPTIONS = {
  prices: { type: 'string', arg: 'FILE', help: 'Hyperliquid candleSnapshot JSON (1d, or 1h with --hourly), Binance klines CSV, or freqtrade feather (required)' },
  funding: { type: 'string', multiple: true, arg: 'FILE', help: 'Hyperliquid fundingHistory JSON, Drift funding records JSON, daily {date, rate} JSON or freqtrade funding feather; repeat to merge hourly files (required)' },
  lend: { type: 'string', arg: 'FILE', help: 'DefiLlama chartLendBorrow JSON of the SOL pool (apyBase, percent) (required)' },
  borrow: { type: 'string', arg: 'FILE', help: 'DefiLlama chartLendBorrow JSON of the USDC pool (apyBaseBorrow, percent) (required)' },
  spot: { type: 'string', arg: 'FILE', help: 'spot candles: adds spot_open,spot_high,spot_low,spot_close (MODEL.md 10.2, --legPrices split)' },
  from: { type: 'string', arg: 'YYYY-MM-DD', def: 'the first day all sources share', help: 'first day (inclusive)' },
  to: { type: 'string', arg: 'YYYY-MM-DD', def: 'the last day all sources share', help: 'last day (inclusive)' },
  'drop-partial': { type: 'boolean', help: 'drop partial days (fewer than 24 funding hours, unfinished candle) at the window edges' },
  hourly: { type: 'boolean', help: 'write the hourly file dnh paper --hourly reads (time,price,high,low,funding,lend_apy,borrow_apy) from hourly candles and hourly funding' },
  out: { type: 'string', arg: 'FILE', def: 'stdout', help: 'write the rows to FILE (atomically)' },
} as const satisfies Options;

/**
 * `dnh data download`'s options. The displayed defaults are the constants of harness/download (a test
 * keeps them equal); they are written out here so that the declarations stay light to load.
 */
export const DOWNLOAD_OPTIONS = {
  from: { type: 'string', arg: 'YYYY-MM-DD', help: 'first UTC day (required)' },
  to: { type: 'string', arg: 'YYYY-MM-DD', help: 'last UTC day (required)' },
  out: { type: 'string', arg: 'DIR', def: 'data', help: 'folder for the files' },
  cache: { type: 'string', arg: 'DIR', def: 'OUT/.download-cache', help: 'page cache, so a rerun resumes' },
  'base-url': { type: 'string', arg: 'URL', def: 'the public endpoint, or DNH_HL_BASE_URL, DNH_DRIFT_BASE_URL, DNH_DEFILLAMA_BASE_URL, DNH_BINANCE_BASE_URL', help: "the venue's API root" },
  coin: { type: 'string', arg: 'COIN', def: 'SOL', help: 'hl: the coin' },
  market: { type: 'string', arg: 'NAME', def: 'SOL-PERP', help: 'drift: the perp market' },
  symbol: { type: 'string', arg: 'SYMBOL', def: 'SOLUSDT', help: 'binance: the spot pair' },
  'lend-pool': { type: 'string', arg: 'ID', def: '525b2dab-ea6a-4cbc-a07f-84ce561d1f83', help: 'defillama: the pool whose apyBase is --lend (Kamino SOL)' },
  'borrow-pool': { type: 'string', arg: 'ID', def: 'd2141a59-c199-4be7-8d4b-c8223954836b', help: 'defillama: the pool whose apyBaseBorrow is --borrow (Kamino USDC)' },
  'max-attempts': { type: 'string', arg: 'N', def: '5', help: 'tries per request before giving up (1..10)' },
} as const satisfies Options;

export const DATA: CommandSpec = {
  name: 'data',
  summary: 'download venue data (Hyperliquid, Drift, DefiLlama, Binance) and align it into canonical daily rows',
  options: {},
  examples: ['dnh data align --prices candles.json --funding funding.json --lend sol.json --borrow usdc.json --out rows.csv'],
  subcommands: [
    {
      name: 'align',
      summary: 'venue files -> canonical daily rows (or the hourly replay file), with a coverage report on stderr',
      options: ALIGN_OPTIONS,
      examples: [
        'dnh data align --prices candles.json --funding funding.json --lend sol.json --borrow usdc.json --out rows.csv',
        'dnh data align --prices candles-1h.json --funding funding.json --lend sol.json --borrow usdc.json --hourly --out hourly.csv',
      ],
      notes: 'The coverage report (window, rows, partial days) goes to stderr.',
    },
    {
      name: 'download',
      summary: "fetch a venue's public endpoints into the raw files dnh data align reads (retries, paging, resumable cache)",
      args: ['<venue>'],
      options: DOWNLOAD_OPTIONS,
      examples: [
        'dnh data download hl --from 2025-01-01 --to 2025-06-30 --out data   # Hyperliquid daily candles and hourly funding',
        'dnh data download defillama --from 2025-01-01 --to 2025-06-30 --out data   # the Kamino SOL lend and USDC borrow rates',
      ],
      notes: [
        'venue: hl (candleSnapshot 1d -> --prices, fundingHistory -> --funding), drift (fundingRates -> --funding),',
        'defillama (chartLendBorrow: --lend, --borrow), binance (klines 1d -> --prices or --spot).',
        'Retries with backoff (HTTP 429 Retry-After honoured), pages through the window, caches completed pages',
        '(a rerun resumes), writes every file atomically at the end or none (docs/data-download.md).',
        'Exit status: 0 ok, 1 the venue answered badly (one line naming venue and URL), 2 usage error.',
      ].join('\n'),
    },
  ],
};

export const FIT_OPTIONS = {
  data: { type: 'string', arg: 'rows.csv', help: 'canonical daily CSV to fit (required)' },
  ...RANGE_OPTIONS,
  out: { type: 'string', arg: 'params.json', def: 'stdout', help: 'write the fitted parameters (atomically)' },
} as const satisfies Options;

export const GENERATE_OPTIONS = {
  params: { type: 'string', arg: 'p.json', def: 'the built-in generator parameters', help: 'generator parameters (as dnh scenario fit writes them)' },
  seed: { type: 'string', arg: 'N', def: '1', help: 'suite seed' },
  set: { type: 'string', arg: 'NAME', def: 'generated', help: 'scenario set name (part of the stream)' },
  index: { type: 'string', arg: 'I', def: '0', help: 'scenario index in the set' },
  days: { type: 'string', arg: 'D', def: 'the parameters\' days', help: 'path length' },
  out: { type: 'string', arg: 'rows.csv', def: 'stdout', help: 'write the canonical CSV (atomically)' },
} as const satisfies Options;

export const SCENARIO: CommandSpec = {
  name: 'scenario',
  summary: 'fit the scenario generator to a CSV, generate one seeded path, list the stress shocks',
  options: {},
  examples: ['dnh scenario fit --data rows.csv --out params.json', 'dnh scenario generate --params params.json --seed 42 --out path.csv', 'dnh scenario shocks'],
  subcommands: [
    {
      name: 'fit',
      summary: "estimate the generator's parameters; stderr compares the data with paths generated from the fit",
      options: FIT_OPTIONS,
      examples: ['dnh scenario fit --data ../shared/data/sol-hl-study.csv --out params.json', 'dnh scenario fit --data rows.csv --from 2025-01-01 --to 2025-12-31'],
    },
    {
      name: 'generate',
      summary: 'one generated path as canonical CSV (scenario I of set NAME under suite seed N)',
      options: GENERATE_OPTIONS,
      examples: ['dnh scenario generate --seed 42 --days 365 --out path.csv', 'dnh scenario generate --params params.json --set calm --index 3'],
    },
    { name: 'shocks', summary: 'the stress library with its parameters', options: {}, examples: ['dnh scenario shocks'] },
  ],
};

export const SUITE_RUN_OPTIONS = {
  seed: { type: 'string', arg: 'N', def: "the suite file's seed", help: 'suite seed (printed first)' },
  workers: { type: 'string', arg: 'K', def: '1', help: 'worker threads' },
  engine: { type: 'string', arg: 'ts|wasm', def: 'wasm', help: 'the WASM kernel or the TypeScript reference' },
  chunk: { type: 'string', arg: 'S', def: 'automatic', help: 'scenarios per streamed chunk' },
  json: { type: 'boolean', help: 'print the result document (hash, content, provenance)' },
  out: { type: 'string', arg: 'result.json', help: 'write the result document (atomically)' },
  html: { type: 'string', arg: 'report.html', help: 'write one offline HTML page' },
  'max-failures': { type: 'string', arg: 'N', def: '100', help: 'failing scenarios printed in the text report (0 = all)' },
  'max-lane-days': { type: 'string', arg: 'N', def: '20000000000', help: 'refuse a suite of more paths x configurations x days' },
  'max-memory-mb': { type: 'string', arg: 'N', def: '4096', help: 'refuse a suite estimated to need more memory' },
} as const satisfies Options;

export const SUITE_REPLAY_OPTIONS = {
  seed: { type: 'string', arg: 'N', def: "the suite file's seed", help: 'suite seed' },
  scenario: { type: 'string', arg: 'SET:INDEX', help: 'the scenario to replay (required)' },
  config: { type: 'string', arg: 'K', def: 'every configuration', help: 'one configuration of the grid' },
  engine: { type: 'string', arg: 'ts|wasm', def: 'wasm', help: 'the WASM kernel or the TypeScript reference' },
  json: { type: 'boolean', help: 'print one JSON object' },
  csv: { type: 'string', arg: 'rows.csv', help: "write the scenario's canonical rows (atomically)" },
} as const satisfies Options;

export const SUITE: CommandSpec = {
  name: 'suite',
  summary: 'run a seeded scenario suite (distributions, robust trigger, thresholds) or replay one scenario',
  options: {},
  examples: ['dnh suite run fixtures/suites/default.json --seed 42', 'dnh suite replay fixtures/suites/default.json --seed 42 --scenario regimes:17 --config 3'],
  subcommands: [
    {
      name: 'run',
      summary: 'every scenario x configuration: distributions, robust trigger, thresholds, failing scenarios with their replay command',
      args: ['<FILE>'],
      options: SUITE_RUN_OPTIONS,
      examples: ['dnh suite run fixtures/suites/default.json --seed 42', 'dnh suite run fixtures/suites/default.json --workers 2 --out result.json --html suite.html'],
      notes: 'Exit status: 0 every threshold holds, 3 a threshold failed, 2 usage error, 1 bad suite or data.',
    },
    {
      name: 'replay',
      summary: 'one scenario alone, with the same numbers the run reported',
      args: ['<FILE>'],
      options: SUITE_REPLAY_OPTIONS,
      examples: ['dnh suite replay fixtures/suites/default.json --seed 42 --scenario regimes:17', 'dnh suite replay fixtures/suites/default.json --scenario crash:0 --csv crash.csv --json'],
    },
  ],
};
