/**
 * Scenario suites at scale: a generated suite of BENCH_PATHS paths (default 10,000) x 720
 * configurations x BENCH_DAYS days (default 410) through `runSuite` on BENCH_WORKERS worker threads
 * (default 2), streaming chunks into the bounded aggregator (two doubles per scenario x configuration,
 * never the lane results). Before timing: WASM equals the TypeScript reference on a sample path, and
 * a small slice of the suite gives the same hash on 1 and 2 workers. Also measured, interleaved on
 * one thread: the per-phase times, the suite's JS path before/after (row objects and copies against
 * `generateColumns` + `readLanesWasm`, figures checked equal) and the end-of-run ordering of the
 * columns (full sorts against selection); the full run reports its tail (last chunk to result).
 * Prints tables and writes out/bench/suite.json (atomically).
 *
 *   npm run build && npm run bench:suite
 *   BENCH_PATHS=500 npm run bench:suite        # a quick run
 */
import { isDeepStrictEqual } from 'node:util';
import { Bench } from 'tinybench';
import { backtestGrid, type EngineKind } from '../engine/backtest.js';
import { repoPath } from '../engine/paths.js';
import { writeFileAtomic } from '../harness/io/atomic.js';
import { datesFrom, generateColumns, generatePath } from '../harness/scenario/generator.js';
import { resolveGeneratorParams } from '../harness/scenario/params.js';
import { scenarioRng } from '../harness/scenario/rng.js';
import { resolveSuite } from '../harness/suite/load.js';
import { runSuite } from '../harness/suite/runner.js';
import type { ResolvedSuite } from '../harness/suite/types.js';
import { prepareApyColumns, prepareSeries, ROW_STRIDE } from '../engine/data/series.js';
import { totalReturn } from '../engine/model/finish.js';
import { laneConstants } from '../engine/model/reference/lane.js';
import { dedupedLanes, packLanes, readLanesWasm, runLanesWasm } from '../engine/wasm/lanes.js';
import { O } from '../engine/wasm/layout.js';
import { SuiteAggregator } from '../harness/suite/aggregate.js';
import { meanThenSelect } from '../harness/suite/select.js';
import { summaryNeeds } from '../harness/suite/summary.js';
import { Phases, printMachine } from './machine.js';
import { threadCpuMs } from '../harness/io/thread-cpu.js';

const PATHS = Number(process.env.BENCH_PATHS ?? 10_000);
const DAYS = Number(process.env.BENCH_DAYS ?? 410);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const ENGINE = (process.env.BENCH_ENGINE ?? 'wasm') as EngineKind;
const LANES = 720;
const now = (): number => performance.now(); // clock-ok: benchmark timing

function suiteOf(paths: number): ResolvedSuite {
  // 2 venues x 3 models x leverage 1.5..4 x triggers 3..12 + never, valid lanes only, first 720.
  const s = resolveSuite(
    {
      name: 'bench',
      seed: 1,
      scenarios: [{ name: 'mc', kind: 'generated', count: paths, params: { days: DAYS } }],
      grid: {
        venue: ['hl', 'drift'],
        model: ['rebalance', 'rotation', 'static'],
        leverage: [1.5, 1.75, 2, 2.25, 2.5, 2.75, 3, 3.25, 3.5, 3.75, 4],
        trigger: [3, 3.5, 4, 4.5, 5, 5.5, 6, 7, 8, 9, 10, 11, 12, 'never'],
      },
      thresholds: { configuration: { probRuin: { max: 0.01 } }, scenario: { ruined: false } },
    },
    repoPath('bench', 'suite.ts'),
  );
  if (s.grid.length < LANES) throw new Error(`grid gives only ${s.grid.length} lanes`);
  return { ...s, grid: s.grid.slice(0, LANES) };
}

/**
 * Per-phase times of one thread on `n` paths, as a suite chunk runs them: generate the path (straight
 * into the kernel layout, `generateColumns`), the kernel (daily rates in place + `readLanesWasm`,
 * the four figures per lane read into the chunk arrays inside it), aggregate (the aggregator); dedupe
 * on and off interleaved path by path.
 */
