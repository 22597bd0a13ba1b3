/**
 * Sweeps end to end: (1) the feasibility study's full grid (MODEL.md section 9, both venues, both
 * conventions) through `dnh study`'s code path; (2) a 100,000-lane sweep: load the CSV, expand the
 * grid, run the kernel (1 and 2 worker threads), build and render the report (text and HTML), with the
 * kernel's share of the total. WASM and the TypeScript reference are checked equal on a sample first.
 * Prints a table and writes out/bench/sweep.json (atomically).
 *
 *   npm run build && npm run bench:sweep          # BENCH_LANES=100000 by default
 */
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Bench } from 'tinybench';
import { backtestGrid } from '../engine/backtest.js';
import { loadCanonicalCsv } from '../engine/data/csv.js';
import { repoPath, sharedDir } from '../engine/paths.js';
import { writeFileAtomic } from '../harness/io/atomic.js';
import { buildReport } from '../harness/report/build.js';
import { renderReport } from '../harness/report/render.js';
import { runStudy } from '../harness/study/study-runs.js';
import { studyReportText } from '../harness/study/study-text.js';
import { expandGrid, type GridSpec } from '../harness/sweep/grid.js';
import { runSweep } from '../harness/sweep/pool.js';
import { laneSummary, seriesInfo, type SweepResults } from '../harness/sweep/results.js';
import { provenance } from '../harness/io/provenance.js';
import { sweepResultLines } from '../harness/sweep/results.js';
import { printMachine } from './machine.js';
import { threadCpuMs } from '../harness/io/thread-cpu.js';

const LANES = Number(process.env.BENCH_LANES ?? 100_000);
const now = (): number => performance.now(); // clock-ok: benchmark timing

/** ~100k valid lanes: leverage 1..4.4 step 0.01 x trigger 1.5..12.5 step 0.25 + never x 2 venues x 3 models x exact and study (invalid ones skipped). */
const SPEC: Partial<GridSpec> = {
  leverage: Array.from({ length: 341 }, (_, i) => Number((1 + i * 0.01).toFixed(2))),
  trigger: [...Array.from({ length: 45 }, (_, i) => 1.5 + i * 0.25), 999],
  venue: ['hl', 'drift'],
  model: ['rebalance', 'rotation', 'static'],
  convention: ['exact', 'study'],
};

function timed<T>(f: () => T): [T, number] {
  const t = now();
  const v = f();
  return [v, now() - t];
}

async function timedAsync<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = now();
  const v = await f();
  return [v, now() - t];
}

