/**
 * The low-level kernel call: packed lanes in, packed outputs out, no result objects. For callers
 * running many series x many lanes (scenario suites, sweeps): pack the lanes once with
 * `packLanes`, then call `runLanesWasm(series, packed)` per series.
 *
 * @example
 *   const packed = packLanes(grid.map(laneConstants));
 *   const r = runLanesWasm(prepareSeries(rows, 'exact'), packed);
 *   const F = r.out[O.finalEquity * r.stride + lane];
 */
import type { PreparedSeries } from '../data/series.js';
import { requireSpot, ROW_STRIDE } from '../data/series.js';
import type { LaneConstants } from '../model/reference/lane.js';
import { EV_FIELDS, eventCapacity, MODEL_CODE, NO, NOT_IN_FIGURES, NP, P, padLanes, type PackedLanesLike } from './layout.js';
import { kernel, type KernelExports } from './loader.js';
import { planDedupe, type DedupePlan } from './dedupe.js';

/** Lane parameters as struct-of-arrays `[field][lane]`, `NP x stride` f64. */
export interface PackedLanes extends PackedLanesLike {
  /** Number of detail slots (lanes with `detail >= 0` log events and equity into that slot). */
  slots: number;
  /** True when some lane liquidates the long in rounds (the event log then needs more room). */
  partial: boolean;
}

export interface LaneOutputs {
  count: number;
  stride: number;
  days: number;
  /** `NO x stride` f64, `[field][lane]` (fields in `O`). */
  out: Float64Array;
  /** Per slot `eventCap` records of 10 f64 (`[day, kind, leg, price, before, after, cost, repaid, seized, pad]`). */
  events: Float64Array;
  eventCap: number;
  /** Per slot `days` f64. */
  equity: Float64Array;
}

export interface RunLanesOptions {
  /** Use the f64x2 kernel for the exact convention (default true). */
  simd?: boolean;
  /** Lanes per kernel call (even; default 512). */
  chunk?: number;
  kernel?: KernelExports;
  /**
   * Run lanes with provably identical outputs once and fan the outputs out (default true; see
   * dedupe.ts). Detail lanes are never merged. `false` runs every lane (for the parity tests).
   */
  dedupe?: boolean;
  /**
   * 'all' (default) or 'figures': the f64x2 path skips what feeds no state (minimum health and
   * the lend, borrow, funding and price-PnL sums, marked NaN in the outputs: NOT_IN_FIGURES);
   * every other output is identical. For callers that read only final equity, drawdown, counts
   * and ruin (scenario suites). Detail lanes always get every output.
   */
  outputs?: 'all' | 'figures';
}

interface Deduped {
  plan: DedupePlan;
  lanes: PackedLanes;
}
const planCache = new WeakMap<PackedLanes, { exact?: Deduped | null; study?: Deduped | null }>();

/** The distinct lanes of `lanes` for one convention (cached per packed block), or null when all are distinct. */
export function dedupedLanes(lanes: PackedLanes, study: boolean): Deduped | null {
  let c = planCache.get(lanes);
  if (!c) planCache.set(lanes, (c = {}));
  const which = study ? 'study' : 'exact';
  const hit = c[which];
  if (hit !== undefined) return hit;
  const plan = planDedupe(lanes.data, lanes.stride, lanes.count, study);
  let d: Deduped | null = null;
  if (plan) {
    const count = plan.rep.length;
    const stride = padLanes(count);
    const data = new Float64Array(NP * stride);
    for (let f = 0; f < NP; f++) {
      for (let u = 0; u < stride; u++) {
        const src = plan.rep[Math.min(u, count - 1)]!;
        data[f * stride + u] = lanes.data[f * lanes.stride + src]!;
      }
      // Pad lanes never log (as in packLanes).
      if (f === P.detail) for (let u = count; u < stride; u++) data[f * stride + u] = -1;
    }
    d = { plan, lanes: { count, stride, data, slots: lanes.slots, partial: lanes.partial } };
  }
  c[which] = d;
  return d;
}

/**
 * Pack lane constants; `detail[i]` is lane i's detail slot (0, 1, ...) or absent for none.
 * Pad lanes copy the last lane (their outputs are ignored).
 */
