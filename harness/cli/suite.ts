/**
 * `dnh suite run FILE [--seed N] [--workers K] [--engine ts|wasm] [--json] [--out result.json] [--html report.html]`:
 *   prints the seed first, runs every scenario x configuration, reports the distribution per
 *   configuration, the robust trigger per leverage, the thresholds and every failing scenario with
 *   the command that replays it. Exit 0 when every threshold holds, 3 when one fails.
 * `dnh suite replay FILE --seed N --scenario SET:INDEX [--config K] [--json] [--csv rows.csv]`:
 *   one scenario alone, with the same numbers the run reported.
 */
import { drawdown, money, signedPercent } from '../../engine/format/number.js';
import { parseArgs } from 'node:util';
import { backtestGrid, type EngineKind } from '../../engine/backtest.js';
import { formatCanonicalCsv } from '../../engine/data/csv.js';
import { UsageError } from '../../engine/errors.js';
import { checkOutputs, writeFileAtomic, writeOutputs, type OutputFile } from '../io/atomic.js';
import { batched, jsonPieces } from '../io/json-pieces.js';
import { provenance } from '../io/provenance.js';
import { checkWork, limitFlag, MAX_SUITE_LANE_DAYS, memoryLimit, SUITE_BYTES_PER_CELL, SUITE_BYTES_PER_FAILURE } from '../work/budget.js';
import { renderHtmlPage } from '../report/html.js';
import { laneLabel } from '../sweep/grid.js';
import { invalidReason } from '../verdict/finite.js';
import { makeProgress } from '../sweep/progress.js';
import { suiteSection } from '../suite/html.js';
import { loadSuite } from '../suite/load.js';
import { runSuite } from '../suite/runner.js';
import type { SuiteResult } from '../suite/summary.js';
import type { ResolvedSuite } from '../suite/types.js';
import { parseScenarioId, scenarioPath } from '../suite/scenarios.js';
import { suiteText } from '../suite/text.js';
import { replayDetails } from '../suite/replay-text.js';
import { boundedFlag, choiceFlag, parseFlags, positiveInt } from './flags.js';
import type { CliIo, Command } from './io.js';
import { SUITE_REPLAY_OPTIONS, SUITE_RUN_OPTIONS } from './specs/scenario.js';

export const THRESHOLD_FAILED_EXIT = 3;

function seedFlag(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  return boundedFlag('--seed', raw, 'seed');
}

/** The data files a suite reads (its inputs besides the suite file). */
function dataFiles(suite: ResolvedSuite): string[] {
  return [...new Set(suite.sets.flatMap((s) => (s.base.kind === 'generated' ? [] : [s.base.file])))];
}

/** Refuse a suite whose paths x configurations x days or reducer memory is over the limits, before any path is built. */
function checkSuiteWork(suite: ResolvedSuite, maxLaneDays: ReturnType<typeof limitFlag>, maxBytes: ReturnType<typeof limitFlag>): void {
  const configs = suite.grid.length;
  const paths = suite.sets.reduce((a, s) => a + s.count, 0);
  const laneDays = suite.sets.reduce((a, s) => a + s.count * s.days * configs, 0);
  const canFail = Object.keys(suite.thresholds.scenario).length > 0;
  const bytes = paths * configs * SUITE_BYTES_PER_CELL + (canFail ? paths * SUITE_BYTES_PER_FAILURE : 0) + Math.max(...suite.sets.map((s) => s.days)) * 1024;
  checkWork(`${suite.file}: ${paths.toLocaleString('en-US')} paths x ${configs} configurations`, { laneDays, bytes }, { laneDays: maxLaneDays, bytes: maxBytes });
}

/**
 * The document \`--json\` prints and \`--out\` writes: the hash, the content it covers and the provenance.
 * Timings and the worker count are not in it (they go to stderr): the same suite, seed and code give
 * the same bytes on any machine with any worker count.
 */
