/**
 * `dnh report --results F.json`: the sweep report (text, Markdown, JSON or one self-contained HTML
 * file) from saved sweep results; the data files default to the ones the sweep recorded.
 */
import { parseArgs } from 'node:util';
import type { EngineKind } from '../../engine/backtest.js';
import { UsageError } from '../../engine/errors.js';
import type { Venue } from '../../engine/model/types.js';
import { writeFileAtomic } from '../io/atomic.js';
import { buildReport } from '../report/build.js';
import { renderReport, REPORT_FORMATS, type ReportFormat } from '../report/render.js';
import { parseNumberList } from '../sweep/grid.js';
import { loadSeries } from '../sweep/load-series.js';
import { readSweepResults } from '../sweep/results.js';
import { choiceFlag, parseFlags } from './flags.js';
import type { Command } from './io.js';

const HELP = `usage: dnh report --results F.json [--format text|md|json|html] [--out F] [options]
  --results F.json        sweep results written by dnh sweep --out
  --data F.csv            data for every venue (default: the files the sweep recorded); or --data-hl / --data-drift
  --select 3,17           lane indices to show in detail (event log, waterfall, equity) besides the best ones
  --engine wasm|ts        engine for the detail re-runs
  --format text|md|json|html   (default text)   --out F   write atomically to F instead of stdout
`;

export const reportCommand: Command = async (argv, io) => {
  const { values } = parseFlags(
    () => parseArgs({ args: argv, strict: true, allowPositionals: false, options: {
      results: { type: 'string' }, data: { type: 'string' }, 'data-hl': { type: 'string' }, 'data-drift': { type: 'string' },
      select: { type: 'string' }, engine: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    } }),
    'report',
  );
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (!values.results) throw new UsageError('--results F.json is required (see dnh report --help)');
  const sweep = readSweepResults(values.results);
  const format: ReportFormat = values.format ? choiceFlag('--format', values.format, REPORT_FORMATS) : 'text';
  const engine: EngineKind | undefined = values.engine ? choiceFlag('--engine', values.engine, ['wasm', 'ts'] as const) : undefined;
  const recorded = Object.fromEntries(sweep.series.map((s) => [s.venue, s.file])) as Partial<Record<Venue, string>>;
  const venues = sweep.series.map((s) => s.venue);
  const files = values.data || values['data-hl'] || values['data-drift']
    ? { all: values.data, hl: values['data-hl'], drift: values['data-drift'] }
    : recorded;
  const { data } = loadSeries(files, venues);
  const select = values.select ? parseNumberList('--select', values.select) : [];
  for (const i of select) if (!Number.isInteger(i) || i < 0 || i >= sweep.lanes.length) throw new UsageError(`--select: no lane ${i} (0..${sweep.lanes.length - 1})`);
  const text = renderReport(buildReport(sweep, data, { engine, select }), format);
  if (values.out) writeFileAtomic(values.out, text);
  else io.out(text);
  return 0;
};
