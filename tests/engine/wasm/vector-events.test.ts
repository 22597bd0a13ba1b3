/**
 * Liquidation and rotation days on the f64x2 path (issue 13, core-wasm/backtest/vevent.ts):
 * liquidation-heavy lanes (leverage near the validity bound, big shocks and gaps, both survivor
 * options, partial long liquidation, both venues, rebalance and rotation models) run on the vector
 * path with event days computed in f64x2, and must equal (1) the TypeScript reference on every
 * figure (no detail lanes, so every pair stays on the vector path), (2) the earlier kernel path
 * that replays every such day on the scalar path (`setVectorEvents(0)`) and the bench's two
 * diagnostic modes (every day replayed; every day through the vector event day), every packed
 * output `Object.is`, and (3) with detail lanes among them, the reference's event logs and equity series
 * (compareBatch). The runs must actually put event days on the vector path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareSeries } from '../../../engine/data/series.js';
import { resolveParams } from '../../../engine/model/params.js';
import { laneConstants } from '../../../engine/model/reference/lane.js';
import { runReference } from '../../../engine/model/reference/run.js';
import type { BacktestParams } from '../../../engine/model/types.js';
import { laneFigures } from '../../../engine/wasm/grid.js';
import { packLanes, runLanesWasm } from '../../../engine/wasm/lanes.js';
import { kernel } from '../../../engine/wasm/loader.js';
import { firstDifference } from './compare.js';
import { paramDrawArb, paramsOf, uniformArb, violentRowsArb } from './gen.js';
import { compareBatch } from './parity-helpers.js';

const SEED = 20_261_313;
const u = uniformArb;
const violentRows = violentRowsArb;

/** A managed lane near its leverage bound with random survivor / partial options, perp legs (vector path). */
const laneArb = fc
  .tuple(
    paramDrawArb(),
    u(0.6, 1),
    fc.constantFrom('rebalance' as const, 'rotation' as const, 'rebalance' as const, 'static' as const),
    fc.constantFrom('close' as const, 'liquidation' as const),
    fc.option(fc.record({ closeFactor: fc.oneof(u(0.01, 1), fc.constant(1)), bonus: u(0, 0.3) }), { freq: 3 }),
  )
  .map(([x, levU, model, survivor, partial]): BacktestParams => {
    const p = paramsOf({ ...x, levU, model }, 'exact');
    return resolveParams({
      ...p,
      survivor,
      long: { ...p.long, liquidation: partial ? { kind: 'partial', ...partial } : { kind: 'full' } },
    });
  });

describe('liquidation and rotation days on the f64x2 path', () => {
  it('equal the reference and the scalar-replay path on 600 liquidation-heavy batches', () => {
    const k = kernel();
    let eventDays = 0;
    let replays = 0;
    let liquidations = 0;
    let rotations = 0;
    let survivorLanes = 0;
    let partialLanes = 0;
    const venues = new Set<string>();
    try {
      fc.assert(
        fc.property(violentRows, fc.array(laneArb, { minLength: 2, maxLength: 8 }), (rows, grid) => {
          const series = prepareSeries(rows, 'exact');
          const packed = packLanes(grid.map(laneConstants));
          k.setVectorEvents(1);
          k.resetStats();
          const vec = runLanesWasm(series, packed, { dedupe: false });
          eventDays += k.vectorStats(2);
          replays += k.vectorStats(1);
          // Mode 0: the scalar replay of every such day (before issue 13); 2: every day replayed;
          // 3: every day through the vector event day (the bench's cost diagnostics).
          for (const mode of [0, 2, 3]) {
            k.setVectorEvents(mode);
            const other = runLanesWasm(series, packed, { dedupe: false });
            k.setVectorEvents(1);
            for (let i = 0; i < vec.out.length; i++) {
              const lane = i % vec.stride;
              if (lane < grid.length && !Object.is(vec.out[i], other.out[i])) {
                throw new Error(`lane ${lane} field ${Math.floor(i / vec.stride)}: vector events ${vec.out[i]} !== mode ${mode} ${other.out[i]}`);
              }
            }
          }
          grid.forEach((p, j) => {
            const ref = runReference(series, p).figures;
            const diff = firstDifference(laneFigures(vec, j), ref);
            if (diff) throw new Error(`lane ${j} ${JSON.stringify(p)}: ${diff}`);
            liquidations += ref.liquidations;
            if (p.model === 'rotation' || p.model === 'rebalance') rotations += ref.rotations;
            if (p.survivor === 'liquidation' && ref.liquidations > 0) survivorLanes++;
            if (p.long.liquidation.kind === 'partial' && ref.liquidations > 0) partialLanes++;
            venues.add(p.venue);
          });
        }),
        { seed: SEED, numRuns: 600 },
      );
    } finally {
      k.setVectorEvents(1);
    }
    console.log('vector events coverage', { eventDays, replays, liquidations, rotations, survivorLanes, partialLanes, venues: [...venues] });
    expect(eventDays).toBeGreaterThan(2000);
    // What stays on the scalar replay (partial rounds, ruin on reopen) is a minority of event days.
    expect(replays).toBeLessThan(eventDays);
    expect(liquidations).toBeGreaterThan(2000);
    expect(rotations).toBeGreaterThan(200);
    expect(survivorLanes).toBeGreaterThan(200);
    expect(partialLanes).toBeGreaterThan(100);
    expect(venues.size).toBe(2);
  });

  it('keep the event logs and equity series of detail lanes identical (200 batches with detail lanes)', () => {
    fc.assert(
      fc.property(violentRows, fc.array(laneArb, { minLength: 4, maxLength: 8 }), (rows, grid) => {
        expect(compareBatch(rows, grid)).toBeNull();
      }),
      { seed: SEED + 1, numRuns: 200 },
    );
  });
});
