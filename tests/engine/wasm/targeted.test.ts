/**
 * Targeted parity: generators built to force the rare paths of the kernel (both legs liquidated
 * on one day, bad debt from a gap at the open, rebalances refused into rotations, ruin, the
 * survivor of an intraday liquidation under a rate spike), each checked bit for bit against the
 * reference, and each checked to actually happen. The last one fails within a dozen runs on the
 * kernel before commit 0ce070e (qMax widened by a replayed day; see regressions.test.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Convention } from '../../../engine/model/types.js';
import { buildRows, dayArb, paramDrawArb, paramsOf, type DayDraw } from './gen.js';
import { compareBatch, emptyCoverage, type Coverage } from './parity-helpers.js';

const SEED = 77_001;
const u = (min: number, max: number) => fc.noBias(fc.integer({ min: 0, max: 1 << 30 })).map((i) => min + (max - min) * (i / (1 << 30)));

/** A calm path with one shock day placed at a random position. */
const shockPath = (shock: fc.Arbitrary<Partial<DayDraw>>) =>
  fc.tuple(u(5, 500), fc.array(dayArb.map((x) => ({ ...x, ret: x.ret / 4, gap: 0, up: x.up / 4, down: x.down / 4 })), { minLength: 3, maxLength: 30 }), shock, u(0, 1))
    .map(([p0, days, s, where]) => {
      const at = 1 + Math.floor(where * (days.length - 1));
      return buildRows(p0, days.map((x, t) => (t === at ? { ...x, ...s } : x)));
    });

/** Both legs through their liquidation prices in one day: a huge high and a deep low. */
const bothLegs = shockPath(fc.record({ up: u(1.5, 4), down: u(0.6, 0.9), ret: u(-0.05, 0.05) }));
/** A gap at the open far beyond a leg's liquidation price: the leg's equity is negative there. */
const gap = shockPath(fc.record({ gap: fc.oneof(u(-0.85, -0.6), u(1.5, 4)), ret: u(-0.02, 0.02), up: fc.constant(0), down: fc.constant(0) }));
/** One leg liquidated intraday while a rate spike worsens the survivor, then calm days (see regressions.test.ts). */
const spikeAndSurvive = shockPath(
  fc.record({ up: u(1, 3), down: fc.constant(0), ret: u(-0.01, 0.01), borrow: u(1e3, 1e6), lend: fc.constant(0), funding: u(-0.05, 0) }),
);
/** Choppy markets for small accounts with costly transfers: refused rebalances and erosion to ruin. */
const choppy = fc.tuple(u(5, 500), fc.array(dayArb, { minLength: 20, maxLength: 60 })).map(([p0, d]) => buildRows(p0, d));

function run(name: string, convention: Convention, rows: fc.Arbitrary<ReturnType<typeof buildRows>>, lanes: ReturnType<typeof paramDrawArb>, check: (c: Coverage) => void, numRuns = 200): void {
  it(`${convention}: ${name}`, () => {
    const cov = emptyCoverage();
    fc.assert(
      fc.property(rows, fc.array(lanes, { minLength: 2, maxLength: 6 }), (r, draws) => {
        expect(compareBatch(r, draws.map((x) => paramsOf(x, convention)), cov)).toBeNull();
      }),
      { seed: SEED, numRuns },
    );
    console.log(`${convention} ${name}`, cov);
    check(cov);
  });
}

const managed = paramDrawArb().map((x) => ({ ...x, model: x.model === 'static' ? ('rebalance' as const) : x.model }));
const poorWithCostlyTransfers = paramDrawArb(u(5, 400), u(1, 60)).map((x) => ({ ...x, model: x.model === 'static' ? ('rotation' as const) : x.model, transferCost: x.transferCost ?? 20 }));
const nearTrigger = paramDrawArb(u(20, 300), u(5, 80)).map((x) => ({ ...x, model: 'rebalance' as const, trigger: 'near' as const, levU: 0.5 + x.levU / 2, transferCost: x.transferCost ?? 30 }));

describe('WASM == reference on forced rare events', () => {
  for (const convention of ['exact', 'study'] as const) {
    run('both legs liquidated on one day', convention, bothLegs, managed, (c) => expect(c.bothLegDays).toBeGreaterThan(20));
    run('bad debt from a gap at the open', convention, gap, managed, (c) => expect(c.badDebtLanes).toBeGreaterThan(20));
    run('ruin by erosion (small capital, costly transfers)', convention, choppy, poorWithCostlyTransfers, (c) => expect(c.ruined).toBeGreaterThan(20));
  }
  run('rebalances refused into rotations', 'exact', choppy, nearTrigger, (c) => expect(c.refusedRebalances).toBeGreaterThan(20));
  run('survivor of an intraday liquidation under a rate spike', 'exact', spikeAndSurvive, managed, (c) => expect(c.liquidations).toBeGreaterThan(20), 300);
});
