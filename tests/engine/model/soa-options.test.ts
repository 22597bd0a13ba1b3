/**
 * The struct-of-arrays TypeScript loop implements MODEL.md sections 1-6 only: a lane with any
 * section 10 option is refused with an error naming the lane and the options (never run as if it
 * had none), while default lanes in the same call would have run.
 */
import { describe, expect, it } from 'vitest';
import { prepareSeries } from '../../../engine/data/series.js';
import { resolveParams } from '../../../engine/model/params.js';
import { laneConstants } from '../../../engine/model/reference/lane.js';
import { runLanesSoa } from '../../../engine/model/soa.js';
import { packLanes } from '../../../engine/wasm/lanes.js';
import { flat } from '../../helpers/rows.js';

const rows = [flat(0, 100), flat(1, 101), flat(2, 99)].map((r) => ({ ...r, spotOpen: r.open, spotHigh: r.high, spotLow: r.low, spotClose: r.close }));
const series = prepareSeries(rows, 'exact');

describe('runLanesSoa and the section 10 options', () => {
  it('runs default lanes', () => {
    expect(() => runLanesSoa(series, packLanes([laneConstants(resolveParams({}))]))).not.toThrow();
  });
  it.each([
    ['survivor liquidation', { survivor: 'liquidation' as const }],
    ['legPrices split', { legPrices: 'split' as const }],
    ['partial long liquidation', { long: { liquidation: { kind: 'partial' as const, closeFactor: 0.2, bonus: 0.05 } } }],
  ])('refuses %s, naming the lane', (_name, o) => {
    const lanes = packLanes([laneConstants(resolveParams({})), laneConstants(resolveParams(o))]);
    expect(() => runLanesSoa(series, lanes)).toThrow(/lane 1 uses a MODEL\.md section 10 option/);
  });
});
