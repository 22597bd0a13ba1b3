/**
 * What every bench prints first and stores in its JSON (issue 13): the CPU model, the core count,
 * the load average (the machine may be shared: figures are indicative, compare ratios from one
 * interleaved run) and the Node version; plus a small per-phase timer.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { repoPath } from '../engine/paths.js';

export interface MachineInfo {
  cpu: string;
  cores: number;
  loadAverage: [number, number, number];
  node: string;
}

export function machine(): MachineInfo {
  const c = cpus();
  const l = loadavg();
  return { cpu: c[0]?.model.trim() ?? 'unknown', cores: c.length, loadAverage: [l[0]!, l[1]!, l[2]!], node: process.version };
}

/** Print the machine line (and return it, for the JSON). */
export function printMachine(bench: string): MachineInfo {
  const m = machine();
  console.log(`[${bench}] CPU ${m.cpu} x${m.cores} cores, load average ${m.loadAverage.map((x) => x.toFixed(2)).join(' ')} (1/5/15 min), Node ${m.node}`);
  return m;
}

const clock = (): number => performance.now(); // clock-ok: benchmark timing

/** Accumulates wall time per named phase (in insertion order). */
export class Phases {
  readonly ms = new Map<string, number>();
  time<T>(phase: string, f: () => T): T {
    const t = clock();
    try {
      return f();
    } finally {
      this.add(phase, clock() - t);
    }
  }
  add(phase: string, ms: number): void {
    this.ms.set(phase, (this.ms.get(phase) ?? 0) + ms);
  }
  table(): { phase: string; ms: number; share: string }[] {
    const total = [...this.ms.values()].reduce((s, x) => s + x, 0);
    return [...this.ms].map(([phase, ms]) => ({ phase, ms: Number(ms.toFixed(1)), share: `${((100 * ms) / total).toFixed(1)}%` }));
  }
}

/** Write a bench's JSON to `out/bench/NAME.json` (temp file, then rename) and say where. */
export function writeBenchJson(name: string, json: unknown): void {
  const dir = repoPath('out', 'bench');
  mkdirSync(dir, { recursive: true });
  const file = `${dir}/${name}.json`;
  writeFileSync(`${file}.tmp`, JSON.stringify(json, null, 2) + '\n');
  renameSync(`${file}.tmp`, file);
  console.log(`wrote ${file}`);
}
