/**
 * The commander program built from the declarations (harness/cli/specs/): generated help for every
 * command and subcommand (options with their defaults, examples, notes), `--version`, and the check of
 * flags and arguments. Commander never writes its own error text and never exits the process: its
 * errors come back to harness/cli/main.ts as `CommanderError`s, printed there as one `dnh <cmd>: ...`
 * line (exit 2). The command's module then parses the same arguments with the same option list.
 */
import { Command, Option } from 'commander';
import type { CliIo } from './io.js';
import { optionFlags, type CommandSpec } from './spec.js';

/** The help text after the options: examples, then the notes. */
export function afterHelp(spec: CommandSpec): string {
  const lines = ['', 'Examples:', ...spec.examples.map((e) => `  $ ${e}`)];
  if (spec.notes) lines.push('', spec.notes);
  return lines.join('\n') + '\n';
}

function addOptions(cmd: Command, spec: CommandSpec): void {
  for (const [name, o] of Object.entries(spec.options)) {
    const opt = new Option(optionFlags(name, o), o.help);
    // Display only (the module applies its own defaults): shown as "(default: ...)".
    if (o.def !== undefined) opt.default(o.def, o.def);
    cmd.addOption(opt);
  }
}

function configure(cmd: Command, spec: CommandSpec, io: CliIo, onAction: (path: string[]) => void, path: string[]): Command {
  cmd
    .description(spec.summary)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s), outputError: () => {} })
    .helpOption('-h, --help', 'print this help')
    .addHelpText('after', afterHelp(spec));
  for (const a of spec.args ?? []) cmd.argument(a);
  addOptions(cmd, spec);
  if (spec.subcommands?.length) {
    cmd.helpCommand(false);
    for (const sub of spec.subcommands) configure(cmd.command(sub.name), sub, io, onAction, [...path, sub.name]);
  } else {
    cmd.action(() => onAction(path));
  }
  return cmd;
}

const PROGRAM_NOTES = `
Run \`dnh help <command> [subcommand]\` (or \`dnh <command> --help\`) for its options, defaults and examples.
Exit status: 0 ok, 1 bad data, 2 bad flag, value or parameter combination, 3 a suite threshold failed.
`;

/**
 * The program; `onAction` receives the command path (e.g. ['suite', 'run']) once the arguments check out.
 * With `only`, the other commands get their name and summary alone (enough for the list of commands):
 * a cold `dnh backtest` does not build 20 other commands' options (docs/cli.md, "Cold start").
 */
export function buildProgram(specs: readonly CommandSpec[], io: CliIo, version: string, onAction: (path: string[]) => void, only?: string): Command {
  const program = new Command('dnh')
    .usage('<command> [options]')
    .description('delta-neutral-harness: backtests, sweeps, scenario suites, paper and live Drift for a delta-neutral funding strategy')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s), outputError: () => {} })
    .helpOption('-h, --help', 'print this help')
    .version(version, '-V, --version', 'print the version')
    .helpCommand('help [command...]', 'print the help of a command or subcommand')
    .addHelpText('after', PROGRAM_NOTES);
  for (const spec of specs) {
    if (only === undefined || spec.name === only) configure(program.command(spec.name), spec, io, onAction, [spec.name]);
    else program.command(spec.name).description(spec.summary);
  }
  return program;
}
