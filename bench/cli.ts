/**
 * Whole-process benchmark (issue 2): `dnh backtest` on the bundled example, as a fresh Node process
 * each time (startup, module loading, CSV load, WASM instantiation, the run, JSON output), against an
 * empty `node -e 0` for the machine's own startup floor. Prints a table, writes out/bench/cli.json.
 *
 *   npm run build && npm run bench:cli          (BENCH_RUNS=30 by default)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { repoPath } from '../engine/paths.js';
import { printMachine } from './machine.js';

const machineInfo = printMachine('cli');

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const bin = repoPath('dist', 'harness', 'cli', 'main.js');

function time(args: string[]): number[] {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    ms.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return ms.sort((a, b) => a - b);
}

const pick = (xs: number[], q: number): number => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

const cases: [string, string[]][] = [
  ['node -e 0 (startup floor)', ['-e', '0']],
  ['dnh backtest --json (wasm)', [bin, 'backtest', '--json']],
  ['dnh backtest (human summary)', [bin, 'backtest']],
  ['dnh backtest --json --engine ts', [bin, 'backtest', '--json', '--engine', 'ts']],
];
const rows = cases.map(([name, args]) => {
  const ms = time(args);
  return { name, runs: RUNS, minMs: ms[0]!, medianMs: pick(ms, 0.5), p90Ms: pick(ms, 0.9) };
});
console.log('whole-process time, ms');
console.table(rows.map((r) => ({ case: r.name, min: r.minMs.toFixed(1), median: r.medianMs.toFixed(1), p90: r.p90Ms.toFixed(1) })));
const out = repoPath('out', 'bench', 'cli.json');
mkdirSync(repoPath('out', 'bench'), { recursive: true });
writeFileSync(`${out}.tmp`, JSON.stringify({ bench: 'cli', node: process.version, machine: machineInfo, machineAfter: printMachine('cli'), results: rows }, null, 2) + '\n');
renameSync(`${out}.tmp`, out);
console.log(`wrote ${out}`);
