/**
 * Proves the optimised struct-of-arrays TypeScript loop (engine/model/soa.ts) reproduces the
 * reference bit for bit on every figure, over random valid paths and parameters (exact convention,
 * all three models), including liquidations, bad debt, refused rebalances and ruin.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareSeries } from '../../../engine/data/series.js';
import { resolveParams } from '../../../engine/model/params.js';
import { laneConstants } from '../../../engine/model/reference/lane.js';
import { runReference } from '../../../engine/model/reference/run.js';
import { runLanesSoa } from '../../../engine/model/soa.js';
import { laneFigures } from '../../../engine/wasm/grid.js';
import { packLanes } from '../../../engine/wasm/lanes.js';
import { firstDifference } from '../wasm/compare.js';
import { paramDrawArb, paramsOf, rowsArb } from '../wasm/gen.js';

const SEED = 4_242;

describe('SoA TypeScript loop == reference', () => {
  it('exact: 300 random batches agree on every figure', () => {
    let events = 0;
    fc.assert(
      fc.property(rowsArb(2, 60), fc.array(paramDrawArb(), { minLength: 1, maxLength: 6 }), (rows, draws) => {
        const grid = draws.map((x) => paramsOf(x, 'exact'));
        const series = prepareSeries(rows, 'exact');
        const packed = packLanes(grid.map(laneConstants));
        const out = runLanesSoa(series, packed);
        grid.forEach((p, j) => {
          const ref = runReference(series, p).figures;
          events += ref.liquidations + ref.rotations + (ref.ruined ? 1 : 0);
          const got = laneFigures({ out, stride: packed.stride, count: packed.count, days: rows.length, events: new Float64Array(), eventCap: 0, equity: new Float64Array() }, j);
          const diff = firstDifference(got, ref);
          expect(diff, `lane ${j} ${JSON.stringify(p)}`).toBeNull();
        });
      }),
      { seed: SEED, numRuns: 300 },
    );
    expect(events).toBeGreaterThan(100);
  });

  it('rejects the study convention (it has no SoA loop)', () => {
    const rows = fc.sample(rowsArb(3, 3), { seed: 1, numRuns: 1 })[0]!;
    const lanes = packLanes([laneConstants(resolveParams({ convention: 'study' }))]);
    expect(() => runLanesSoa(prepareSeries(rows, 'study'), lanes)).toThrow(/exact convention only/);
  });
});
