/**
 * The public backtest API: `backtest(rows, overrides)` for one run, `backtestGrid(rows, grid)` for
 * many lanes over one series. Engine `wasm` (the kernel, default once built) or `ts` (the reference);
 * both produce identical numbers.
 */
import { prepareSeries, type PreparedSeries } from './data/series.js';
import type { MarketRow } from './data/rows.js';
import { finishResult } from './model/finish.js';
import { resolveParams, validateParams } from './model/params.js';
import { runReference } from './model/reference/run.js';
import type { BacktestParams, BacktestResult, Convention, ParamOverrides, RunOptions } from './model/types.js';
import { runGridWasm } from './wasm/grid.js';

export type EngineKind = 'wasm' | 'ts';

export interface GridOptions {
  engine?: EngineKind;
  /** Lane indices that also get their event log and equity series. */
  detail?: readonly number[];
}

/** Prepared series per convention, built on first use. */
export class SeriesCache {
  private readonly prepared = new Map<Convention, PreparedSeries>();
  constructor(readonly rows: readonly MarketRow[]) {}
  get(convention: Convention): PreparedSeries {
    let s = this.prepared.get(convention);
    if (!s) this.prepared.set(convention, (s = prepareSeries(this.rows, convention)));
    return s;
  }
}

/** One backtest; `overrides` are resolved against the venue/convention presets and validated. */
export function backtest(rows: readonly MarketRow[], overrides: ParamOverrides | BacktestParams, opts: RunOptions & { engine?: EngineKind } = {}): BacktestResult {
  const params = resolveParams(overrides);
  const detail = opts.events || opts.equity ? [0] : [];
  const [r] = backtestGrid(rows, [params], { engine: opts.engine, detail });
  if (!opts.events) delete r!.events;
  if (!opts.equity) delete r!.equity;
  return r!;
}

/** Many lanes over one series, in grid order. Every lane is validated first. */
export function backtestGrid(rows: readonly MarketRow[], grid: readonly BacktestParams[], opts: GridOptions = {}): BacktestResult[] {
  grid.forEach((p) => validateParams(p));
  const cache = new SeriesCache(rows);
  const detail = new Set(opts.detail ?? []);
  const engine = opts.engine ?? defaultEngine();
  if (engine === 'wasm') return wasmGrid(cache, grid, detail);
  return grid.map((p, i) => {
    const want = detail.has(i);
    const run = runReference(cache.get(p.convention), p, { events: want, equity: want });
    return finishResult(run.figures, p, rows.length, run.events, run.equity);
  });
}

/** The WASM kernel (bit-identical to the reference, docs/kernel.md); `ts` stays available. */
function defaultEngine(): EngineKind {
  return 'wasm';
}

function wasmGrid(cache: SeriesCache, grid: readonly BacktestParams[], detail: Set<number>): BacktestResult[] {
  return runGridWasm((c) => cache.get(c), grid, detail);
}