function phasesOnOneThread(suite: ResolvedSuite, n: number): { on: ReturnType<Phases['table']>; off: ReturnType<Phases['table']>; distinct: number } {
  const params = resolveGeneratorParams({ days: DAYS });
  const packed = packLanes(suite.grid.map(laneConstants));
  const distinct = dedupedLanes(packed, false)?.lanes.count ?? packed.count;
  const lanes = suite.grid.length;
  const dates = datesFrom(params.startDate, DAYS);
  const buffer = new Float64Array(DAYS * ROW_STRIDE);
  const result = { on: new Phases(), off: new Phases() };
  const aggs = { on: new SuiteAggregator(n, lanes, suite.thresholds.scenario), off: new SuiteAggregator(n, lanes, suite.thresholds.scenario) };
  for (let g = 0; g < n; g++) {
    // Interleaved path by path, alternating which goes first.
    for (const which of g % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
      const ph = result[which];
      const cols = ph.time('generate', () => generateColumns(params, scenarioRng(3, 'mc', g), buffer));
      const c = { from: g, to: g + 1, totalReturn: new Float64Array(lanes), maxDrawdown: new Float64Array(lanes), liquidations: new Float64Array(lanes), ruined: new Uint8Array(lanes) };
      ph.time('kernel', () =>
        readLanesWasm(
          prepareApyColumns(cols, dates, 'exact', true),
          packed,
          (r, st, of) => {
            for (let j = 0; j < lanes; j++) {
              const u = of === null ? j : of[j]!;
              c.totalReturn[j] = totalReturn(r[O.finalEquity * st + u]!, suite.grid[j]!.capital);
              c.maxDrawdown[j] = r[O.maxDrawdown * st + u]!;
              c.liquidations[j] = r[O.liquidations * st + u]!;
              c.ruined[j] = r[O.ruined * st + u]! !== 0 ? 1 : 0;
            }
          },
          { dedupe: which === 'on', outputs: 'figures' },
        ),
      );
      ph.time('aggregate', () => aggs[which].add(c));
    }
  }
  return { on: result.on.table(), off: result.off.table(), distinct };
}

/**
 * The suite's JavaScript path before and after the suite-JS change, interleaved path by path on one
 * thread (same kernel): before, row objects (`generatePath`), `prepareSeries`, `runLanesWasm` (copies,
 * fan-out) and the figures read from its copy; after, `generateColumns` into one buffer, daily rates
 * in place, `readLanesWasm` (no copies). Checks that both give the same figures; ms per path.
 */
function suitePathBeforeAfter(suite: ResolvedSuite, n: number): { beforeMs: number; afterMs: number; ratio: number } {
  const params = resolveGeneratorParams({ days: DAYS });
  const packed = packLanes(suite.grid.map(laneConstants));
  const lanes = suite.grid.length;
  const dates = datesFrom(params.startDate, DAYS);
  const buffer = new Float64Array(DAYS * ROW_STRIDE);
  const cap = Float64Array.from(suite.grid, (p) => p.capital);
  const t = { before: 0, after: 0 };
  const figures = { before: new Float64Array(4 * lanes), after: new Float64Array(4 * lanes) };
  const path = {
    before: (g: number): void => {
      const r = runLanesWasm(prepareSeries(generatePath(params, scenarioRng(4, 'mc', g)), 'exact'), packed);
      const f = figures.before;
      for (let j = 0; j < lanes; j++) {
        f[j] = totalReturn(r.out[O.finalEquity * r.stride + j]!, cap[j]!);
        f[lanes + j] = r.out[O.maxDrawdown * r.stride + j]!;
        f[2 * lanes + j] = r.out[O.liquidations * r.stride + j]!;
        f[3 * lanes + j] = r.out[O.ruined * r.stride + j]! !== 0 ? 1 : 0;
      }
    },
    after: (g: number): void => {
      const cols = generateColumns(params, scenarioRng(4, 'mc', g), buffer);
      const f = figures.after;
      readLanesWasm(prepareApyColumns(cols, dates, 'exact', true), packed, (r, st, of) => {
        for (let j = 0; j < lanes; j++) {
          const u = of === null ? j : of[j]!;
          f[j] = totalReturn(r[O.finalEquity * st + u]!, cap[j]!);
          f[lanes + j] = r[O.maxDrawdown * st + u]!;
          f[2 * lanes + j] = r[O.liquidations * st + u]!;
          f[3 * lanes + j] = r[O.ruined * st + u]! !== 0 ? 1 : 0;
        }
      });
    },
  };
  for (let g = 0; g < n; g++) {
    for (const which of g % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const)) {
      const t0 = now();
      path[which](g);
      t[which] += now() - t0;
    }
    if (!Buffer.from(figures.before.buffer).equals(Buffer.from(figures.after.buffer))) throw new Error(`suite path before/after: figures differ on path ${g}`);
  }
  return { beforeMs: t.before / n, afterMs: t.after / n, ratio: t.before / t.after };
}

/**
 * The end of a run: each configuration's two columns ordered for the summary, full sorts (before)
 * against `meanThenSelect` (after), interleaved, on `configs` columns of `n` seeded values shaped like
 * returns (a few exact -1 ruins, ties) and drawdowns; checks the summary's places agree.
 */
