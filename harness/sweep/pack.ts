/**
 * Lane results crossing the worker boundary as one transferable `Float64Array` (19 numbers a lane)
 * instead of structured-cloned objects: a worker's 50k results clone in milliseconds, not seconds.
 * The parameters stay on the main thread (it sent them), and per-day detail travels separately.
 * Packing is lossless (every field is an f64, or a count or flag stored exactly in one).
 */
import type { BacktestEvent, BacktestParams, BacktestResult } from '../../engine/model/types.js';
import { WATERFALL_KEYS } from '../../engine/model/types.js';

const SCALARS = ['finalEquity', 'maxDrawdown', 'liquidations', 'liquidatedLegs', 'rebalances', 'rotations', 'minHealthLong', 'minHealthShort', 'totalReturn', 'annualized'] as const;
/** Numbers per lane: the scalars, `ruined`, the waterfall terms. */
export const PACKED_STRIDE = SCALARS.length + 1 + WATERFALL_KEYS.length;

export interface PackedDetail {
  lane: number;
  events?: BacktestEvent[];
  equity?: number[];
}

export interface PackedResults {
  figures: Float64Array;
  detail: PackedDetail[];
}

export function packResults(results: readonly BacktestResult[]): PackedResults {
  const figures = new Float64Array(results.length * PACKED_STRIDE);
  const detail: PackedDetail[] = [];
  results.forEach((r, i) => {
    let o = i * PACKED_STRIDE;
    for (const k of SCALARS) figures[o++] = r[k];
    figures[o++] = r.ruined ? 1 : 0;
    for (const k of WATERFALL_KEYS) figures[o++] = r.waterfall[k];
    if (r.events || r.equity) detail.push({ lane: i, events: r.events, equity: r.equity });
  });
  return { figures, detail };
}

/** Rebuild results in the shape `backtestGrid` returns, with the caller's own parameter objects. */
export function unpackResults(packed: PackedResults, params: readonly BacktestParams[]): BacktestResult[] {
  const out = params.map((p, i): BacktestResult => {
    let o = i * PACKED_STRIDE;
    const f = packed.figures;
    const r = {} as Record<string, unknown>;
    for (const k of SCALARS) r[k] = f[o++];
    r.ruined = f[o++] === 1;
    const waterfall = {} as BacktestResult['waterfall'];
    for (const k of WATERFALL_KEYS) waterfall[k] = f[o++]!;
    return { ...(r as Omit<BacktestResult, 'ruined' | 'waterfall' | 'params' | 'convention'>), ruined: r.ruined as boolean, waterfall, params: p, convention: p.convention };
  });
  for (const d of packed.detail) {
    if (d.events) out[d.lane]!.events = d.events;
    if (d.equity) out[d.lane]!.equity = d.equity;
  }
  return out;
}
