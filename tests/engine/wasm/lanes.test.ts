/**
 * The packed low-level API: results do not depend on the chunk size, on the order of calls or on
 * memory growth between calls (views are recreated after `ensure`), pad lanes are ignored, and the
 * event capacity holds on a path that liquidates every day.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareSeries } from '../../../engine/data/series.js';
import { resolveParams } from '../../../engine/model/params.js';
import { laneConstants } from '../../../engine/model/reference/lane.js';
import { runReference } from '../../../engine/model/reference/run.js';
import { laneEvents, laneFigures } from '../../../engine/wasm/grid.js';
import { eventCapacity } from '../../../engine/wasm/layout.js';
import { packLanes, runLanesWasm } from '../../../engine/wasm/lanes.js';
import { instantiateKernel } from '../../../engine/wasm/loader.js';
import { firstDifference } from './compare.js';
import { buildRows, paramDrawArb, paramsOf, rowsArb } from './gen.js';

const [rows, draws] = fc.sample(fc.tuple(rowsArb(40, 40), fc.array(paramDrawArb(), { minLength: 37, maxLength: 37 })), { seed: 12, numRuns: 1 })[0]!;
const series = prepareSeries(rows, 'exact');
const lanes = draws.map((x) => laneConstants(paramsOf(x, 'exact')));

describe('runLanesWasm', () => {
  it('gives the same outputs for every chunk size, with and without SIMD', () => {
    const packed = packLanes(lanes);
    expect(packed.stride).toBe(38);
    const base = runLanesWasm(series, packed, { chunk: 512 }).out;
    for (const chunk of [2, 6, 10]) {
      for (const simd of [true, false]) {
        const o = runLanesWasm(series, packed, { chunk, simd }).out;
        expect(firstDifference(Array.from(o.subarray(0, base.length)), Array.from(base)), `chunk ${chunk} simd ${simd}`).toBeNull();
      }
    }
  });

  it('survives memory growth between calls on one instance (views recreated after ensure)', () => {
    const k = instantiateKernel();
    const small = runLanesWasm(series, packLanes(lanes.slice(0, 3)), { kernel: k });
    const big = runLanesWasm(series, packLanes(Array.from({ length: 40_000 }, (_, i) => lanes[i % lanes.length]!)), { kernel: k });
    const again = runLanesWasm(series, packLanes(lanes.slice(0, 3)), { kernel: k });
    for (let j = 0; j < 3; j++) {
      expect(firstDifference(laneFigures(again, j), laneFigures(small, j))).toBeNull();
      expect(firstDifference(laneFigures(big, j + 37 * 100), laneFigures(small, j))).toBeNull();
    }
  });

  it('fits the event log of a lane that is liquidated every day (capacity 3 x days + 2)', () => {
    // Every day ranges 4x up and 80% down: both legs go every day, then reopen.
    const days = Array.from({ length: 30 }, () => ({ ret: 0, gap: 0, up: 3, down: 0.8, funding: 0, lend: 0, borrow: 0 }));
    const wild = prepareSeries(buildRows(100, days), 'exact');
    const p = resolveParams({ leverage: 3, capital: 1e9, transferCost: 0 });
    const r = runLanesWasm(wild, packLanes([laneConstants(p)], new Map([[0, 0]])));
    const ref = runReference(wild, p, { events: true });
    const events = laneEvents(r, 0, 0, wild.dates);
    expect(events.length).toBe(ref.events!.length);
    expect(events.length).toBeLessThanOrEqual(eventCapacity(30));
    expect(events.length).toBeGreaterThan(2 * 29);
    expect(firstDifference(events, ref.events)).toBeNull();
    expect(ref.figures.liquidatedLegs).toBe(2 * 29);
  });
});
