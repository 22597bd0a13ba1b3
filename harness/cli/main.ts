#!/usr/bin/env node
/**
 * `dnh`: the delta-neutral harness command line. Exit status 0 on success, 1 on bad data,
 * 2 on a usage error (unknown flag, bad value, invalid parameter combination); user errors print
 * one clear line, never a stack trace.
 */
import { DataError, UsageError } from '../../engine/errors.js';
import { COMMANDS } from './commands.js';
import { processIo, quietOnEpipe, type CliIo } from './io.js';

function usage(): string {
  const lines = ['usage: dnh <command> [options]', '', 'commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(14)} ${c.summary}`);
  lines.push('', 'Run `dnh <command> --help` for the options of a command.');
  return lines.join('\n') + '\n';
}

/** Run the CLI in-process; returns the exit status. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.err(`dnh: unknown command "${name}" (try: ${Object.keys(COMMANDS).join(', ')})\n`);
    return 2;
  }
  try {
    const command = await entry.load();
    return await command(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`dnh ${name}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof DataError) {
      io.err(`dnh ${name}: ${e.message}\n`);
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