export function packLanes(lanes: readonly LaneConstants[], detail: ReadonlyMap<number, number> = new Map()): PackedLanes {
  if (lanes.length === 0) throw new Error('packLanes: no lanes');
  const stride = padLanes(lanes.length);
  const data = new Float64Array(NP * stride);
  for (let j = 0; j < stride; j++) {
    const i = Math.min(j, lanes.length - 1);
    const k = lanes[i]!;
    const put = (f: number, v: number): void => {
      data[f * stride + j] = v;
    };
    put(P.capital, k.capital);
    put(P.leverage, k.leverage);
    put(P.triggerLong, k.triggerLong);
    put(P.triggerShort, k.triggerShort);
    put(P.longOpenFeeRate, k.longOpenFeeRate);
    put(P.longCloseFeeRate, k.longCloseFeeRate);
    put(P.perpFeeRate, k.perpFeeRate);
    put(P.studyOpenFeeRate, k.studyOpenFeeRate);
    put(P.mLong, k.mLong);
    put(P.mShort, k.mShort);
    put(P.onePlusMShort, k.onePlusMShort);
    put(P.oneMinusMLong, k.oneMinusMLong);
    put(P.penLongKind, k.penLongKind);
    put(P.penLongRate, k.penLongRate);
    put(P.penShortKind, k.penShortKind);
    put(P.penShortRate, k.penShortRate);
    put(P.transferCost, k.transferCost);
    put(P.gas, k.gas);
    put(P.model, MODEL_CODE[k.model]);
    put(P.detail, j < lanes.length ? (detail.get(j) ?? -1) : -1);
    put(P.longCol, k.longCol);
    put(P.survivor, k.survivorAtLiquidation);
    put(P.closeFactor, k.closeFactor);
    put(P.onePlusBonus, k.onePlusBonus);
  }
  let slots = 0;
  for (const slot of detail.values()) slots = Math.max(slots, slot + 1);
  return { count: lanes.length, stride, data, slots, partial: lanes.some((k) => k.closeFactor > 0) };
}

function align16(n: number): number {
  return (n + 15) & ~15;
}

/** Where one kernel run left its blocks in the kernel's memory (byte offsets; valid until the next kernel call). */
interface KernelRun {
  k: KernelExports;
  out: number;
  ev: number;
  eq: number;
  evCap: number;
}

function checkSpot(series: PreparedSeries, lanes: PackedLanes): void {
  if (series.hasSpot) return;
  for (let j = 0; j < lanes.count; j++) {
    if (lanes.data[P.longCol * lanes.stride + j] !== 0) requireSpot(series, 'split');
  }
}

/** Lay out the series and lanes in kernel memory and run the kernel over every lane (no dedupe here). */
function runKernel(series: PreparedSeries, lanes: PackedLanes, opts: RunLanesOptions): KernelRun {
  const k = opts.kernel ?? kernel();
  const days = series.days;
  if (days < 2) throw new Error(`runLanesWasm: need at least 2 days, got ${days}`);
  const { stride, slots } = lanes;
  checkSpot(series, lanes);
  const evCap = eventCapacity(days, lanes.partial);
  const mktBytes = align16(days * ROW_STRIDE * 8);
  const parBytes = align16(NP * stride * 8);
  const outBytes = align16(NO * stride * 8);
  const evBytes = align16(slots * evCap * EV_FIELDS * 8);
  const eqBytes = align16(slots * days * 8);
  const base = k.ensure(mktBytes + parBytes + outBytes + evBytes + eqBytes);
  if (base === 0) throw new Error('runLanesWasm: the kernel could not grow its memory');
  // Views only after ensure(): growing memory detaches earlier views.
  const mkt = base;
  const par = mkt + mktBytes;
  const out = par + parBytes;
  const ev = out + outBytes;
  const eq = ev + evBytes;
  const buf = k.memory.buffer;
  new Float64Array(buf, mkt, days * ROW_STRIDE).set(series.data.subarray(0, days * ROW_STRIDE));
  new Float64Array(buf, par, NP * stride).set(lanes.data);
  // Outputs start as NaN so a lane the kernel skipped can never pass for a result of an earlier call.
  new Float64Array(buf, out, NO * stride).fill(NaN);
  const conv = series.convention === 'study' ? 1 : 0;
  const simd = opts.simd === false ? 0 : 1;
  const lean = opts.outputs === 'figures' && simd === 1 && conv === 0 ? 1 : 0;
  const chunk = Math.max(2, (opts.chunk ?? 512) & ~1);
  for (let from = 0; from < stride; from += chunk) {
    k.run(conv, simd, mkt, days, par, out, stride, from, Math.min(stride, from + chunk), ev, eq, evCap, lean);
  }
  if (lean) markNotComputed(new Float64Array(buf, out, NO * stride), lanes);
  return { k, out, ev, eq, evCap };
}

