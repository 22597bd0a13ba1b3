#!/usr/bin/env node
/**
 * `dnh`: the delta-neutral harness command line. Exit status 0 on success, 1 on bad data,
 * 2 on a usage error (unknown flag, bad value, invalid parameter combination); user errors print
 * one clear line, never a stack trace.
 *
 * Commander (harness/cli/program.ts) routes, checks the flags against each command's declaration and
 * prints the generated help; the command's module, loaded only then, does the work.
 */
import type { CommanderError } from 'commander';
import { DataError, UsageError } from '../../engine/errors.js';
import { COMMANDS } from './commands.js';
import { processIo, quietOnEpipe, type CliIo } from './io.js';

/** The command path named by argv (known names only): ['suite', 'run'], ['backtest'], or []. */
function commandPath(argv: readonly string[]): string[] {
  const top = COMMANDS[argv[0] ?? ''];
  if (!top) return [];
  const sub = top.spec.subcommands?.find((s) => s.name === argv[1]);
  return sub ? [argv[0]!, sub.name] : [argv[0]!];
}

/** package.json's version, with the git commit when git can tell (only computed for --version). */
async function versionText(): Promise<string> {
  const { codeVersion } = await import('../io/provenance.js');
  const c = codeVersion();
  return c.commit ? `${c.version} (${c.commit.slice(0, 12)})` : c.version;
}

/** A commander error as today's one line: capitalised like node's parseArgs, with where to look. */
function commanderMessage(e: CommanderError, argv: readonly string[]): string {
  const path = commandPath(argv);
  const where = path.length ? `dnh ${path.join(' ')}` : 'dnh';
  let msg = e.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim();
  if (e.code === 'commander.unknownCommand' && path.length === 1) {
    const subs = COMMANDS[path[0]!]!.spec.subcommands!.map((s) => s.name);
    // `dnh live` calls its subcommands commands (deposit, withdraw, ...), as its help does.
    msg = `unknown ${path[0] === 'live' ? 'live command' : 'subcommand'} "${argv[1]}" (expected ${subs.join(', ')})`;
  } else msg = msg.charAt(0).toUpperCase() + msg.slice(1);
  return `${where}: ${msg} (see ${where} --help)\n`;
}

type Verdict = { path: string[] } | { code: number };

/**
 * Commander's verdict on `args`: the command path when it accepts them, else the exit status after it
 * printed the help (exit 0), the version (0), or its error as one line (2).
 */
async function commanderVerdict(args: string[], io: CliIo): Promise<Verdict> {
  const { CommanderError } = await import('commander');
  const { buildProgram } = await import('./program.js');
  const version = args[0] === '--version' || args[0] === '-V' ? await versionText() : '';
  let selected: string[] | null = null;
  const only = args[0] !== undefined && COMMANDS[args[0]] ? args[0] : undefined;
  const program = buildProgram(Object.values(COMMANDS).map((c) => c.spec), io, version, (path) => (selected = path), only);
  if (args.length === 0) {
    program.outputHelp();
    return { code: 2 };
  }
  try {
    program.parse(args, { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return { code: 0 };
    // A command with subcommands named without one: its help went to stderr.
    if (e.code === 'commander.help') return { code: 2 };
    io.err(commanderMessage(e, args));
    return { code: 2 };
  }
  return selected === null ? { code: 2 } : { path: selected };
}

/**
 * The fast path of a cold start: a known command (and subcommand) without help flags runs its module at
 * once, which parses the same option list with parseArgs; commander (about 20 ms of module loading) is
 * loaded only for help, --version, and when the module refuses the usage: then commander's verdict,
 * the one the slow path would have given first, is printed when it has one (docs/cli.md, "Cold start").
 */
function fastPath(args: readonly string[]): boolean {
  const top = COMMANDS[args[0] ?? ''];
  if (!top || args.some((a) => a === '--help' || a === '-h')) return false;
  return !top.spec.subcommands?.length || top.spec.subcommands.some((s) => s.name === args[1]);
}

/** Run the CLI in-process; returns the exit status. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name] = argv;
  if (name !== undefined && !name.startsWith('-') && name !== 'help' && !COMMANDS[name]) {
    io.err(`dnh: unknown command "${name}" (try: ${Object.keys(COMMANDS).join(', ')})\n`);
    return 2;
  }
  // `dnh help suite run` is `dnh suite run --help` (commander's own help command stops at one level).
  const args = name === 'help' ? [...argv.slice(1), '--help'] : argv;
  if (name === 'help' && args[0] !== '--help' && !COMMANDS[args[0]!]) {
    io.err(`dnh: unknown command "${args[0]}" (try: ${Object.keys(COMMANDS).join(', ')})\n`);
    return 2;
  }
  const fast = fastPath(args);
  if (!fast) {
    const verdict = await commanderVerdict(args, io);
    if ('code' in verdict) return verdict.code;
  }
  const top = args[0]!;
  try {
    const command = await COMMANDS[top]!.load();
    return await command(args.slice(1), io);
  } catch (e) {
    if (e instanceof UsageError) {
      if (fast) {
        // What commander would have refused first is told in its words, exactly as without the fast path.
        let said = '';
        const verdict = await commanderVerdict(args, { ...io, out: () => {}, err: (t) => (said += t) });
        if ('code' in verdict) {
          io.err(said);
          return verdict.code;
        }
      }
      io.err(`dnh ${top}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof DataError) {
      io.err(`dnh ${top}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (invokedDirectly) {
  quietOnEpipe();
  // With a handler, Ctrl-C / SIGTERM take effect between two turns of the event loop, never inside the
  // synchronous temp-write-rename of an output: no temp file is left behind (docs/outputs.md).
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) process.on(signal, () => process.exit(code));
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`dnh: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 70;
    },
  );
}