function orderBeforeAfter(suite: ResolvedSuite, n: number, configs: number): { sortMs: number; selectMs: number; ratio: number } {
  let x = 20261203;
  const rnd = (): number => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const ret = Float64Array.from({ length: n * configs }, () => (rnd() < 0.02 ? -1 : Math.round((rnd() * 0.6 - 0.1) * 1e6) / 1e6));
  const dd = Float64Array.from({ length: n * configs }, () => rnd() * 0.4);
  const needs = summaryNeeds(suite, n);
  const t = { sort: 0, select: 0 };
  for (let round = 0; round < 2; round++) {
    for (const which of round % 2 === 0 ? (['sort', 'select'] as const) : (['select', 'sort'] as const)) {
      const a = ret.slice();
      const b = dd.slice();
      const t0 = now();
      if (which === 'sort') {
        for (let l = 0; l < configs; l++) {
          a.subarray(l * n, (l + 1) * n).sort();
          b.subarray(l * n, (l + 1) * n).sort();
        }
      } else {
        meanThenSelect(a, n, 0, configs, needs.totalReturn);
        meanThenSelect(b, n, 0, configs, needs.maxDrawdown);
      }
      t[which] += now() - t0;
    }
  }
  return { sortMs: t.sort / 2, selectMs: t.select / 2, ratio: t.sort / t.select };
}