/** Run every packed lane over one prepared series (its convention decides the kernel path). */
export function runLanesWasm(series: PreparedSeries, lanes: PackedLanes, opts: RunLanesOptions = {}): LaneOutputs {
  if (opts.dedupe !== false) {
    const d = dedupedLanes(lanes, series.convention === 'study');
    if (d) {
      checkSpot(series, lanes);
      const r = runLanesWasm(series, d.lanes, { ...opts, dedupe: false });
      return fanOut(r, d.plan, lanes);
    }
  }
  const { k, out, ev, eq, evCap } = runKernel(series, lanes, opts);
  const { stride, slots } = lanes;
  const days = series.days;
  const buf = k.memory.buffer;
  return {
    count: lanes.count,
    stride,
    days,
    out: new Float64Array(buf, out, NO * stride).slice(),
    events: new Float64Array(buf, ev, slots * evCap * EV_FIELDS).slice(),
    eventCap: evCap,
    equity: new Float64Array(buf, eq, slots * days).slice(),
  };
}

/** NaN in the outputs a figures-only run did not compute, on every lane but detail lanes (they get all). */
function markNotComputed(out: Float64Array, lanes: PackedLanes): void {
  const s = lanes.stride;
  for (let j = 0; j < s; j++) {
    if (lanes.data[P.detail * s + j]! >= 0) continue;
    for (const f of NOT_IN_FIGURES) out[f * s + j] = NaN;
  }
}

/**
 * The outputs of one kernel run as `read` sees them, without copies: `out` is a view of the kernel's
 * output block (`NO x stride`, `[field][row]`), valid only during the call (never keep it); lane `j`
 * of `lanes` (j < count) is row `of[j]` when lanes were merged (dedupe, as in `runLanesWasm`), else
 * row `j`. Numbers equal `runLanesWasm`'s, lane for lane. For hot callers reading a few outputs per
 * lane (scenario suites); events and equity are not offered (use `runLanesWasm` for detail lanes).
 */
export function readLanesWasm<T>(
  series: PreparedSeries,
  lanes: PackedLanes,
  read: (out: Float64Array, stride: number, of: Int32Array | null) => T,
  opts: RunLanesOptions = {},
): T {
  let run = lanes;
  let of: Int32Array | null = null;
  if (opts.dedupe !== false) {
    const d = dedupedLanes(lanes, series.convention === 'study');
    if (d) {
      checkSpot(series, lanes);
      run = d.lanes;
      of = d.plan.of;
    }
  }
  const r = runKernel(series, run, opts);
  return read(new Float64Array(r.k.memory.buffer, r.out, NO * run.stride), run.stride, of);
}

/** Outputs of the distinct lanes spread back to every lane (pad lanes copy the last lane). */
function fanOut(r: LaneOutputs, plan: DedupePlan, lanes: PackedLanes): LaneOutputs {
  const { stride, count } = lanes;
  const out = new Float64Array(NO * stride);
  for (let f = 0; f < NO; f++) {
    const src = r.out.subarray(f * r.stride, (f + 1) * r.stride);
    const dst = out.subarray(f * stride, (f + 1) * stride);
    for (let j = 0; j < stride; j++) dst[j] = src[plan.of[Math.min(j, count - 1)]!]!;
  }
  return { count, stride, days: r.days, out, events: r.events, eventCap: r.eventCap, equity: r.equity };
}
