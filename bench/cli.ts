/**
 * Whole-process benchmark (issues 2 and 14): `dnh backtest` on the bundled example, as a fresh Node
 * process each time (startup, commander and the command's declarations, module loading, CSV load, WASM
 * instantiation, the run, output), against an empty `node -e 0` for the machine's own startup floor, and
 * `dnh --help` (commander alone, no command module). The cases run interleaved (round-robin, one run of
 * each per round) so a change of machine load hits them alike. Prints a table and the ratios to
 * `node -e 0`; writes out/bench/cli.json.
 *
 * BENCH_CLI_BASELINE=/path/to/other/dist/harness/cli/main.js adds the same backtest cases for another
 * build (e.g. the last commit before commander: `git archive 3bda384 | tar -x -C /tmp/pre`, link
 * node_modules, `npm run build` there), for a before/after figure on the same machine and load.
 *
 *   npm run build && npm run bench:cli          (BENCH_RUNS=30 by default)
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { repoPath } from '../engine/paths.js';
import { printMachine, writeBenchJson } from './machine.js';

const machineInfo = printMachine('cli');

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const bin = repoPath('dist', 'harness', 'cli', 'main.js');
const baseline = process.env.BENCH_CLI_BASELINE;

const cases: [string, string[]][] = [
  ['node -e 0 (startup floor)', ['-e', '0']],
  ['dnh backtest --json (wasm)', [bin, 'backtest', '--json']],
  ['dnh backtest (human summary)', [bin, 'backtest']],
  ['dnh backtest --json --engine ts', [bin, 'backtest', '--json', '--engine', 'ts']],
  ['dnh --help (commander only)', [bin, '--help']],
  ...(baseline
    ? ([
        ['baseline: dnh backtest --json (wasm)', [baseline, 'backtest', '--json']],
        ['baseline: dnh backtest (human summary)', [baseline, 'backtest']],
      ] as [string, string[]][])
    : []),
];

/**
 * Every case runs under the same `node -e` wrapper that reports the child's own CPU time (user + system,
 * whole process) at exit: on a loaded machine wall time mostly measures the queue, CPU time the work.
 */
function wrapper(args: string[]): string[] {
  const report = `process.on('exit',()=>{const u=process.cpuUsage();require('fs').writeSync(2,'\\nCPU_US '+(u.user+u.system)+'\\n')});`;
  if (args[0] === '-e') return ['-e', report];
  return ['-e', `${report}process.argv=[process.argv[0],...${JSON.stringify(args)}];import(${JSON.stringify(pathToFileURL(args[0]!).href)})`];
}

function once(args: string[]): { ms: number; cpuMs: number } {
  const t0 = performance.now(); // clock-ok: benchmark timing
  const r = spawnSync(process.execPath, wrapper(args), { encoding: 'utf8' });
  const ms = performance.now() - t0; // clock-ok: benchmark timing
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const cpu = /CPU_US (\d+)/.exec(r.stderr);
  if (!cpu) throw new Error(`${args.join(' ')}: no CPU time reported`);
  return { ms, cpuMs: Number(cpu[1]) / 1000 };
}

// Results are checked before timing: the new and the baseline builds print the same backtest.
if (baseline) {
  const a = spawnSync(process.execPath, [bin, 'backtest', '--json'], { encoding: 'utf8' }).stdout;
  const b = spawnSync(process.execPath, [baseline, 'backtest', '--json'], { encoding: 'utf8' }).stdout;
  if (a !== b) throw new Error('the baseline build prints a different backtest: not comparable');
}

const samples = cases.map(() => [] as number[]);
const cpuSamples = cases.map(() => [] as number[]);
for (let round = 0; round < RUNS; round++) {
  cases.forEach(([, args], i) => {
    const r = once(args);
    samples[i]!.push(r.ms);
    cpuSamples[i]!.push(r.cpuMs);
  });
}

const pick = (xs: number[], q: number): number => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const rows = cases.map(([name], i) => {
  const ms = [...samples[i]!].sort((a, b) => a - b);
  const cpu = [...cpuSamples[i]!].sort((a, b) => a - b);
  return { name, runs: RUNS, minMs: ms[0]!, medianMs: pick(ms, 0.5), p90Ms: pick(ms, 0.9), cpuMedianMs: pick(cpu, 0.5) };
});
const floor = rows[0]!.medianMs;
const cpuFloor = rows[0]!.cpuMedianMs;
console.log('whole-process time, ms (interleaved runs); CPU = the child\'s user + system time');
console.table(rows.map((r) => ({ case: r.name, min: r.minMs.toFixed(1), median: r.medianMs.toFixed(1), p90: r.p90Ms.toFixed(1), 'median / node -e 0': (r.medianMs / floor).toFixed(2), 'CPU median': r.cpuMedianMs.toFixed(1), 'CPU / node -e 0': (r.cpuMedianMs / cpuFloor).toFixed(2) })));
const find = (name: string) => rows.find((r) => r.name === name);
const ratios: Record<string, number> = {};
const now = find('dnh backtest --json (wasm)')!;
ratios['backtest --json / node -e 0'] = now.medianMs / floor;
ratios['backtest --json - node -e 0 (ms)'] = now.medianMs - floor;
ratios['backtest --json CPU / node -e 0 CPU'] = now.cpuMedianMs / cpuFloor;
const before = find('baseline: dnh backtest --json (wasm)');
if (before) {
  ratios['backtest --json: this build / baseline'] = now.medianMs / before.medianMs;
  ratios['backtest --json: this build - baseline (ms)'] = now.medianMs - before.medianMs;
  ratios['backtest --json CPU: this build - baseline (ms)'] = now.cpuMedianMs - before.cpuMedianMs;
}
for (const [k, v] of Object.entries(ratios)) console.log(`${k}: ${v.toFixed(2)}`);
writeBenchJson('cli', { bench: 'cli', node: process.version, machine: machineInfo, machineAfter: printMachine('cli'), baseline: baseline ?? null, results: rows, ratios });
