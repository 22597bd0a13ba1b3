/**
 * The shape of a command's declaration (harness/cli/specs/*.ts): its options, arguments, examples and
 * notes, in one light object per command. The same `options` object is what the command's module
 * hands to `node:util` parseArgs (which ignores the display keys), and what harness/cli/program.ts
 * turns into commander options for help and flag checking: one list, so help and parsing cannot
 * disagree about which flags exist.
 *
 * @example const OPTS = { leverage: { type: 'string', arg: 'X', def: '2', help: 'per-leg leverage' } } as const satisfies Options;
 */

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** Repeatable (`--funding A --funding B`). */
  multiple?: boolean;
  /** The value's placeholder in help, e.g. `F.csv` (string options). */
  arg?: string;
  /** The default as shown in help (display only: the command applies its own). */
  def?: string;
  help: string;
}

export type Options = Record<string, OptionSpec>;

export interface CommandSpec {
  name: string;
  /** One line, in `dnh --help`'s list of commands. */
  summary: string;
  /** Positional arguments in commander's syntax: `<file>`, `[file]`, `<amount>`. */
  args?: readonly string[];
  options: Options;
  /** At least one `dnh ...` line, each with a `# comment` saying what it does. */
  examples: readonly string[];
  /** Paragraphs after the examples (what it does in more detail, exit statuses). */
  notes?: string;
  subcommands?: readonly CommandSpec[];
}

/** `--name <arg>` or `--name` for a boolean. */
export function optionFlags(name: string, o: OptionSpec): string {
  return o.type === 'boolean' ? `--${name}` : `--${name} <${o.arg ?? 'value'}>`;
}
