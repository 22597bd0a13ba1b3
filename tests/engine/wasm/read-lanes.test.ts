/**
 * `readLanesWasm` (the zero-copy reader the suite uses) sees, lane for lane and field for field, the
 * numbers `runLanesWasm` returns: on grids full of duplicate lanes (dedupe merges them, `of` maps
 * back), with dedupe off, in both conventions; and `prepareApyColumns` equals `prepareSeries`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COL_BORROW, COL_LEND, prepareApyColumns, prepareSeries, ROW_STRIDE } from '../../../engine/data/series.js';
import { laneConstants } from '../../../engine/model/reference/lane.js';
import type { Convention } from '../../../engine/model/types.js';
import { packLanes, readLanesWasm, runLanesWasm } from '../../../engine/wasm/lanes.js';
import { NO } from '../../../engine/wasm/layout.js';
import { paramDrawArb, paramsOf, rowsArb } from './gen.js';

/** The outputs as `read` saw them, spread to `count` lanes (`[field][lane]`, copied out during the call). */
function viaReader(series: ReturnType<typeof prepareSeries>, packed: ReturnType<typeof packLanes>, dedupe: boolean): { out: Float64Array; merged: boolean } {
  return readLanesWasm(
    series,
    packed,
    (r, s, of) => {
      expect(r.length).toBe(NO * s);
      const out = new Float64Array(NO * packed.count);
      for (let f = 0; f < NO; f++) for (let j = 0; j < packed.count; j++) out[f * packed.count + j] = r[f * s + (of === null ? j : of[j]!)]!;
      return { out, merged: of !== null };
    },
    { dedupe },
  );
}

describe('readLanesWasm', () => {
  it('reads the same bits as runLanesWasm on every lane and field, merged or not, both conventions (60 draws)', () => {
    let merged = 0;
    fc.assert(
      fc.property(rowsArb(2, 40), fc.array(paramDrawArb(), { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { minLength: 0, maxLength: 30 }), fc.constantFrom<Convention>('exact', 'study'), (rows, draws, picks, convention) => {
        // Duplicates on purpose (same draw several times, and static lanes across triggers merge).
        const lanes = [...draws, ...picks.map((i) => draws[i % draws.length]!)].map((x) => laneConstants(paramsOf(x, convention)));
        const packed = packLanes(lanes);
        const series = prepareSeries(rows, convention);
        for (const dedupe of [true, false]) {
          const ref = runLanesWasm(series, packed, { dedupe });
          const got = viaReader(series, packed, dedupe);
          if (got.merged) merged++;
          for (let f = 0; f < NO; f++) {
            for (let j = 0; j < packed.count; j++) {
              const a = got.out[f * packed.count + j]!;
              const b = ref.out[f * ref.stride + j]!;
              if (!Object.is(a, b)) throw new Error(`field ${f} lane ${j} dedupe ${dedupe}: ${a} != ${b}`);
            }
          }
        }
      }),
      { numRuns: 60, seed: 20_261_203 },
    );
    // The merged path was exercised, not only the plain one.
    expect(merged).toBeGreaterThan(10);
  });
});

describe('prepareApyColumns', () => {
  it('equals prepareSeries of the same rows, bit for bit, in both conventions (rows without spot columns)', () => {
    fc.assert(
      fc.property(rowsArb(2, 60), fc.constantFrom<Convention>('exact', 'study'), (rows, convention) => {
        const cols = prepareSeries(rows, convention).data.slice();
        // The APY form: the raw lend and borrow rates in their columns.
        rows.forEach((r, t) => {
          cols[t * ROW_STRIDE + COL_LEND] = r.lendApy;
          cols[t * ROW_STRIDE + COL_BORROW] = r.borrowApy;
        });
        const a = prepareApyColumns(cols, rows.map((r) => r.date), convention);
        const b = prepareSeries(rows, convention);
        expect(Buffer.from(a.data.buffer).equals(Buffer.from(b.data.buffer))).toBe(true);
        expect({ ...a, data: null }).toEqual({ ...b, data: null });
        // The input is not changed (each convention converts its own copy).
        expect(cols[COL_LEND]).toBe(rows[0]!.lendApy);
      }),
      { numRuns: 100, seed: 7 },
    );
  });

  it('refuses a column block that does not match its dates', () => {
    expect(() => prepareApyColumns(new Float64Array(ROW_STRIDE * 3), ['2024-01-01', '2024-01-02'], 'exact')).toThrow(/36 values for 2 dates/);
  });
});

describe('prepareApyColumns in place', () => {
  it('converts the given block itself to the same bits as a copy', () => {
    const [rows] = fc.sample(rowsArb(5, 30), { seed: 3, numRuns: 1 });
    const cols = prepareSeries(rows!, 'exact').data.slice();
    rows!.forEach((r, t) => {
      cols[t * ROW_STRIDE + COL_LEND] = r.lendApy;
      cols[t * ROW_STRIDE + COL_BORROW] = r.borrowApy;
    });
    const copy = prepareApyColumns(cols, rows!.map((r) => r.date), 'exact');
    const same = prepareApyColumns(cols, rows!.map((r) => r.date), 'exact', true);
    expect(same.data).toBe(cols);
    expect(copy.data).not.toBe(cols);
    expect(Buffer.from(same.data.buffer).equals(Buffer.from(copy.data.buffer))).toBe(true);
  });
});
