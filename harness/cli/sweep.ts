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
import { writeFileAtomic } from '../io/atomic.js';
import { buildReport } from '../report/build.js';
import { renderReport, REPORT_FORMATS, type ReportFormat } from '../report/render.js';
import { expandGrid, parseChoiceList, parseLongLiquidationList, parseNumberList, parseTriggerList, readGridFile, type GridSpec } from '../sweep/grid.js';
import { loadSeries } from '../sweep/load-series.js';
import { runSweep, WORKER_THRESHOLD } from '../sweep/pool.js';
import { makeProgress } from '../sweep/progress.js';
import { laneSummary, type SweepResults } from '../sweep/results.js';
import { formatSweepSummary } from '../sweep/summary.js';
import { boundedFlag, choiceFlag, parseFlags } from './flags.js';
import type { Command } from './io.js';

const HELP = `usage: dnh sweep --data F.csv [grid flags] [options]
Grid (lists "a,b,c" or ranges "start:stop:step"):
  --leverage 2,3,4        --trigger 3,4,2L,never   (2L = twice the leverage; never = 999)
  --capital 10000         --venue hl,drift   --model rebalance   --convention exact,study
  --long-fee 15,10,5,0    long open fee values (bps)
  --survivor close,liquidation   --legPrices perp,split   --long.liquidation full,partial:0.2:0.05
                          MODEL.md section 10 axes (exact convention; split needs the spot_* columns)
  --grid F.json           the same keys in a JSON object (flags given on the command line win)
Data:
  --data F.csv            canonical daily rows for every venue; or per venue --data-hl F / --data-drift F
Run:
  --workers N|auto        worker threads (default: auto = available cores when >= ${WORKER_THRESHOLD} lanes, else 1)
  --engine wasm|ts        the WASM kernel (default) or the TypeScript reference
  --out F.json            write the sweep results (read by dnh report)
  --report                print the full report instead of the summary
  --format text|md|json|html   report format (default text)
  --report-out F          write the report to F instead of stdout
Invalid combinations (MODEL.md section 3) are skipped and listed.
`;

const OPTIONS = {
  data: { type: 'string' }, 'data-hl': { type: 'string' }, 'data-drift': { type: 'string' },
  leverage: { type: 'string' }, trigger: { type: 'string' }, capital: { type: 'string' }, venue: { type: 'string' },
  model: { type: 'string' }, convention: { type: 'string' }, 'long-fee': { type: 'string' }, grid: { type: 'string' },
  workers: { type: 'string' }, engine: { type: 'string' }, out: { type: 'string' }, report: { type: 'boolean' },
  format: { type: 'string' }, 'report-out': { type: 'string' }, help: { type: 'boolean', short: 'h' },
  survivor: { type: 'string' }, legPrices: { type: 'string' }, 'long.liquidation': { type: 'string' },
} as const;

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

export const sweepCommand: Command = async (argv, io) => {
  const { values } = parseFlags(() => parseArgs({ args: argv, strict: true, allowPositionals: false, options: OPTIONS }), 'sweep');
  const v = values as Values;
  if (v.help) {
    io.out(HELP);
    return 0;
  }
  const format: ReportFormat = v.format ? choiceFlag('--format', v.format, REPORT_FORMATS) : 'text';
  const engine: EngineKind | undefined = v.engine ? choiceFlag('--engine', v.engine, ['wasm', 'ts'] as const) : undefined;
  const spec = specFromFlags(v);
  const { lanes, skipped } = expandGrid(spec);
  if (lanes.length === 0) throw new UsageError(`every one of the ${skipped.length} grid combinations is invalid; first: ${skipped[0]?.reason ?? 'empty grid'}`);
  const venues = [...new Set(lanes.map((l) => l.venue))];
  const { data, info } = loadSeries({ all: v.data, hl: v['data-hl'], drift: v['data-drift'] }, venues);
  for (const i of info) {
    if (lanes.some((l) => l.venue === i.venue && l.legPrices === 'split')) requireSpot({ hasSpot: rowsHaveSpot(data[i.venue]!) }, 'split', i.file);
  }
  const progress = makeProgress(io, 'sweep');
  let results;
  try {
    results = await runSweep(data, lanes, { engine, workers: workerCount(v.workers, lanes.length), onProgress: progress.update });
  } finally {
    progress.stop();
  }
  const sweep: SweepResults = { kind: 'dnh-sweep', version: 1, spec, series: info, lanes: results.map(laneSummary), skipped };
  if (v.out) writeFileAtomic(v.out, JSON.stringify(sweep) + '\n');
  if (v.report) {
    const text = renderReport(buildReport(sweep, data, { engine }), format);
    if (v['report-out']) writeFileAtomic(v['report-out'], text);
    else io.out(text);
  } else {
    io.out(formatSweepSummary(sweep));
  }
  return 0;
};
