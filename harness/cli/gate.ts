/**
 * `dnh gate --config live.json [--out gate-report.json] [--html F] [--workers N]`: runs the pre-live
 * gate for that exact configuration (harness/gate/, docs/gate.md), prints the summary, writes the
 * report atomically. Progress on stderr. The wall clock is read here, at the edge.
 * Exit status: 0 PASS, 1 FAIL (or bad data), 2 bad flag.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../../engine/errors.js';
import { checkOutputs, writeOutputs, type OutputFile } from '../io/atomic.js';
import { loadLiveConfig } from '../gate/config.js';
import { gateHtml } from '../gate/html.js';
import { programHashes, runningIdentity } from '../gate/identity.js';
import { buildGateReport, gateText } from '../gate/report.js';
import { runGateChecks } from '../gate/run.js';
import { parseFlags, positiveInt } from './flags.js';
import type { Command } from './io.js';
import { GATE_OPTIONS } from './specs/drift.js';

const OPTIONS = GATE_OPTIONS;

export const gateCommand: Command = async (argv, io) => {
  const { values } = parseFlags(() => parseArgs({ args: argv, strict: true, allowPositionals: false, options: OPTIONS }), 'gate');
  if (values.config === undefined) throw new UsageError('--config live.json is required (see dnh gate --help)');
  const out = values.out ?? 'gate-report.json';
  checkOutputs([{ flag: '--out', path: out }, values.html === undefined ? undefined : { flag: '--html', path: values.html }], [values.config]);
  const workers = values.workers === undefined ? 1 : positiveInt('--workers', values.workers);
  const maxPaths = values['max-paths-per-set'] === undefined ? undefined : positiveInt('--max-paths-per-set', values['max-paths-per-set']);
  const { config, hash } = loadLiveConfig(values.config);
  const t0 = performance.now();
  const run = await runGateChecks(config, { file: values.config, workers, maxPathsPerSet: maxPaths, progress: (t) => io.err(t), now: () => performance.now() });
  const report = buildGateReport({ config, file: values.config, configHash: hash, running: runningIdentity(hash), programs: programHashes(), run, nowMs: Date.now(), meta: { workers, elapsedMs: Math.round(performance.now() - t0) } });
  const files: OutputFile[] = [{ path: out, content: JSON.stringify(report, null, 2) + '\n' }];
  if (values.html !== undefined) files.push({ path: values.html, content: gateHtml(report) });
  writeOutputs(files);
  io.out(values.json ? JSON.stringify(report) + '\n' : gateText(report) + `report written to ${out} (${(report.meta.elapsedMs / 1000).toFixed(1)} s)\n`);
  return report.verdict === 'PASS' ? 0 : 1;
};
