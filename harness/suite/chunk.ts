/**
 * One chunk of a suite run: scenarios `[from, to)` (global numbers) through every configuration,
 * reduced to the four figures the statistics need, in typed arrays (scenario-major, `lanes` per
 * scenario). Runs the same on the main thread and in a worker.
 *
 * Engine `wasm` (the default, as in `backtestGrid`) packs the grid once per process and calls the
 * kernel per scenario and convention (`runLanesWasm`), reading the packed outputs directly: no result
 * objects per lane. Engine `ts` goes through `backtestGrid`. Both give identical numbers (tested).
 */
import { backtestGrid, type EngineKind } from '../../engine/backtest.js';
import { prepareSeries } from '../../engine/data/series.js';
import type { MarketRow } from '../../engine/data/rows.js';
import { totalReturn } from '../../engine/model/finish.js';
import { laneConstants } from '../../engine/model/reference/lane.js';
import type { BacktestParams, Convention } from '../../engine/model/types.js';
import { packLanes, runLanesWasm, type PackedLanes } from '../../engine/wasm/lanes.js';
import { O } from '../../engine/wasm/layout.js';
import { indexScenarios, locate, scenarioPath } from './scenarios.js';
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
  idx: number[];
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
  g = [...byConvention].map(([convention, idx]) => ({ convention, idx, packed: packLanes(idx.map((i) => laneConstants(grid[i]!))) }));
  packedGrids.set(grid, g);
  return g;
}

function runWasm(rows: readonly MarketRow[], grid: readonly BacktestParams[], out: ChunkResult, o: number): void {
  for (const { convention, idx, packed } of packedGrid(grid)) {
    // Figures only: the suite reads final equity, drawdown, liquidations and ruin (lanes.ts `outputs`).
    const r = runLanesWasm(prepareSeries(rows, convention), packed, { outputs: 'figures' });
    const s = r.stride;
    idx.forEach((l, j) => {
      out.totalReturn[o + l] = totalReturn(r.out[O.finalEquity * s + j]!, grid[l]!.capital);
      out.maxDrawdown[o + l] = r.out[O.maxDrawdown * s + j]!;
      out.liquidations[o + l] = r.out[O.liquidations * s + j]!;
      out.ruined[o + l] = r.out[O.ruined * s + j]! !== 0 ? 1 : 0;
    });
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
  for (let g = from; g < to; g++) {
    const { set, index } = locate(idx, g);
    const rows = scenarioPath(suite.sets[set]!, seed, index);
    (engine === 'ts' ? runTs : runWasm)(rows, suite.grid, out, (g - from) * lanes);
  }
  return out;
}
