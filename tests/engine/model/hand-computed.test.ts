/**
 * Hand-computed days (MODEL.md sections 4-6, convention exact). Each expected value is derived here
 * from the spec's formulas on a 3-day path, independently of the engine's code: a liquidation filled
 * at a gapped open, both legs liquidated on one day, bad debt, a rebalance refused into a rotation,
 * an accepted rebalance, an accrual-driven liquidation, and ruin. Runs on every engine.
 */
import { describe, expect, it } from 'vitest';
import { backtest, type EngineKind } from '../../../engine/backtest.js';
import type { BacktestResult, ParamOverrides } from '../../../engine/model/types.js';
import { close, day, flat } from '../../helpers/rows.js';
import { waterfallSum } from '../../helpers/market.js';

const ENGINES: EngineKind[] = ['ts', 'wasm'];

// C = 10,000, L = 2, opened at 100: h = 5000, N = 10000, sol = contracts = 100, debt = 5000,
// margin = 5000 (fees set to zero so that every number below is plain arithmetic).
const BASE: ParamOverrides = {
  capital: 10_000,
  leverage: 2,
  venue: 'hl',
  long: { openFeeBps: 0, closeFeeBps: 0, maintenance: 0.15, penalty: { kind: 'notional', rate: 0.05 } },
  perp: { feeBps: 0, maintenance: 0.025, penalty: { kind: 'equity', rate: 0.5 } },
  transferCost: 3,
};
const P_SHORT = (5000 + 100 * 100) / (100 * 1.025); // 146.34...: E(p) = m N(p) for the short
const P_LONG = 5000 / (100 * 0.85); // 58.82...: E(p) = m N(p) for the long

function expectIdentity(r: BacktestResult): void {
  expect(Math.abs(r.finalEquity - r.params.capital - waterfallSum(r.waterfall))).toBeLessThanOrEqual(1e-9 * r.params.capital);
}

