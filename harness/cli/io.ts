/** Output ports of a CLI command, so tests can run commands in-process and capture what they print. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (progress bars are drawn only then). */
  isTty: boolean;
}

/**
 * Set when stdout's reader went away (`dnh ... | head -1`): further output is dropped and the command
 * finishes quietly (its files are still written; nobody is left to read the rest of stdout).
 */
let stdoutClosed = false;

/** Swallow EPIPE on stdout (the reader closed the pipe): never a stack trace. */
export function quietOnEpipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') {
      stdoutClosed = true;
      return;
    }
    process.stderr.write(`dnh: cannot write to stdout: ${e.message}\n`);
    process.exit(1);
  });
}

export const processIo: CliIo = {
  out: (t) => {
    if (!stdoutClosed) process.stdout.write(t);
  },
  err: (t) => process.stderr.write(t),
  isTty: Boolean(process.stderr.isTTY),
};

/** A command: parses its own arguments, returns the process exit status. */
export type Command = (argv: string[], io: CliIo) => Promise<number>;
