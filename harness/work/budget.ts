/**
 * Work is bounded before it starts (docs/outputs.md, "Work limits"): a command estimates the memory
 * and the lane-days it is about to need from its grid, path counts and day counts, and refuses (exit
 * 2) before allocating anything when an estimate is over its limit, saying the estimate, the limit
 * and the flag that raises it.
 *
 * @example checkWork('sweep', { lanes: 3e9, laneDays: 1.2e12, bytes: 4.5e12 }, { lanes: { max: 1e6, flag: '--max-lanes' } })
 */
import { UsageError } from '../../engine/errors.js';

export interface WorkEstimate {
  /** Lanes (sweep) or scenario paths x configurations (suite). */
  lanes?: number;
  /** Lanes x days: the kernel's work. */
  laneDays?: number;
  /** Bytes the command will hold at once. */
  bytes?: number;
}

export interface Limit {
  max: number;
  /** The flag that raises it. */
  flag: string;
}

export type WorkLimits = { [K in keyof WorkEstimate]?: Limit };

/** Default limits (each raised by its flag). */
export const MAX_SWEEP_LANES = 1_000_000;
/** 1,000,000 lanes of ~5 years, or 25x the 796k-lane x 410-day sweep measured in docs/outputs.md. */
export const MAX_SWEEP_LANE_DAYS = 2_000_000_000;
export const MAX_SUITE_LANE_DAYS = 20_000_000_000;
export const MAX_MEMORY_MB = 4096;

/**
 * Bytes a sweep holds per lane: its parameters, its result object and the packed copy from a worker.
 * Measured (Node 20, `/usr/bin/time -v`): 796,256 lanes on 2 workers with `--out` peaked at 2.04 GB
 * resident, 2.6 KB a lane including the process's own ~60 MB.
 */
export const SWEEP_BYTES_PER_LANE = 2700;

/** Bytes a suite holds per scenario x configuration: return and drawdown (2 doubles) in the reducer. */
export const SUITE_BYTES_PER_CELL = 16;

/**
 * Bytes a failing scenario can hold when the suite has scenario thresholds (its record with up to 5
 * configurations in detail, and its part of the document): the worst case is every scenario failing.
 */
export const SUITE_BYTES_PER_FAILURE = 1536;

const NAMES: Record<keyof WorkEstimate, string> = { lanes: 'lanes', laneDays: 'lane-days of work', bytes: 'of memory' };

export function humanBytes(b: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let i = 0;
  while (b >= 1024 && i < units.length - 1) {
    b /= 1024;
    i++;
  }
  return `${b >= 100 || i === 0 ? Math.round(b) : b.toPrecision(3)} ${units[i]}`;
}

export function humanCount(n: number): string {
  return n < 1e15 ? Math.round(n).toLocaleString('en-US') : n.toExponential(2);
}

function show(k: keyof WorkEstimate, v: number): string {
  return k === 'bytes' ? `${humanBytes(v)} ${NAMES[k]}` : `${humanCount(v)} ${NAMES[k]}`;
}

/** Throw a UsageError when any estimate is over its limit (or is not a finite number). */
export function checkWork(what: string, est: WorkEstimate, limits: WorkLimits): void {
  const all = (Object.keys(est) as (keyof WorkEstimate)[]).filter((k) => est[k] !== undefined).map((k) => show(k, est[k]!));
  for (const k of Object.keys(limits) as (keyof WorkEstimate)[]) {
    const lim = limits[k]!;
    const v = est[k];
    if (v === undefined) continue;
    if (!Number.isFinite(v) || v > lim.max) {
      const limit = k === 'bytes' ? `${humanBytes(lim.max)} (${lim.flag} ${Math.round(lim.max / 2 ** 20)})` : `${humanCount(lim.max)} ${NAMES[k]}`;
      throw new UsageError(`${what} is too large: estimated ${all.join(', ')}; the limit is ${limit}; raise it with ${lim.flag} N if this is intended`);
    }
  }
}

/** A limit flag's value: a whole number >= 1 (or the default). */
export function limitFlag(flag: string, raw: string | undefined, def: number): Limit {
  if (raw === undefined) return { max: def, flag };
  const v = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(v) || v < 1) throw new UsageError(`${flag}: expected a whole number >= 1, got "${raw}"`);
  return { max: v, flag };
}

/** `--max-memory-mb` as a byte limit. */
export function memoryLimit(raw: string | undefined): Limit {
  const mb = limitFlag('--max-memory-mb', raw, MAX_MEMORY_MB);
  return { max: mb.max * 2 ** 20, flag: mb.flag };
}
