/**
 * Named regressions of the f64x2 kernel, each a path the random generators did not reach.
 *
 * qMax widened by a replayed day: the vector path's health filter skips the division when
 * `m*N < qMax*E`. An earlier version folded into qMax the q values it had computed for a day that
 * was then replayed on the scalar path, including the post-accrual q of a lane liquidated
 * intraday, which the reference never computes. Here the short is liquidated on day 1 while a
 * borrow-rate spike makes that hypothetical post-accrual long worse than anything the reference
 * sees; the long then dips into that band and recovers, so the old filter skipped the day that
 * sets the long's minimum health (54.797 instead of 53.663).
 */
import { describe, expect, it } from 'vitest';
import { formatIsoDay, parseIsoDay } from '../../../engine/data/dates.js';
import type { MarketRow } from '../../../engine/data/rows.js';
import { prepareSeries } from '../../../engine/data/series.js';
import { resolveParams } from '../../../engine/model/params.js';
import { laneConstants } from '../../../engine/model/reference/lane.js';
import { runReference } from '../../../engine/model/reference/run.js';
import { laneFigures } from '../../../engine/wasm/grid.js';
import { packLanes, runLanesWasm } from '../../../engine/wasm/lanes.js';
import { firstDifference } from './compare.js';

function rowsOf(closes: readonly number[], day1: Partial<MarketRow>): MarketRow[] {
  const start = parseIsoDay('2025-03-01')!;
  return closes.map((close, t) => {
    const open = t === 0 ? close : closes[t - 1]!;
    const base = { date: formatIsoDay(start + t), open, high: Math.max(open, close), low: Math.min(open, close), close, funding: 0, lendApy: 0, borrowApy: 0 };
    return t === 1 ? { ...base, ...day1 } : base;
  });
}

describe('f64x2 kernel regressions', () => {
  it('a replayed day does not widen the health filter (short liquidated intraday, borrow spike)', () => {
    const rows = rowsOf([100, 100, 99.5, 99, 98.8, 99.5, 100, 101], { high: 300, borrowApy: 1e6 });
    const series = prepareSeries(rows, 'exact');
    const p = resolveParams({ leverage: 3, trigger: 999, capital: 10_000 });
    const ref = runReference(series, p, { events: true });
    // The path does what the regression needs: the short goes on day 1, the long survives.
    expect(ref.events!.some((e) => e.day === 1 && e.kind === 'liquidation' && e.leg === 'short')).toBe(true);
    expect(ref.figures.liquidatedLegs).toBe(1);
    for (const simd of [true, false]) {
      const r = runLanesWasm(series, packLanes([laneConstants(p)]), { simd });
      expect(firstDifference(laneFigures(r, 0), ref.figures), `simd ${simd}`).toBeNull();
    }
  });
});
