/** Run the CLI in-process and capture what it prints. */
import { runCli } from '../../harness/cli/main.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function cli(...argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), isTty: false });
  return { code, out, err };
}
