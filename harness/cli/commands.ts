/**
 * The command registry. Modules load lazily so that a command pays only for its own imports
 * (`dnh backtest` must never load the Drift SDK).
 */
import type { Command } from './io.js';

export interface CommandEntry {
  summary: string;
  load: () => Promise<Command>;
}

export const COMMANDS: Record<string, CommandEntry> = {
  backtest: {
    summary: 'run one backtest on a canonical daily CSV (default: the bundled example)',
    load: async () => (await import('./backtest.js')).backtestCommand,
  },
  example: {
    summary: 'write the seeded synthetic example series (canonical CSV)',
    load: async () => (await import('./example.js')).exampleCommand,
  },
  data: {
    summary: 'align venue files (Hyperliquid, Drift, DefiLlama, Binance) into canonical daily rows',
    load: async () => (await import('./data.js')).dataCommand,
  },
  sweep: {
    summary: 'run a parameter grid (leverage x trigger x capital x venue x model x convention), optionally with the report',
    load: async () => (await import('./sweep.js')).sweepCommand,
  },
  study: {
    summary: "reproduce the feasibility study's printed report (study convention), then the same tables under the exact convention",
    load: async () => (await import('./study.js')).studyCommand,
  },
  report: {
    summary: 'the sweep report (text, Markdown, JSON or self-contained HTML) from saved sweep results',
    load: async () => (await import('./report.js')).reportCommand,
  },
  scenario: {
    summary: 'fit the scenario generator to a CSV, generate one seeded path, list the stress shocks',
    load: async () => (await import('./scenario.js')).scenarioCommand,
  },
  paper: {
    summary: 'run the strategy against the paper Drift venue over a daily or hourly replay: event log, alerts, final state',
    load: async () => (await import('./paper.js')).paperCommand,
  },
  chain: {
    summary: 'run-flow: the scripted strategy session against the real Drift program in a local bank (needs the program binaries)',
    load: async () => (await import('./chain.js')).chainCommand,
  },
  gate: {
    summary: 'the pre-live gate for one live.json: suites, invariants, paper venue, Drift flow on a local chain; writes gate-report.json',
    load: async () => (await import('./gate.js')).gateCommand,
  },
  live: {
    summary: 'deposit|withdraw|open|close|settle on a real Drift account (refuses without a passing pre-live gate report for its live.json)',
    load: async () => (await import('./live.js')).liveCommand,
  },
  crosscheck: {
    summary: 'one configuration through the daily kernel and the strategy engine over the paper venues: the difference term by term',
    load: async () => (await import('./crosscheck.js')).crosscheckCommand,
  },
  monitor: {
    summary: 'watch a Drift account read-only (health, liquidation prices, alerts) with a live dashboard; --demo runs a local world',
    load: async () => (await import('./monitor.js')).monitorCommand,
  },
  suite: {
    summary: 'run a seeded scenario suite (distributions, robust trigger, thresholds) or replay one scenario',
    load: async () => (await import('./suite.js')).suiteCommand,
  },
};