async function main(): Promise<void> {
  const machineInfo = printMachine('suite');
  const suite = suiteOf(PATHS);
  const params = resolveGeneratorParams({ days: DAYS });
  // Check equal before timing.
  const sample = generatePath(params, scenarioRng(1, 'mc', 0));
  const a = backtestGrid(sample, suite.grid, { engine: 'wasm' });
  const b = backtestGrid(sample, suite.grid, { engine: 'ts' });
  a.forEach((x, i) => {
    if (!isDeepStrictEqual(x, b[i])) throw new Error(`wasm != ts on lane ${i}`);
  });
  const small = suiteOf(Math.min(PATHS, 200));
  const h1 = await runSuite(small, { workers: 1, engine: ENGINE });
  const h2 = await runSuite(small, { workers: 2, engine: ENGINE });
  if (h1.hash !== h2.hash) throw new Error('1 and 2 workers give different hashes');

  const bench = new Bench({ name: 'suite parts', time: 1000 });
  let k = 0;
  bench.add(`generate one ${DAYS}-day path`, () => void generatePath(params, scenarioRng(2, 'mc', k++)));
  bench.add(`one path x ${LANES} lanes via backtestGrid (${ENGINE})`, () => void backtestGrid(sample, suite.grid, { engine: ENGINE }));
  await bench.run();
  console.table(bench.table());

  const nPhase = Number(process.env.BENCH_PHASE_PATHS ?? 100);
  if (suite.grid.some((p) => p.convention !== 'exact')) throw new Error('phase breakdown assumes exact lanes');
  const phases = phasesOnOneThread(suite, nPhase);
  console.log(`per-phase times on one thread, ${nPhase} paths x ${LANES} lanes (${phases.distinct} distinct), dedupe on:`);
  console.table(phases.on);
  console.log('dedupe off (same paths, interleaved path by path with the run above):');
  console.table(phases.off);
  const pathAB = suitePathBeforeAfter(suite, nPhase);
  console.log(
    `suite JS path, ${nPhase} paths interleaved on one thread: before (rows, prepareSeries, runLanesWasm copies) ${pathAB.beforeMs.toFixed(3)} ms/path, after (columns, readLanesWasm) ${pathAB.afterMs.toFixed(3)} ms/path: ${pathAB.ratio.toFixed(3)}x`,
  );
  const orderN = Math.min(PATHS, 10_000);
  const order = orderBeforeAfter(suite, orderN, LANES);
  console.log(`end-of-run ordering, ${LANES} configurations x 2 columns x ${orderN} values on one thread: full sorts ${order.sortMs.toFixed(0)} ms, selection ${order.selectMs.toFixed(0)} ms: ${order.ratio.toFixed(2)}x`);

  // Two cores: the same slice on 1 and 2 workers, interleaved (1, 2, 1, 2, ...), fastest of each;
  // CPU ms per scenario per worker thread (from /proc/thread-self/stat) shows whether a worker's
  // unit of work costs the same as on one thread.
  const sp = suiteOf(Math.min(PATHS, Number(process.env.BENCH_SPEEDUP_PATHS ?? 2000)));
  const spRounds = Number(process.env.BENCH_SPEEDUP_ROUNDS ?? 3);
  const spN = sp.sets.reduce((n, x) => n + x.count, 0);
  const best = { 1: Infinity, 2: Infinity };
  // The kernel phase: scenarios per second from the moment every thread has delivered its first
  // chunk to the last chunk's arrival (no start-up, no end-of-run ordering and summary); best of
  // the rounds.
  const phaseRate = { 1: 0, 2: 0 };
  const cpuPer: Record<string, { cpuMs: number; scenarios: number }> = {};
  for (let r = 0; r < spRounds; r++) {
    for (const w of [1, 2] as const) {
      const c0 = threadCpuMs();
      const t = now();
      let first: { t: number; done: number } | null = null;
      let last = 0;
      const started = new Set<number>();
      await runSuite(sp, {
        workers: w,
        engine: ENGINE,
        onProgress: (done, total) => {
          if (first === null && (w === 1 || started.size === w)) first = { t: now(), done };
          if (done === total) last = now();
        },
        onWorkerChunk: (k, n, cpu) => {
          started.add(k);
          const e = (cpuPer[`2 workers: worker ${k}`] ??= { cpuMs: 0, scenarios: 0 });
          e.cpuMs += cpu ?? NaN;
          e.scenarios += n;
        },
      });
      best[w] = Math.min(best[w], now() - t);
      const f = first as { t: number; done: number } | null;
      if (f && last > f.t) phaseRate[w] = Math.max(phaseRate[w], (spN - f.done) / ((last - f.t) / 1000));
      if (w === 1) {
        const e = (cpuPer['1 worker: main thread'] ??= { cpuMs: 0, scenarios: 0 });
        const c1 = threadCpuMs();
        e.cpuMs += c0 === null || c1 === null ? NaN : c1 - c0;
        e.scenarios += spN;
      }
    }
  }
  const cpuTable = Object.entries(cpuPer).map(([thread, e]) => ({ thread, scenarios: e.scenarios, 'CPU ms': Math.round(e.cpuMs), 'CPU ms per scenario': Number((e.cpuMs / e.scenarios).toFixed(3)) }));
  const speedup = best[1] / best[2];
  const phaseSpeedup = phaseRate[2] / phaseRate[1];
  console.log(`two cores: ${spN} scenarios x ${LANES} lanes, fastest of ${spRounds} interleaved runs: 1 worker ${best[1].toFixed(0)} ms, 2 workers ${best[2].toFixed(0)} ms, speed-up ${speedup.toFixed(2)}x (whole run)`);
  console.log(
    `  kernel phase (first chunk to last chunk, best of ${spRounds}): 1 worker ${phaseRate[1].toFixed(0)} scenarios/s, 2 workers ${phaseRate[2].toFixed(0)} scenarios/s, speed-up ${phaseSpeedup.toFixed(2)}x (target 1.8x: ${phaseSpeedup >= 1.8 ? 'met' : 'NOT met'})`,
  );
  console.table(cpuTable);

  let peakRss = 0;
  let lastChunk = 0;
  const t0 = now();
  const result = await runSuite(suite, {
    workers: WORKERS,
    engine: ENGINE,
    now,
    onProgress: (done, total) => {
      if (done === total) lastChunk = now();
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      if (done % Math.max(1, Math.floor(total / 10)) < 1 || done === total) console.log(`  ${done}/${total} scenarios, ${((now() - t0) / 1000).toFixed(1)} s`);
    },
  });
  const tEnd = now();
  const ms = tEnd - t0;
  const laneRuns = PATHS * LANES;
  const summary = {
    paths: PATHS,
    lanes: LANES,
    days: DAYS,
    workers: WORKERS,
    engine: ENGINE,
    totalMs: Math.round(ms),
    /** From the last chunk's arrival to the result: the ordering on the workers and the summary. */
    tailMs: Math.round(tEnd - lastChunk),
    laneRunsPerSecond: Math.round(laneRuns / (ms / 1000)),
    laneDaysPerSecond: Math.round((laneRuns * DAYS) / (ms / 1000)),
    peakRssMb: Math.round(peakRss / 1e6),
    aggregatorMb: Math.round((2 * laneRuns * 8) / 1e6),
    hash: result.hash,
    targetMs: 10_000,
  };
  const tw = now();
  writeFileAtomic(repoPath('out', 'bench', 'suite-result.json'), JSON.stringify(result) + '\n');
  const writeMs = now() - tw;
  console.table([{ ...summary, writeResultMs: Math.round(writeMs) }]);
  writeFileAtomic(
    repoPath('out', 'bench', 'suite.json'),
    JSON.stringify({ machine: machineInfo, machineAfter: printMachine('suite'), parts: bench.table(), phasesOneThread: { paths: nPhase, ...phases }, suitePath: pathAB, endOrdering: { values: orderN, ...order }, twoCores: { bestMs: best, speedup, kernelPhaseScenariosPerSecond: phaseRate, kernelPhaseSpeedup: phaseSpeedup, cpu: cpuTable }, summary: { ...summary, writeResultMs: writeMs } }, null, 2) + '\n',
  );
  console.log('wrote out/bench/suite.json');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