function suiteDocument(suite: ResolvedSuite, result: SuiteResult, seed: number): unknown {
  const inputs = [{ role: 'suite', path: suite.file }, ...suite.sets.flatMap((s, i) => (s.base.kind === 'generated' ? [] : [{ role: `scenarios[${i}].data`, path: s.base.file }]))];
  const params = { seed, engine: result.meta.engine };
  return { hash: result.hash, content: result.content, provenance: provenance(inputs, params, suite.grid.map((p) => p.convention)) };
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    () =>
      parseArgs({
        args: argv,
        strict: true,
        allowPositionals: true,
        options: SUITE_RUN_OPTIONS,
      }),
    'suite run',
  );
  if (positionals.length !== 1) throw new UsageError('run: expected exactly one suite FILE');
  const outputs = [values.out ? { flag: '--out', path: values.out } : undefined, values.html ? { flag: '--html', path: values.html } : undefined];
  checkOutputs(outputs, [positionals[0]]);
  const maxLaneDays = limitFlag('--max-lane-days', values['max-lane-days'], MAX_SUITE_LANE_DAYS);
  const maxBytes = memoryLimit(values['max-memory-mb']);
  const suite = loadSuite(positionals[0]!);
  checkOutputs(outputs, [positionals[0], ...dataFiles(suite)]);
  checkSuiteWork(suite, maxLaneDays, maxBytes);
  const workers = values.workers !== undefined ? boundedFlag('--workers', values.workers, 'workers') : 1;
  const engine = values.engine !== undefined ? choiceFlag<EngineKind>('--engine', values.engine, ['ts', 'wasm']) : undefined;
  const chunk = values.chunk !== undefined ? boundedFlag('--chunk', values.chunk, 'chunk') : undefined;
  const maxFailures = values['max-failures'] !== undefined ? boundedFlag('--max-failures', values['max-failures'], 'maxFailures') : undefined;
  const seed = seedFlag(values.seed) ?? suite.seed;
  io.err(`dnh suite: seed ${seed}\n`);
  const bar = makeProgress(io, `suite ${suite.name}`);
  const lanes = suite.grid.length;
  const result = await runSuite(suite, {
    seed,
    workers,
    engine,
    chunk,
    onProgress: (done, total) => bar.update(done * lanes, total * lanes),
    now: () => performance.now(), // clock-ok: meta.elapsedMs only, never hashed
  });
  bar.stop();
  io.err(`dnh suite: ${result.content.scenarios.total} scenarios x ${lanes} configurations in ${(result.meta.elapsedMs / 1000).toFixed(1)} s (engine ${result.meta.engine}, ${result.meta.workers} worker(s))\n`);
  // In pieces: a suite with very many failing scenarios can be longer than one string may be.
  const doc = suiteDocument(suite, result, seed);
  const json = (): Iterable<string> => batched((function* () {
    yield* jsonPieces(doc);
    yield '\n';
  })());
  const files: OutputFile[] = [];
  if (values.out) files.push({ path: values.out, content: json() });
  if (values.html) {
    const { section, data } = suiteSection(result);
    files.push({ path: values.html, content: renderHtmlPage({ title: `Scenario suite ${result.content.suite.name} (seed ${seed})`, sections: [section], data }) });
  }
  writeOutputs(files);
  if (values.json) for (const piece of json()) io.out(piece);
  else io.out(suiteText(result, maxFailures));
  return result.content.pass ? 0 : THRESHOLD_FAILED_EXIT;
}

async function replay(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    () =>
      parseArgs({
        args: argv,
        strict: true,
        allowPositionals: true,
        options: SUITE_REPLAY_OPTIONS,
      }),
    'suite replay',
  );
  if (positionals.length !== 1) throw new UsageError('replay: expected exactly one suite FILE');
  checkOutputs([values.csv ? { flag: '--csv', path: values.csv } : undefined], [positionals[0]]);
  if (!values.scenario) throw new UsageError('replay: --scenario SET:INDEX is required');
  const suite = loadSuite(positionals[0]!);
  checkOutputs([values.csv ? { flag: '--csv', path: values.csv } : undefined], [positionals[0], ...dataFiles(suite)]);
  const seed = seedFlag(values.seed) ?? suite.seed;
  io.err(`dnh suite: seed ${seed}\n`);
  const { set, index } = parseScenarioId(suite, values.scenario);
  const engine = values.engine !== undefined ? choiceFlag<EngineKind>('--engine', values.engine, ['ts', 'wasm']) : undefined;
  let configs = suite.grid.map((_, l) => l);
  if (values.config !== undefined) {
    const k = positiveInt('--config', values.config);
    if (k >= suite.grid.length) throw new UsageError(`--config: expected 0..${suite.grid.length - 1}, got ${k}`);
    configs = [k];
  }
  const rows = scenarioPath(suite.sets[set]!, seed, index);
  if (values.csv) writeFileAtomic(values.csv, formatCanonicalCsv(rows));
  // Per-day detail (event log) for the configurations shown in detail; it cannot change a figure.
  const results = backtestGrid(rows, configs.map((l) => suite.grid[l]!), { engine, detail: configs.map((_, i) => i) });
  const invalid = results.map(invalidReason);
  const out = {
    seed,
    scenario: values.scenario,
    days: rows.length,
    configs: results.map((r, i) => ({
      config: configs[i]!,
      label: laneLabel(r.params),
      totalReturn: r.totalReturn,
      maxDrawdown: r.maxDrawdown,
      liquidations: r.liquidations,
      ruined: r.ruined,
      finalEquity: r.finalEquity,
      annualized: r.annualized,
      rebalances: r.rebalances,
      rotations: r.rotations,
      ...(invalid[i] !== null ? { invalid: invalid[i] } : {}),
    })),
  };
  if (values.json) io.out(JSON.stringify(out, null, 2) + '\n');
  else {
    io.out(`seed ${seed}\nscenario ${values.scenario}: ${rows.length} days, ${rows[0]!.date} .. ${rows[rows.length - 1]!.date}\n`);
    for (const c of out.configs) {
      if (c.invalid !== undefined) {
        io.out(`  [${c.config}] ${c.label.padEnd(34)} invalid run: ${c.invalid}\n`);
        continue;
      }
      io.out(`  [${c.config}] ${c.label.padEnd(34)} return ${signedPercent(c.totalReturn, 2)}  maxDrawdown ${drawdown(c.maxDrawdown, 2)}  liquidations ${c.liquidations}  ruined ${c.ruined}  final ${money(c.finalEquity)}\n`);
    }
    io.out(replayDetails(suite, configs, results, values.config !== undefined));
  }
  return 0;
}

export const suiteCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  if (sub === 'run') return run(rest, io);
  if (sub === 'replay') return replay(rest, io);
  throw new UsageError(`unknown subcommand "${sub}" (expected run or replay)`);
};
