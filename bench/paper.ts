/**
 * `dnh paper` scaling (issue 8, point 3: "paper runs in linear time"): writes seeded synthetic series
 * of N daily rows (and N hourly rows) to out/bench/, runs the whole `dnh paper --json` command on each in
 * a fresh Node process, and prints the child's CPU seconds (user + system, from `/usr/bin/time`-free
 * `process.cpuUsage` reported by a tiny wrapper) beside the wall time, and CPU microseconds per row.
 * Linear time shows as a flat microseconds-per-row column as N grows. CPU time, because on a shared
 * machine the wall time mostly measures the other processes.
 *
 *   npm run build && npm run bench:paper            (BENCH_PAPER_ROWS=20000,100000 by default)
 *
 * The series: a seeded mean-reverting log-price walk around $150 (4% daily moves, intraday wicks of up to
 * 6%), funding in 45-day regimes (positive, then negative) so the strategy opens, rebalances and exits
 * all along a long run instead of growing past the $1M order cap and idling.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { formatIsoDay, parseIsoDay } from '../engine/data/dates.js';
import { repoPath } from '../engine/paths.js';
import { printMachine } from './machine.js';

const machineInfo = printMachine('paper');

const SIZES = (process.env.BENCH_PAPER_ROWS ?? '20000,100000').split(',').map(Number);
const bin = repoPath('dist', 'harness', 'cli', 'main.js');

/** mulberry32: a small seeded generator (bench data only). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Bar { open: number; high: number; low: number; close: number; funding: number }

function bars(n: number, seed: number, vol: number, fundingMean: number, regimeSteps: number): Bar[] {
  const r = rng(seed);
  const out: Bar[] = [];
  let logP = Math.log(150);
  for (let i = 0; i < n; i++) {
    const open = Math.exp(logP);
    logP += vol * (r() * 2 - 1) * 1.7 - 0.02 * (logP - Math.log(150));
    const close = Math.exp(logP);
    const high = Math.max(open, close) * (1 + r() * vol * 1.5);
    const low = Math.min(open, close) * (1 - r() * vol * 1.5);
    // funding regimes of 45 steps, positive then negative: the strategy keeps entering and leaving, and
    // its wealth does not compound past the gates' $1M order cap over a long series
    const regime = Math.floor(i / regimeSteps) % 2 === 0 ? 1 : -1.2;
    out.push({ open, high, low, close, funding: fundingMean * (regime + (r() * 2 - 1)) });
  }
  return out;
}

function dailyCsv(n: number): string {
  const day0 = parseIsoDay('2000-01-01')!;
  const lines = ['date,open,high,low,close,funding,lend_apy,borrow_apy'];
  bars(n, 42, 0.04, 0.0003, 45).forEach((b, i) => lines.push(`${formatIsoDay(day0 + i)},${b.open.toFixed(4)},${b.high.toFixed(4)},${b.low.toFixed(4)},${b.close.toFixed(4)},${b.funding.toFixed(8)},0.06,0.08`));
  return lines.join('\n') + '\n';
}

function hourlyCsv(n: number): string {
  const h0 = parseIsoDay('2015-01-01')! * 24;
  const lines = ['time,price,funding,lend_apy,borrow_apy'];
  bars(n, 43, 0.008, 0.000025, 45 * 24).forEach((b, i) => {
    const h = h0 + i;
    lines.push(`${formatIsoDay(Math.floor(h / 24))}T${String(h % 24).padStart(2, '0')}:00:00Z,${b.close.toFixed(4)},${b.funding.toExponential(6)},0.06,0.08`);
  });
  return lines.join('\n') + '\n';
}

mkdirSync(repoPath('out', 'bench'), { recursive: true });
const rows: { input: string; rows: number; cpuSeconds: number; wallSeconds: number; usPerRow: number; opens: number; exits: number; rebalances: number; liquidations: number }[] = [];
for (const n of SIZES) {
  for (const [kind, flag, make] of [['daily', '--data', dailyCsv], ['hourly', '--hourly', hourlyCsv]] as const) {
    const file = repoPath('out', 'bench', `paper-${kind}-${n}.csv`);
    writeFileSync(file, make(n));
    const t0 = performance.now();
    // the child runs the CLI in-process and prints its own CPU time on stderr when it is done
    const wrapper = `import(${JSON.stringify(bin.replace(/main\.js$/, 'main.js'))}).then(async (m) => { let out = ''; const code = await m.runCli(['paper', ${JSON.stringify(flag)}, ${JSON.stringify(file)}, '--json'], { out: (t) => (out += t), err: (t) => process.stderr.write(t), isTty: false }); const u = process.cpuUsage(); process.stdout.write(out); process.stderr.write('CPU ' + (u.user + u.system) / 1e6 + '\\n'); process.exitCode = code; })`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', wrapper], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const wall = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`paper ${flag} ${file} exited ${r.status}: ${r.stderr}`);
    const cpu = Number(/CPU ([\d.]+)/.exec(r.stderr)?.[1]);
    const c = JSON.parse(r.stdout).final.counts as Record<string, number>;
    rows.push({ input: kind, rows: n, cpuSeconds: cpu, wallSeconds: wall, usPerRow: (cpu * 1e6) / n, opens: c.opens ?? 0, exits: c.exits ?? 0, rebalances: c.rebalances ?? 0, liquidations: c.liquidations ?? 0 });
    console.log(`${kind} ${n} rows: ${cpu.toFixed(2)} s CPU (${wall.toFixed(2)} s wall)`);
  }
}
console.table(rows.map((r) => ({ ...r, cpuSeconds: r.cpuSeconds.toFixed(2), wallSeconds: r.wallSeconds.toFixed(2), usPerRow: r.usPerRow.toFixed(1) })));
const out = repoPath('out', 'bench', 'paper.json');
writeFileSync(`${out}.tmp`, JSON.stringify({ bench: 'paper', node: process.version, machine: machineInfo, machineAfter: printMachine('paper'), results: rows }, null, 2) + '\n');
renameSync(`${out}.tmp`, out);
console.log(`wrote ${out}`);
