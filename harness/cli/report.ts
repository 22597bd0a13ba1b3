/**
 * `dnh report --results F.json`: the sweep report (text, Markdown, JSON or one self-contained HTML
 * file) from saved sweep results, or the suite report from a saved suite result (harness/report/
 * suite-results.ts). The data files default to the ones the sweep recorded, and are used only when
 * their SHA-256 still matches the recorded one; `--data` names other files explicitly, and the report
 * header then says so (docs/outputs.md).
 */
import { parseArgs } from 'node:util';
import type { EngineKind } from '../../engine/backtest.js';
import { DataError, UsageError } from '../../engine/errors.js';
import type { Venue } from '../../engine/model/types.js';
import { checkOutputs, writeFileAtomic } from '../io/atomic.js';
import { recordedPath, resolveRecordedPath, sha256File, verifyInputs } from '../io/provenance.js';
import { buildReport } from '../report/build.js';
import { renderReport, REPORT_FORMATS, type ReportFormat } from '../report/render.js';
import { renderSuiteResults, resultsKind } from '../report/suite-results.js';
import { parseNumberList } from '../sweep/grid.js';
import { loadSeries } from '../sweep/load-series.js';
import { readSweepResults, type SweepResults } from '../sweep/results.js';
import { choiceFlag, parseFlags } from './flags.js';
import type { Command } from './io.js';
import { REPORT_OPTIONS } from './specs/analysis.js';

/** The recorded data files, refused (exit 1) when one is gone or its bytes changed since the sweep. */
function recordedFiles(sweep: SweepResults, file: string): Partial<Record<Venue, string>> {
  const records = sweep.series.map((s) => {
    const rec = sweep.provenance.inputs.find((i) => i.role === `data-${s.venue}`);
    if (!rec) throw new DataError({ file, field: 'provenance.inputs' }, `no recorded SHA-256 for the ${s.venue} data, so it cannot be checked (give --data FILE explicitly)`);
    return rec;
  });
  const bad = verifyInputs(records).filter((c) => c.problem !== null);
  if (bad.length) {
    const c = bad[0]!;
    throw new DataError(
      { file, field: 'provenance.inputs' },
      `the sweep ran on ${c.path} (${c.record.role}), but ${c.problem}: refusing to re-run lanes on other data (give --data FILE explicitly to report on another file)`,
    );
  }
  return Object.fromEntries(sweep.series.map((s, i) => [s.venue, resolveRecordedPath(records[i]!.path)])) as Partial<Record<Venue, string>>;
}

/** Header lines saying which explicitly given files are used, and whether they match the recorded hashes. */
function explicitDataNotes(sweep: SweepResults, files: Partial<Record<Venue, string>>): string[] {
  return sweep.series.map((s) => {
    const f = files[s.venue]!;
    const rec = sweep.provenance.inputs.find((i) => i.role === `data-${s.venue}`);
    const now = sha256File(f).sha256;
    const same = rec?.sha256 === now;
    return `data ${s.venue} given with --data: ${recordedPath(f)} (SHA-256 ${now}) ${same ? 'has the bytes the sweep recorded' : `is NOT the data the sweep ran on (recorded ${rec?.path ?? '?'}, SHA-256 ${rec?.sha256 ?? '?'}): detail re-runs use the given file`}`;
  });
}

export const reportCommand: Command = async (argv, io) => {
  const { values } = parseFlags(
    () => parseArgs({ args: argv, strict: true, allowPositionals: false, options: REPORT_OPTIONS }),
    'report',
  );
  if (!values.results) throw new UsageError('--results F.json is required (see dnh report --help)');
  checkOutputs([values.out ? { flag: '--out', path: values.out } : undefined], [values.results, values.data, values['data-hl'], values['data-drift']]);
  const format: ReportFormat = values.format ? choiceFlag('--format', values.format, REPORT_FORMATS) : 'text';
  const engine: EngineKind | undefined = values.engine ? choiceFlag('--engine', values.engine, ['wasm', 'ts'] as const) : undefined;
  if (resultsKind(values.results) === 'suite') {
    if (values.select || values.engine || values.data || values['data-hl'] || values['data-drift']) throw new UsageError('--select, --engine and --data apply to sweep results, not to a suite result');
    const page = renderSuiteResults(values.results, format);
    if (values.out) writeFileAtomic(values.out, page);
    else io.out(page);
    return 0;
  }
  const sweep = readSweepResults(values.results);
  const venues = sweep.series.map((s) => s.venue);
  const explicit = Boolean(values.data || values['data-hl'] || values['data-drift']);
  if (!explicit) checkOutputs([values.out ? { flag: '--out', path: values.out } : undefined], Object.values(recordedFiles(sweep, values.results)));
  const select = values.select ? parseNumberList('--select', values.select) : [];
  for (const i of select) if (!Number.isInteger(i) || i < 0 || i >= sweep.lanes.length) throw new UsageError(`--select: no lane ${i} (0..${sweep.lanes.length - 1})`);
  const files = explicit ? { all: values.data, hl: values['data-hl'], drift: values['data-drift'] } : recordedFiles(sweep, values.results);
  // The sweep's --from/--to (recorded in its parameters): the detail re-runs use the same days.
  const ranged = sweep.provenance.params as { from?: string; to?: string } | null;
  const loaded = loadSeries(files, venues, { ...(typeof ranged?.from === 'string' ? { from: ranged.from } : {}), ...(typeof ranged?.to === 'string' ? { to: ranged.to } : {}) });
  const notes = explicit ? explicitDataNotes(sweep, loaded.files) : [];
  const text = renderReport(buildReport(sweep, loaded.data, { engine, select, notes }), format);
  if (values.out) writeFileAtomic(values.out, text);
  else io.out(text);
  return 0;
};