async function main(): Promise<void> {
  const machineInfo = printMachine('sweep');
  const shared = sharedDir();
  const hlFile = shared ? join(shared, 'data', 'sol-hl-study.csv') : repoPath('fixtures', 'example', 'sol-synthetic-410d.csv');
  const driftFile = shared ? join(shared, 'data', 'sol-drift-study.csv') : hlFile;
  console.log(shared ? `data: ${hlFile}, ${driftFile}` : 'data: ../shared absent, using the bundled example for both venues');

  // (1) The study grid, as `dnh study` runs it.
  const hl = loadCanonicalCsv(hlFile);
  const drift = loadCanonicalCsv(driftFile);
  const study = () => ['study', 'exact'].flatMap((c) => [['hl', hl], ['drift', drift]].map(([v, rows]) =>
    studyReportText(runStudy(rows as typeof hl, v as 'hl', c as 'study', 'wasm'))));
  const lanesPerStudy = runStudy(hl, 'hl', 'study', 'wasm');
  const studyLanes = 4 * (lanesPerStudy.summary.flat().length + lanesPerStudy.triggers.flat().length + lanesPerStudy.fees.length + lanesPerStudy.detail.length);
  const bench = new Bench({ name: 'study', time: 1000 });
  bench.add(`dnh study: full grid, 2 venues x 2 conventions (${studyLanes} lanes) + text`, () => void study());
  await bench.run();
  const studyMs = bench.tasks[0]!.result!.latency.mean;

  // (2) 100k lanes end to end.
  const [rows, loadMs] = timed(() => ({ hl: loadCanonicalCsv(hlFile), drift: loadCanonicalCsv(driftFile) }));
  const [grid, gridMs] = timed(() => expandGrid(SPEC));
  const lanes = grid.lanes.slice(0, LANES);
  if (lanes.length < LANES) throw new Error(`grid gives only ${lanes.length} lanes`);
  // Check equal before timing: WASM vs TypeScript reference on a spread sample.
  const sample = lanes.filter((_, i) => i % Math.floor(LANES / 300) === 0);
  for (const v of ['hl', 'drift'] as const) {
    const s = sample.filter((p) => p.venue === v);
    const a = backtestGrid(rows[v], s, { engine: 'wasm' });
    const b = backtestGrid(rows[v], s, { engine: 'ts' });
    a.forEach((x, i) => {
      if (!isDeepStrictEqual(x, b[i])) throw new Error(`wasm != ts on ${v} sample lane ${i}`);
    });
  }
  const c0 = threadCpuMs();
  const [r1, kernel1Ms] = await timedAsync(() => runSweep(rows, lanes, { workers: 1, engine: 'wasm' }));
  const c1 = threadCpuMs();
  const cpu: { thread: string; lanes: number; cpuMs: number | null }[] = [{ thread: '1 worker: main thread', lanes: LANES, cpuMs: c0 === null || c1 === null ? null : c1 - c0 }];
  const [r2, kernel2Ms] = await timedAsync(() => runSweep(rows, lanes, { workers: 2, engine: 'wasm', onWorkerDone: (k, n, ms) => cpu.push({ thread: `2 workers: worker ${k}`, lanes: n, cpuMs: ms }) }));
  const cpuTable = cpu.map((c) => ({ ...c, 'CPU ms per 1000 lanes': c.cpuMs === null ? null : Number(((1000 * c.cpuMs) / c.lanes).toFixed(2)) }));
  console.log(`kernel phase: 2 workers vs 1: ${(kernel1Ms / kernel2Ms).toFixed(2)}x (worker start-up included); CPU per thread:`);
  console.table(cpuTable);
  if (!isDeepStrictEqual(r1, r2)) throw new Error('1 and 2 workers differ');
  const sweep: SweepResults = {
    kind: 'dnh-sweep', version: 2, spec: SPEC, series: [seriesInfo('hl', hlFile, rows.hl), seriesInfo('drift', driftFile, rows.drift)],
    lanes: r2.map(laneSummary), skipped: grid.skipped, provenance: provenance([{ role: 'data-hl', path: hlFile }, { role: 'data-drift', path: driftFile }], SPEC, ['exact', 'study']),
  };
  const [model, buildMs] = timed(() => buildReport(sweep, rows, { engine: 'wasm' }));
  const [text, textMs] = timed(() => renderReport(model, 'text'));
  const [html, htmlMs] = timed(() => renderReport(model, 'html'));
  const [, writeMs] = timed(() => writeFileAtomic(repoPath('out', 'bench', 'sweep-results.ndjson'), [...sweepResultLines(sweep)].join('')));
  const endToEnd = (kernelMs: number) => loadMs + gridMs + kernelMs + buildMs + textMs + htmlMs + writeMs;
  const table = [
    { phase: 'load 2 CSVs', ms: loadMs },
    { phase: `expand grid (${grid.lanes.length} valid, ${grid.skipped.length} skipped)`, ms: gridMs },
    { phase: `kernel, 1 worker (${LANES} lanes x ${rows.hl.length} days)`, ms: kernel1Ms },
    { phase: `kernel, 2 workers`, ms: kernel2Ms },
    { phase: 'report model (incl. detail re-runs)', ms: buildMs },
    { phase: `render text (${(text.length / 1e6).toFixed(1)} MB)`, ms: textMs },
    { phase: `render html (${(html.length / 1e6).toFixed(1)} MB)`, ms: htmlMs },
    { phase: 'write results (NDJSON)', ms: writeMs },
    { phase: 'end to end, 1 worker', ms: endToEnd(kernel1Ms) },
    { phase: 'end to end, 2 workers', ms: endToEnd(kernel2Ms) },
  ].map((r) => ({ ...r, ms: Math.round(r.ms) }));
  console.log(`\nstudy grid: ${studyMs.toFixed(1)} ms per full study (mean of ${bench.tasks[0]!.result!.latency.samples?.length ?? 'n'} runs)`);
  console.table(table);
  const laneDays = LANES * rows.hl.length;
  const summary = {
    lanes: LANES,
    days: rows.hl.length,
    kernelShare1Worker: kernel1Ms / endToEnd(kernel1Ms),
    kernelShare2Workers: kernel2Ms / endToEnd(kernel2Ms),
    laneDaysPerSecond1Worker: laneDays / (kernel1Ms / 1000),
    laneDaysPerSecond2Workers: laneDays / (kernel2Ms / 1000),
  };
  console.log(`kernel share of end to end: ${(summary.kernelShare1Worker * 100).toFixed(1)}% (1 worker), ${(summary.kernelShare2Workers * 100).toFixed(1)}% (2 workers)`);
  console.log(`lane-days/s: ${(summary.laneDaysPerSecond1Worker / 1e6).toFixed(1)} M (1 worker), ${(summary.laneDaysPerSecond2Workers / 1e6).toFixed(1)} M (2 workers)`);
  writeFileAtomic(repoPath('out', 'bench', 'sweep.json'), JSON.stringify({ cpuPerThread: cpuTable, machine: machineInfo, machineAfter: printMachine('sweep'), study: { lanes: studyLanes, meanMs: studyMs }, phases: table, summary }, null, 2) + '\n');
  console.log('wrote out/bench/sweep.json');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
