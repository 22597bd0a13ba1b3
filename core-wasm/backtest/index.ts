/**
 * The backtest day-step kernel (issue 2): many lanes over one prepared series in linear memory.
 * Layout in layout.ts; the host (engine/wasm/) lays out memory through `ensure` and calls `run`
 * in chunks of lanes. Imports nothing; no allocation after `ensure`.
 */
import { NO, NP } from './layout';
import { runScalarLane } from './scalar';
import { runExactSimd, setVectorEvents, statEventDays, statSlowDays, statVectorDays } from './simd';

export { setVectorEvents };

/** Grow memory so that `bytes` fit after the heap base; returns the 16-aligned start of the host area. */
export function ensure(bytes: usize): usize {
  const base = (__heap_base + 15) & ~(<usize>15);
  const need = base + bytes;
  const have = (<usize>memory.size()) << 16;
  if (need > have) {
    const pages = <i32>((need - have + 0xffff) >> 16);
    if (memory.grow(pages) < 0) return 0;
  }
  return base;
}

export function paramFields(): i32 {
  return NP;
}

export function outputFields(): i32 {
  return NO;
}

/**
 * Run lanes `[from, to)`. `convention` 0 exact, 1 study; `simd` 1 uses the f64x2 path for exact
 * (from and to must then be even). Detail lanes (param field P_DETAIL >= 0) log events and equity.
 * `lean` 1: figures only on the f64x2 path (simd.ts `runExactSimd`); the host marks the skipped
 * outputs (minimum health, lend, borrow, funding, price PnL) NaN.
 */
export function run(
  convention: i32, simd: i32, mkt: usize, days: i32, par: usize, out: usize, stride: i32,
  from: i32, to: i32, ev: usize, eq: usize, evCap: i32, lean: i32,
): void {
  if (convention == 0 && simd != 0) {
    runExactSimd(mkt, days, par, out, stride, from, to, ev, eq, evCap, lean != 0);
    return;
  }
  for (let lane = from; lane < to; lane++) runScalarLane(convention, mkt, days, par, out, stride, lane, ev, eq, evCap);
}

/**
 * Diagnostics for tests and the bench since the last reset: 0 vector pair-days (common days),
 * 1 scalar replays (pair-days), 2 event pair-days computed on the vector path (vevent.ts).
 */
export function vectorStats(which: i32): f64 {
  return which == 0 ? statVectorDays : which == 1 ? statSlowDays : statEventDays;
}

export function resetStats(): void {
  statVectorDays = 0;
  statSlowDays = 0;
  statEventDays = 0;
}
