/**
 * One chunk of a suite run: scenarios `[from, to)` (global numbers) through every configuration,
 * reduced to the four figures the statistics need, in typed arrays (scenario-major, `lanes` per
 * scenario). Runs the same on the main thread and in a worker.
 */
import { backtestGrid, type EngineKind } from '../../engine/backtest.js';
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

export function runChunk(suite: ResolvedSuite, seed: number, from: number, to: number, engine?: EngineKind): ChunkResult {
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
    const results = backtestGrid(rows, suite.grid, { engine });
    const o = (g - from) * lanes;
    for (let l = 0; l < lanes; l++) {
      const r = results[l]!;
      out.totalReturn[o + l] = r.totalReturn;
      out.maxDrawdown[o + l] = r.maxDrawdown;
      out.liquidations[o + l] = r.liquidations;
      out.ruined[o + l] = r.ruined ? 1 : 0;
    }
  }
  return out;
}
