/** Output ports of a CLI command, so tests can run commands in-process and capture what they print. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (progress bars are drawn only then). */
  isTty: boolean;
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTty: Boolean(process.stderr.isTTY),
};

/** A command: parses its own arguments, returns the process exit status. */
export type Command = (argv: string[], io: CliIo) => Promise<number>;
