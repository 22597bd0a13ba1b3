/**
 * `dnh sweep`: a grid over leverage x trigger x capital x venue x model x convention on canonical
 * daily data, spread over worker threads when large, with a progress bar on a terminal.
 * Writes the results (`--out F.json`, atomically) and prints a summary, or the full report (`--report`).
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import type { EngineKind } from '../../engine/backtest.js';
import { UsageError } from '../../engine/errors.js';
import { CONVENTIONS, LEG_PRICES, MODELS, SURVIVORS, VENUES } from '../../engine/model/types.js';
import { requireSpot, rowsHaveSpot } from '../../engine/data/series.js';
import { checkOutputs, writeOutputs, type OutputFile } from '../io/atomic.js';
import { provenance } from '../io/provenance.js';
import { buildReport } from '../report/build.js';
import { renderReport, REPORT_FORMATS, type ReportFormat } from '../report/render.js';
import { checkWork, limitFlag, MAX_SWEEP_LANE_DAYS, MAX_SWEEP_LANES, memoryLimit, SWEEP_BYTES_PER_LANE } from '../work/budget.js';
import { DEFAULT_SPEC, expandGrid, parseChoiceList, parseLongLiquidationList, parseNumberList, parseTriggerList, readGridFile, type GridSpec } from '../sweep/grid.js';
import { loadSeries } from '../sweep/load-series.js';
import { runSweep, WORKER_THRESHOLD } from '../sweep/pool.js';
import { makeProgress } from '../sweep/progress.js';
import { laneSummary, sweepResultLines, type SweepResults } from '../sweep/results.js';
import { formatSweepSummary } from '../sweep/summary.js';
import { boundedFlag, choiceFlag, parseFlags } from './flags.js';
import type { Command } from './io.js';
import { SWEEP_OPTIONS } from './specs/analysis.js';
import { dayRange } from '../data/range.js';

const OPTIONS = SWEEP_OPTIONS;

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

export function specFromFlags(v: Values): Partial<GridSpec> {
  const spec: Partial<GridSpec> = v.grid ? readGridFile(v.grid) : {};
  if (v.leverage) spec.leverage = parseNumberList('--leverage', v.leverage, 'leverage');
  if (v.trigger) spec.trigger = parseTriggerList(v.trigger);
  if (v.capital) spec.capital = parseNumberList('--capital', v.capital, 'capital');
  if (v.venue) spec.venue = parseChoiceList('--venue', v.venue, VENUES);
  if (v.model) spec.model = parseChoiceList('--model', v.model, MODELS);
  if (v.convention) spec.convention = parseChoiceList('--convention', v.convention, CONVENTIONS);
  if (v['long-fee']) spec.longOpenFeeBps = parseNumberList('--long-fee', v['long-fee'], 'feeBps');
  if (v.survivor) spec.survivor = parseChoiceList('--survivor', v.survivor, SURVIVORS);
  if (v.legPrices) spec.legPrices = parseChoiceList('--legPrices', v.legPrices, LEG_PRICES);
  if (v['long.liquidation']) spec.longLiquidation = parseLongLiquidationList(v['long.liquidation']);
  return spec;
}

function workerCount(raw: string | undefined, lanes: number): number {
  if (raw === undefined || raw === 'auto') return lanes >= WORKER_THRESHOLD ? Math.max(1, availableParallelism()) : 1;
  return boundedFlag('--workers', raw, 'workers');
}

/** Refuse a grid over its limits from the list lengths alone, before expanding it. */
function checkGridSize(spec: Partial<GridSpec>, maxLanes: ReturnType<typeof limitFlag>, maxBytes: ReturnType<typeof limitFlag>): void {
  const s: GridSpec = { ...DEFAULT_SPEC, ...spec };
  const combos = s.convention.length * s.venue.length * s.model.length * s.capital.length * (s.longOpenFeeBps?.length ?? 1) * s.leverage.length * s.trigger.length;
  checkWork(`the grid of ${combos.toLocaleString('en-US')} combinations`, { lanes: combos, bytes: combos * SWEEP_BYTES_PER_LANE }, { lanes: maxLanes, bytes: maxBytes });
}

export const sweepCommand: Command = async (argv, io) => {
  const { values } = parseFlags(() => parseArgs({ args: argv, strict: true, allowPositionals: false, options: OPTIONS }), 'sweep');
  const v = values as Values;
  const format: ReportFormat = v.format ? choiceFlag('--format', v.format, REPORT_FORMATS) : 'text';
  const engine: EngineKind | undefined = v.engine ? choiceFlag('--engine', v.engine, ['wasm', 'ts'] as const) : undefined;
  const outputs = [v.out ? { flag: '--out', path: v.out } : undefined, v['report-out'] ? { flag: '--report-out', path: v['report-out'] } : undefined];
  checkOutputs(outputs, [v.data, v['data-hl'], v['data-drift'], v.grid]);
  if (v['report-out'] && !v.report) throw new UsageError('--report-out needs --report');
  const range = dayRange({ from: v.from, to: v.to });
  const spec = specFromFlags(v);
  checkGridSize(spec, limitFlag('--max-lanes', v['max-lanes'], MAX_SWEEP_LANES), memoryLimit(v['max-memory-mb']));
  const maxLaneDays = limitFlag('--max-lane-days', v['max-lane-days'], MAX_SWEEP_LANE_DAYS);
  const { lanes, skipped } = expandGrid(spec);
  if (lanes.length === 0) throw new UsageError(`every one of the ${skipped.length} grid combinations is invalid; first: ${skipped[0]?.reason ?? 'empty grid'}`);
  const venues = [...new Set(lanes.map((l) => l.venue))];
  const { data, info, files: dataFiles } = loadSeries({ all: v.data, hl: v['data-hl'], drift: v['data-drift'] }, venues, range);
  for (const i of info) {
    if (lanes.some((l) => l.venue === i.venue && l.legPrices === 'split')) requireSpot({ hasSpot: rowsHaveSpot(data[i.venue]!) }, 'split', i.file);
  }
  const laneDays = lanes.reduce((a, l) => a + data[l.venue]!.length, 0);
  checkWork(`the grid of ${lanes.length.toLocaleString('en-US')} lanes`, { lanes: lanes.length, laneDays }, { laneDays: maxLaneDays });
  const inputs = venues.map((venue) => ({ role: `data-${venue}`, path: dataFiles[venue]! }));
  if (v.grid) inputs.push({ role: 'grid', path: v.grid });
  const progress = makeProgress(io, 'sweep');
  let results;
  try {
    results = await runSweep(data, lanes, { engine, workers: workerCount(v.workers, lanes.length), onProgress: progress.update });
  } finally {
    progress.stop();
  }
  // The range is recorded only when given (a sweep of whole files keeps its bytes); `dnh report` re-applies it.
  const params = { spec: { ...DEFAULT_SPEC, ...spec }, engine: engine ?? 'wasm', ...range };
  const conventions = [...new Set(lanes.map((l) => l.convention))];
  const sweep: SweepResults = { kind: 'dnh-sweep', version: 2, spec, series: info, lanes: results.map(laneSummary), skipped, provenance: provenance(inputs, params, conventions) };
  const files: OutputFile[] = [];
  if (v.out) files.push({ path: v.out, content: sweepResultLines(sweep) });
  const text = v.report ? renderReport(buildReport(sweep, data, { engine }), format) : formatSweepSummary(sweep);
  if (v['report-out']) files.push({ path: v['report-out'], content: text });
  writeOutputs(files);
  if (!v['report-out']) io.out(text);
  return 0;
};
