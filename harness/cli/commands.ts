/**
 * The command registry: each command's declaration (light: options, examples, notes; harness/cli/specs/)
 * and its module, loaded lazily so that a command pays only for its own imports (`dnh backtest` must
 * never load the Drift SDK). A module's command receives the arguments after the command's name (for a
 * command with subcommands, starting with the subcommand's name) and parses them with the same options
 * its declaration lists.
 */
import type { Command } from './io.js';
import type { CommandSpec } from './spec.js';
import { COMMAND_SPECS } from './specs/index.js';

export interface CommandEntry {
  spec: CommandSpec;
  summary: string;
  load: () => Promise<Command>;
}

const LOADERS: Record<string, () => Promise<Command>> = {
  backtest: async () => (await import('./backtest.js')).backtestCommand,
  example: async () => (await import('./example.js')).exampleCommand,
  data: async () => (await import('./data.js')).dataCommand,
  sweep: async () => (await import('./sweep.js')).sweepCommand,
  study: async () => (await import('./study.js')).studyCommand,
  report: async () => (await import('./report.js')).reportCommand,
  scenario: async () => (await import('./scenario.js')).scenarioCommand,
  paper: async () => (await import('./paper.js')).paperCommand,
  chain: async () => (await import('./chain.js')).chainCommand,
  gate: async () => (await import('./gate.js')).gateCommand,
  live: async () => (await import('./live.js')).liveCommand,
  crosscheck: async () => (await import('./crosscheck.js')).crosscheckCommand,
  monitor: async () => (await import('./monitor.js')).monitorCommand,
  suite: async () => (await import('./suite.js')).suiteCommand,
};

export const COMMANDS: Record<string, CommandEntry> = Object.fromEntries(
  COMMAND_SPECS.map((spec) => {
    const load = LOADERS[spec.name];
    if (!load) throw new Error(`no module for the declared command ${spec.name}`);
    return [spec.name, { spec, summary: spec.summary, load }];
  }),
);
