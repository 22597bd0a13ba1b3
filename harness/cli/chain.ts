/**
 * `dnh chain run-flow`: the scripted strategy session against the REAL Drift program in a local
 * in-process bank (harness/chain/program/flow.ts), printing each command with its result; `--json`
 * prints exactly one JSON object (venue units as strings). Needs the two program binaries
 * (DRIFT_BANKRUN_DIR, default fixtures/programs/; docs/drift-commands.md); exit status 1 without them.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../../engine/errors.js';
import { missingBinariesMessage, programBinaries, programsDir } from '../chain/program/binaries.js';
import { parseFlags } from './flags.js';
import type { Command } from './io.js';
import { CHAIN_RUN_FLOW_OPTIONS } from './specs/drift.js';

const OPTIONS = CHAIN_RUN_FLOW_OPTIONS;

const asText = (_: string, v: unknown): unknown => (typeof v === 'bigint' ? v.toString() : v);

export const chainCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  if (sub !== 'run-flow') throw new UsageError(`unknown subcommand "${sub}" (expected run-flow; see dnh chain --help)`);
  const { values } = parseFlags(() => parseArgs({ args: rest, strict: true, allowPositionals: false, options: OPTIONS }), 'chain');
  const bins = programBinaries();
  if (!bins) {
    io.err(`dnh chain run-flow: ${missingBinariesMessage('the flow did not run')}\n`);
    return 1;
  }
  const seed = values.seed ?? 'flow';
  const journalDir = values['journal-dir'] ?? mkdtempSync(join(tmpdir(), 'dnh-flow-'));
  const { runFlow } = await import('../chain/program/flow.js');
  const r = await runFlow(bins, { seed, journalDir, now: () => performance.now() });
  if (values.json) {
    io.out(JSON.stringify({ seed, journalDir, ...r }, asText) + '\n');
    return 0;
  }
  const lines = [`dnh chain run-flow: seed ${seed}, journals in ${journalDir}`, ''];
  for (const s of r.steps) {
    const cmd = Object.entries(s.command).map(([k, v]) => `${k}=${String(v)}`).join(' ');
    const result = s.error ? `REFUSED ${s.error.name}${s.error.driftError ? ` (${s.error.driftError})` : ''}` : s.signature ? `${s.after}  sig ${s.signature.slice(0, 16)}...` : 'done';
    lines.push(`  ${s.actor.padEnd(6)} ${s.key.padEnd(20)} ${cmd.padEnd(60)} ${result}`);
  }
  lines.push('', `final: ${JSON.stringify(r.final, asText)}`, `accounts hash: ${r.accountsHash}`, `time: setup ${r.ms.setup.toFixed(0)} ms, flow ${r.ms.flow.toFixed(0)} ms`);
  io.out(lines.join('\n') + '\n');
  return 0;
};
