/**
 * fast-check arbitraries shared by the model tests: valid daily market paths (ordinary and
 * event-heavy: gaps, spikes, funding and rate shocks) and valid parameter sets per convention.
 */
import fc from 'fast-check';
import { formatIsoDay } from '../../engine/data/dates.js';
import type { MarketRow } from '../../engine/data/rows.js';
import { resolveParams } from '../../engine/model/params.js';
import type { BacktestParams, Convention, ParamOverrides, Waterfall } from '../../engine/model/types.js';

const dayArb = (wild: boolean, trend = 0) =>
  fc.record({
    ret: trend !== 0 ? fc.double({ min: Math.min(0, trend), max: Math.max(0, trend), noNaN: true }) : fc.double({ min: wild ? -0.6 : -0.12, max: wild ? 0.8 : 0.12, noNaN: true }),
    gap: fc.double({ min: wild ? -0.7 : -0.01, max: wild ? 1.5 : 0.01, noNaN: true }),
    up: fc.double({ min: 0, max: wild ? 0.6 : 0.08, noNaN: true }),
    down: fc.double({ min: 0, max: wild ? 0.5 : 0.08, noNaN: true }),
    funding: fc.double({ min: wild ? -0.2 : -0.003, max: wild ? 0.2 : 0.003, noNaN: true }),
    lend: fc.double({ min: 0, max: wild ? 3 : 0.2, noNaN: true }),
    borrow: fc.double({ min: 0, max: wild ? 5 : 0.5, noNaN: true }),
  });

/** Build valid rows from per-day draws. */
function buildRows(start: number, days: { ret: number; gap: number; up: number; down: number; funding: number; lend: number; borrow: number }[]): MarketRow[] {
  let close = start;
  return days.map((d, t) => {
    const open = t === 0 ? close : Math.max(0.01, close * (1 + d.gap));
    const next = Math.max(0.01, open * (1 + d.ret));
    const high = Math.max(open, next) * (1 + d.up);
    const low = Math.max(0.005, Math.min(open, next) * (1 - d.down));
    close = next;
    return { date: formatIsoDay(19_000 + t), open, high, low: Math.min(low, open, next), close: next, funding: d.funding, lendApy: d.lend, borrowApy: d.borrow };
  });
}

/** A valid market path; `wild` makes liquidations, gaps, bad debt and ruin common. */
export function marketArb(opts: { minDays?: number; maxDays?: number; wild?: boolean; trend?: number } = {}): fc.Arbitrary<MarketRow[]> {
  const wild = opts.wild ?? false;
  return fc
    .tuple(fc.double({ min: 1, max: 500, noNaN: true }), fc.array(dayArb(wild, opts.trend ?? 0), { minLength: opts.minDays ?? 2, maxLength: opts.maxDays ?? 60, size: 'max' }))
    .map(([start, days]) => buildRows(start, days));
}

/** A mix of calm, trending (rebalance-heavy) and wild (liquidation-heavy) paths. */
export function mixedMarketArb(maxDays = 60): fc.Arbitrary<MarketRow[]> {
  return fc.oneof(
    marketArb({ maxDays }),
    marketArb({ maxDays, trend: 0.05 }),
    marketArb({ maxDays, trend: -0.04 }),
    marketArb({ maxDays, wild: true }),
  );
}

const penaltyArb = fc.record({ kind: fc.constantFrom('equity' as const, 'notional' as const), rate: fc.double({ min: 0, max: 1, noNaN: true }) });

/** Valid resolved parameters for a convention (invalid draws are mapped onto a valid trigger). */
export function paramsArb(convention: Convention): fc.Arbitrary<BacktestParams> {
  return fc
    .record({
      capital: fc.double({ min: 100, max: 2e6, noNaN: true }),
      venue: fc.constantFrom('hl' as const, 'drift' as const),
      model: convention === 'study' ? fc.constant('rebalance' as const) : fc.constantFrom('static' as const, 'rebalance' as const, 'rotation' as const),
      leverage: fc.double({ min: 1, max: 4, noNaN: true }),
      triggerFactor: fc.oneof(fc.double({ min: 1.2, max: 5, noNaN: true }), fc.constant(1.2), fc.constant(999)),
      overrideLong: fc.option(fc.record({ openFeeBps: fc.double({ min: 0, max: 50, noNaN: true }), closeFeeBps: fc.double({ min: 0, max: 20, noNaN: true }), maintenance: fc.double({ min: 0.02, max: 0.2, noNaN: true }), penalty: penaltyArb })),
      overridePerp: fc.option(fc.record({ feeBps: fc.double({ min: 0, max: 20, noNaN: true }), maintenance: fc.double({ min: 0.01, max: 0.2, noNaN: true }), penalty: penaltyArb })),
      transferCost: fc.option(fc.double({ min: 0, max: 100, noNaN: true })),
    })
    .map((d) => {
      const o: ParamOverrides = { convention, capital: d.capital, venue: d.venue, model: d.model };
      if (d.overrideLong) o.long = convention === 'study' ? { ...d.overrideLong, closeFeeBps: 0 } : d.overrideLong;
      if (d.overridePerp) o.perp = d.overridePerp;
      if (d.transferCost !== null) o.transferCost = d.transferCost;
      const mLong = o.long?.maintenance ?? (convention === 'study' ? undefined : 0.15);
      const mPerp = o.perp?.maintenance;
      // Keep leverage inside the valid region: L <= 0.8/(1.2 m) on each leg.
      const base = resolveParams({ ...o, leverage: 1, trigger: 999 });
      const mMax = Math.max(mLong ?? base.long.maintenance, mPerp ?? base.perp.maintenance);
      const lMax = Math.max(1, (0.8 / 1.2 / mMax) * 0.999);
      const leverage = Math.min(d.leverage, lMax);
      const trigger = d.triggerFactor === 999 ? 999 : d.triggerFactor * leverage;
      return resolveParams({ ...o, leverage, trigger });
    });
}

/** Recompute `F - C` from the waterfall terms (section 6). */
export function waterfallSum(w: Waterfall): number {
  return w.lendIncome - w.borrowInterest + w.funding - w.fees - w.transferCosts - w.penalties + w.pricePnl + w.badDebt;
}