describe.each(ENGINES)('hand-computed days (%s engine)', (engine) => {
  const run = (rows: ReturnType<typeof flat>[], o: ParamOverrides = {}) =>
    backtest(rows, { ...BASE, ...o }, { engine, events: true, equity: true });

  it('fills a short liquidation at the gapped open (and books the negative equity as bad debt)', () => {
    const r = run([flat(0, 100), day(1, 160, 165, 158, 160), flat(2, 160)]);
    // open 160 > p_s = 146.34: executes at 160, E = 5000 + 100*(100-160) = -1000.
    const liq = r.events!.find((e) => e.kind === 'liquidation')!;
    expect(liq.leg).toBe('short');
    expect(liq.price).toBe(160);
    expect(close(liq.equityBefore, -1000)).toBe(true);
    expect(close(r.waterfall.badDebt, 1000)).toBe(true);
    expect(r.waterfall.penalties).toBe(0);
    // The long survives, closes at 160 for 100*160 - 5000 = 11000; reopen with 11000 - 3.
    expect(close(r.finalEquity, 10_997)).toBe(true);
    expect(close(r.waterfall.pricePnl, 0)).toBe(true);
    expect([r.liquidations, r.liquidatedLegs, r.rotations, r.rebalances]).toEqual([1, 1, 0, 0]);
    expect(r.minHealthShort).toBe(0);
    expectIdentity(r);
  });

  it('liquidates both legs on one day at their liquidation prices, with both penalties', () => {
    const r = run([flat(0, 100), day(1, 100, 150, 55, 100), flat(2, 100)]);
    const eS = 5000 + 100 * (100 - P_SHORT);
    const eL = 100 * P_LONG - 5000;
    const penS = 0.5 * eS;
    const penL = Math.min(0.05 * 100 * P_LONG, eL);
    const W = eS - penS + (eL - penL) - 3;
    expect([r.liquidations, r.liquidatedLegs]).toEqual([1, 2]);
    expect(close(r.waterfall.penalties, penS + penL)).toBe(true);
    expect(close(r.waterfall.pricePnl, 100 * (P_LONG - 100) - 100 * (P_SHORT - 100))).toBe(true);
    expect(close(r.finalEquity, W)).toBe(true);
    expect(r.waterfall.badDebt).toBe(0);
    const prices = r.events!.filter((e) => e.kind === 'liquidation').map((e) => [e.leg, e.price]);
    expect(prices.length).toBe(2);
    expect(close(prices.find((p) => p[0] === 'long')![1] as number, P_LONG)).toBe(true);
    expect(close(prices.find((p) => p[0] === 'short')![1] as number, P_SHORT)).toBe(true);
    expectIdentity(r);
  });

  it('books bad debt when the long gaps through its liquidation price', () => {
    const r = run([flat(0, 100), day(1, 40, 41, 38, 40), flat(2, 40)]);
    // Executes at min(58.82, open 40) = 40: E = 4000 - 5000 = -1000; penalty min(200, 0) = 0.
    expect(close(r.waterfall.badDebt, 1000)).toBe(true);
    expect(r.waterfall.penalties).toBe(0);
    expect(close(r.finalEquity, 11_000 - 3)).toBe(true);
    expect(r.events!.find((e) => e.kind === 'liquidation')!.price).toBe(40);
    expectIdentity(r);
  });

  it('refuses a rebalance that would leave a leg at or above its trigger, and rotates instead', () => {
    // T = 2.4 = 1.2L. Close 130: E_long 8000, E_short 2000 (lev 6.5 >= 2.4). x = 3000: after the
    // transfer E_long 5000, N 13000 -> 2.6 >= 2.4, so the rebalance is refused: rotate.
    const r = run([flat(0, 100), day(1, 100, 130, 100, 130), flat(2, 130)], { trigger: 2.4 });
    expect([r.rotations, r.rebalances, r.liquidations]).toEqual([1, 0, 0]);
    expect(close(r.waterfall.transferCosts, 3)).toBe(true);
    expect(close(r.finalEquity, 10_000 - 3)).toBe(true);
    expect(r.events!.map((e) => e.kind)).toEqual(['open', 'rotation', 'open', 'close']);
    expectIdentity(r);
  });

  it('accepts a rebalance that brings both legs under the trigger', () => {
    // Close 110: E_long 6000, E_short 4000 (lev 2.75). x = 1000: E_long 5000 (2.2), E_short 4997 (2.2013).
    const r = run([flat(0, 100), day(1, 100, 110, 100, 110), flat(2, 110)], { trigger: 2.4 });
    expect([r.rebalances, r.rotations]).toEqual([1, 0]);
    const ev = r.events!.find((e) => e.kind === 'rebalance')!;
    expect(ev.leg).toBe('short');
    expect(close(ev.equityAfter, 10_000 - 3)).toBe(true);
    expect(close(r.finalEquity, 9997)).toBe(true);
    expectIdentity(r);
  });

  it('liquidates after accrual when funding pushes the short to maintenance', () => {
    // funding -0.48: margin 5000 - 4800 = 200 <= 0.025 * 10000 = 250 -> liquidated at the close.
    const r = run([flat(0, 100), flat(1, 100, -0.48), flat(2, 100)]);
    expect([r.liquidations, r.liquidatedLegs]).toEqual([1, 1]);
    expect(close(r.waterfall.funding, -4800)).toBe(true);
    expect(close(r.waterfall.penalties, 100)).toBe(true);
    expect(close(r.finalEquity, 5000 + 100 - 3)).toBe(true);
    expectIdentity(r);
  });

  it('ends ruined when wealth after a liquidation cannot pay the transfer cost', () => {
    // Both legs liquidated (R = 771.16), transfer cost 1000: only R is booked as transfer cost, F = 0.
    const r = run([flat(0, 100), day(1, 100, 150, 55, 100), flat(2, 100), flat(3, 100)], { transferCost: 1000 });
    const eS = 5000 + 100 * (100 - P_SHORT);
    const eL = 100 * P_LONG - 5000;
    const R = eS - 0.5 * eS + (eL - Math.min(0.05 * 100 * P_LONG, eL));
    expect(r.ruined).toBe(true);
    expect(r.finalEquity).toBe(0);
    expect(close(r.waterfall.transferCosts, R)).toBe(true);
    expect(r.waterfall.badDebt).toBe(0);
    expect(r.equity!.length).toBe(2);
    expect(r.maxDrawdown).toBe(1);
    expectIdentity(r);
  });

  it('at ruin books only the remaining wealth as transfer cost, keeping the gapped leg\'s bad debt', () => {
    // The short gaps to 170: E = 5000 - 7000 = -2000 (bad debt 2000, no penalty); the long closes at
    // 170 for 17000 - 5000 = 12000 = R. Transfer cost 20,000 > R: ruin, 12,000 booked, F = 0.
    const r = run([flat(0, 100), day(1, 170, 175, 165, 170), flat(2, 170)], {
      perp: { feeBps: 0, maintenance: 0.025, penalty: { kind: 'equity', rate: 1 } },
      long: { openFeeBps: 0, closeFeeBps: 0, maintenance: 0.15, penalty: { kind: 'notional', rate: 1 } },
      transferCost: 20_000,
    });
    expect(r.ruined).toBe(true);
    expect(close(r.waterfall.transferCosts, 12_000)).toBe(true);
    expect(close(r.waterfall.badDebt, 2000)).toBe(true);
    expectIdentity(r);
  });
});
