/**
 * One chunk of a suite run: scenarios `[from, to)` (global numbers) through every configuration,
 * reduced to the four figures the statistics need, in typed arrays (scenario-major, `lanes` per
 * scenario). Runs the same on the main thread and in a worker.
 *
 * Engine `wasm` (the default, as in `backtestGrid`) packs the grid once per process and calls the
 * kernel per scenario and convention (`readLanesWasm`), reading the four figures straight from the
 * kernel's output block: no result objects, no copies, no fan-out of merged lanes. A generated set
 * without shocks goes from the generator to the kernel's layout directly (`scenarioColumns`: no row
 * objects, no dates; the same numbers as `prepareSeries` of its rows). Engine `ts` goes through
 * `backtestGrid`. Both give identical numbers (tested).
 */
import { backtestGrid, type EngineKind } from '../../engine/backtest.js';
import { prepareApyColumns, prepareSeries } from '../../engine/data/series.js';
import type { MarketRow } from '../../engine/data/rows.js';
import { totalReturn } from '../../engine/model/finish.js';
import { laneConstants } from '../../engine/model/reference/lane.js';
import type { BacktestParams, Convention } from '../../engine/model/types.js';
import { packLanes, readLanesWasm, type PackedLanes } from '../../engine/wasm/lanes.js';
import { O } from '../../engine/wasm/layout.js';
import { indexScenarios, locate, scenarioColumns, scenarioPath } from './scenarios.js';
import type { ResolvedSuite } from './types.js';

export interface ChunkResult {
  from: number;
  to: number;
  totalReturn: Float64Array;
  maxDrawdown: Float64Array;
  liquidations: Float64Array;
  ruined: Uint8Array;
}

interface PackedGroup {
  convention: Convention;
  /** Grid indices of the group's lanes, in grid order. */
  idx: Int32Array;
  /** Each lane's capital, in the group's order. */
  capital: Float64Array;
  packed: PackedLanes;
}

const packedGrids = new WeakMap<readonly BacktestParams[], PackedGroup[]>();

function packedGrid(grid: readonly BacktestParams[]): PackedGroup[] {
  let g = packedGrids.get(grid);
  if (g) return g;
  const byConvention = new Map<Convention, number[]>();
  grid.forEach((p, i) => {
    const list = byConvention.get(p.convention);
    if (list) list.push(i);
    else byConvention.set(p.convention, [i]);
  });
  g = [...byConvention].map(([convention, idx]) => ({
    convention,
    idx: Int32Array.from(idx),
    capital: Float64Array.from(idx, (i) => grid[i]!.capital),
    packed: packLanes(idx.map((i) => laneConstants(grid[i]!))),
  }));
  packedGrids.set(grid, g);
  return g;
}

/** One scenario's market: its rows, or (generated sets without shocks) the generator's columns. */
type Market = { rows: readonly MarketRow[] } | { columns: Float64Array; dates: readonly string[] };

function runWasm(market: Market, grid: readonly BacktestParams[], out: ChunkResult, o: number): void {
  const groups = packedGrid(grid);
  const totalReturns = out.totalReturn;
  const maxDrawdowns = out.maxDrawdown;
  const liquidations = out.liquidations;
  const ruined = out.ruined;
  for (const { convention, idx, capital, packed } of groups) {
    // One convention (the usual grid): the generator's columns are converted in place (never read again).
    const series = 'rows' in market ? prepareSeries(market.rows, convention) : prepareApyColumns(market.columns, market.dates, convention, groups.length === 1);
    // The four figures read straight from the kernel's output block (no copies, no fan-out); the
    // kernel computes figures only (no minimum health, no daily ledger sums: lanes.ts `outputs`).
    readLanesWasm(
      series,
      packed,
      (r, s, of) => {
        const fe = O.finalEquity * s;
        const dd = O.maxDrawdown * s;
        const lq = O.liquidations * s;
        const ru = O.ruined * s;
        const n = idx.length;
        for (let j = 0; j < n; j++) {
          const u = of === null ? j : of[j]!;
          const l = o + idx[j]!;
          totalReturns[l] = totalReturn(r[fe + u]!, capital[j]!);
          maxDrawdowns[l] = r[dd + u]!;
          liquidations[l] = r[lq + u]!;
          ruined[l] = r[ru + u]! !== 0 ? 1 : 0;
        }
      },
      { outputs: 'figures' },
    );
  }
}

function runTs(rows: readonly MarketRow[], grid: readonly BacktestParams[], out: ChunkResult, o: number): void {
  backtestGrid(rows, grid, { engine: 'ts' }).forEach((r, l) => {
    out.totalReturn[o + l] = r.totalReturn;
    out.maxDrawdown[o + l] = r.maxDrawdown;
    out.liquidations[o + l] = r.liquidations;
    out.ruined[o + l] = r.ruined ? 1 : 0;
  });
}

export function runChunk(suite: ResolvedSuite, seed: number, from: number, to: number, engine: EngineKind = 'wasm'): ChunkResult {
  const lanes = suite.grid.length;
  const n = (to - from) * lanes;
  const out: ChunkResult = {
    from,
    to,
    totalReturn: new Float64Array(n),
    maxDrawdown: new Float64Array(n),
    liquidations: new Float64Array(n),
    ruined: new Uint8Array(n),
  };
  const idx = indexScenarios(suite);
  // One market buffer for the chunk's generated paths (each copied into the kernel's memory before the next).
  let buffer: Float64Array | undefined;
  for (let g = from; g < to; g++) {
    const { set, index } = locate(idx, g);
    const s = suite.sets[set]!;
    if (engine === 'ts') runTs(scenarioPath(s, seed, index), suite.grid, out, (g - from) * lanes);
    else {
      const cols = scenarioColumns(s, seed, index, buffer);
      if (cols) buffer = cols.columns;
      runWasm(cols ?? { rows: scenarioPath(s, seed, index) }, suite.grid, out, (g - from) * lanes);
    }
  }
  return out;
}
