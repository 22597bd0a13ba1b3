/**
 * Hand-computed days for the execution options of MODEL.md section 10 (convention exact), on every
 * engine: a survivor closed at the liquidation moment (10.1), a long liquidated on the spot series
 * while the perp series never comes near (10.2), and a three-round partial liquidation with its
 * re-hedge (10.3). Expected values are derived here from the spec's formulas, not from engine code.
 */
import { describe, expect, it } from 'vitest';
import { backtest, type EngineKind } from '../../../engine/backtest.js';
import type { MarketRow } from '../../../engine/data/rows.js';
import type { BacktestResult, ParamOverrides } from '../../../engine/model/types.js';
import { close, day, flat } from '../../helpers/rows.js';
import { waterfallSum } from '../../helpers/market.js';

const ENGINES: EngineKind[] = ['ts', 'wasm'];

// C = 10,000, L = 2, opened at 100: h = 5000, N = 10000, sol = contracts = 100, debt = 5000, margin = 5000.
const BASE: ParamOverrides = {
  capital: 10_000,
  leverage: 2,
  trigger: 999,
  venue: 'hl',
  long: { openFeeBps: 0, closeFeeBps: 0, maintenance: 0.15, penalty: { kind: 'notional', rate: 0.05 } },
  perp: { feeBps: 0, maintenance: 0.025, penalty: { kind: 'equity', rate: 0.5 } },
  transferCost: 3,
};
const P_SHORT = (5000 + 100 * 100) / (100 * 1.025); // 146.34...: E(p) = m N(p) for the short

const spot = (r: MarketRow, o: number, h: number, l: number, c: number): MarketRow => ({ ...r, spotOpen: o, spotHigh: h, spotLow: l, spotClose: c });
const spotFlat = (r: MarketRow, p: number): MarketRow => spot(r, p, p, p, p);

function expectIdentity(r: BacktestResult): void {
  expect(Math.abs(r.finalEquity - r.params.capital - waterfallSum(r.waterfall))).toBeLessThanOrEqual(1e-9 * r.params.capital);
}

describe.each(ENGINES)('MODEL.md section 10, hand-computed (%s engine)', (engine) => {
  const run = (rows: MarketRow[], o: ParamOverrides = {}) => backtest(rows, { ...BASE, ...o }, { engine, events: true, equity: true });

  it('10.1 survivor=liquidation closes the long at the short\'s liquidation price, not at the close', () => {
    // Day 1 spikes to 150 and closes back at 100: the short goes at p_s = 146.34.
    const rows = [flat(0, 100), day(1, 100, 150, 100, 100), flat(2, 100)];
    const eS = 5000 + 100 * (100 - P_SHORT); // 365.85...
    const realisedS = eS - 0.5 * eS;
    const atClose = run(rows);
    const atOnce = run(rows, { survivor: 'liquidation' });
    // survivor close: the long is closed at close_1 = 100 for E = 100*100 - 5000 = 5000.
    expect(close(atClose.finalEquity, realisedS + 5000 - 3)).toBe(true);
    // survivor liquidation: p_surv = p_s * (100/100), inside [100, 150]: E = 100*p_s - 5000.
    const eL = 100 * P_SHORT - 5000;
    expect(close(atOnce.finalEquity, realisedS + eL - 3)).toBe(true);
    const surv = atOnce.events!.find((e) => e.kind === 'close' && e.leg === 'long')!;
    expect(close(surv.price, P_SHORT)).toBe(true);
    expect(close(surv.equityBefore, eL)).toBe(true);
    // pricePnl uses p_surv for the long: 100*(p_s - 100) - 100*(p_s - 100) = 0 (the hedge held).
    expect(close(atOnce.waterfall.pricePnl, 0)).toBe(true);
    expect(close(atClose.waterfall.pricePnl, -100 * (P_SHORT - 100))).toBe(true);
    expect([atOnce.liquidations, atOnce.liquidatedLegs, atOnce.rotations]).toEqual([1, 1, 0]);
    expect(close(atOnce.waterfall.transferCosts, 3)).toBe(true);
    expectIdentity(atOnce);
    expectIdentity(atClose);
  });

  it('10.1 under split: the survivor price is translated by the open ratio and clamped into its own range', () => {
    // Spot opens at 101 (basis 1%) and ranges [99, 140]: p_surv = p_s * 101/100 = 147.8 -> clamped to 140.
    const rows = [spotFlat(flat(0, 100), 100), spot(day(1, 100, 150, 100, 100), 101, 140, 99, 100), spotFlat(flat(2, 100), 100)];
    const r = run(rows, { survivor: 'liquidation', legPrices: 'split' });
    const surv = r.events!.find((e) => e.kind === 'close' && e.leg === 'long')!;
    expect(surv.price).toBe(140);
    const eS = 5000 + 100 * (100 - P_SHORT);
    expect(close(r.finalEquity, 0.5 * eS + (100 * 140 - 5000) - 3)).toBe(true);
    expectIdentity(r);
  });

  it('10.2 split: a spot wick liquidates the long while the perp series stays flat, and positions reopen on their own closes', () => {
    // Day 0 spot closes at 101: sol = 10000/101, contracts = 100, debt = 5000.
    const rows = [spotFlat(flat(0, 100), 101), spot(flat(1, 100), 101, 101, 55, 101), spotFlat(flat(2, 100), 102)];
    const perp = run(rows);
    expect(perp.liquidations).toBe(0);
    expect(perp.finalEquity).toBe(10_000); // one price series, flat: nothing happens
    const r = run(rows, { legPrices: 'split' });
    const sol = 10_000 / 101;
    const pl = 5000 / (sol * 0.85); // 59.41: spot low 55 <= pl, executes at min(pl, spot open 101)
    const eL = sol * pl - 5000; // = 5000 * 0.15/0.85
    const pen = Math.min(0.05 * sol * pl, eL);
    const W = eL - pen + 5000 - 3; // the short closes at the perp close 100 for its margin 5000
    const liq = r.events!.find((e) => e.kind === 'liquidation')!;
    expect(liq.leg).toBe('long');
    expect(close(liq.price, pl)).toBe(true);
    expect(close(liq.equityBefore, eL)).toBe(true);
    expect(close(r.waterfall.penalties, pen)).toBe(true);
    // Reopen at close_1: sol' = (2W/2)/101 on spot, contracts' = W/100 on perp. Day 2 spot +1.
    expect(close(r.waterfall.pricePnl, sol * (pl - 101) + (W / 101) * (102 - 101))).toBe(true);
    expect(close(r.finalEquity, W + (W / 101) * (102 - 101))).toBe(true);
    expect([r.liquidations, r.liquidatedLegs, r.rotations]).toEqual([1, 1, 0]);
    // Health of the long is taken at the spot low with the start-of-day state.
    expect(r.minHealthLong).toBe(0);
    expectIdentity(r);
  });

  it('10.2 split: the open puts the basis in the position (sol = N/spot_close, contracts = N/close)', () => {
    const rows = [spotFlat(flat(0, 100), 98), spotFlat(flat(1, 100), 98), spotFlat(flat(2, 110), 107.8)];
    const r = run(rows, { legPrices: 'split' });
    // Both legs are 10,000 notional: long +10% on spot (98 -> 107.8), short -10% on perp.
    const sol = 10_000 / 98;
    const expected = 10_000 + sol * (107.8 - 98) - 100 * (110 - 100);
    expect(close(r.finalEquity, expected)).toBe(true);
    expectIdentity(r);
  });

  it('10.3 partial:0.3:0.05 on a gap: three rounds, then the re-hedge; the day goes on without a rotation', () => {
    // Day 1 gaps open to 55 (< p_l = 58.82): rounds at p = 55. Perp fee 4.5 bps to see the re-hedge fee.
    const rows = [flat(0, 100), day(1, 55, 70, 50, 60), flat(2, 60)];
    const r = run(rows, { perp: { ...BASE.perp, feeBps: 4.5 }, long: { ...BASE.long, liquidation: { kind: 'partial', closeFactor: 0.3, bonus: 0.05 } } });
    const p = 55;
    let sol = 100;
    let debt = 5000;
    const rounds: { r: number; s: number; bonus: number }[] = [];
    for (const expectUnder of [true, true, true]) {
      expect(sol * p - debt <= 0.15 * sol * p).toBe(expectUnder);
      const rep = 0.3 * debt;
      const s = (rep * 1.05) / p;
      rounds.push({ r: rep, s, bonus: s * p - rep });
      sol -= s;
      debt -= rep;
    }
    // After three rounds the long is above maintenance at 55: 2050.75*0.85 < 2050.75 - 1715.
    expect(sol * p - debt <= 0.15 * sol * p).toBe(false);
    expect(rounds.map((x) => x.r)).toEqual([1500, 1050, 735]);
    const partial = r.events!.filter((e) => e.kind === 'partial');
    expect(partial.length).toBe(3);
    partial.forEach((e, i) => {
      expect(e.price).toBe(55);
      expect(close(e.repaid!, rounds[i]!.r)).toBe(true);
      expect(close(e.seized!, rounds[i]!.s)).toBe(true);
      expect(close(e.cost, rounds[i]!.bonus)).toBe(true); // = r * 0.05: 75, 52.5, 36.75
      expect(close(e.equityBefore - e.equityAfter, rounds[i]!.bonus)).toBe(true);
    });
    expect(close(r.waterfall.penalties, 75 + 52.5 + 36.75)).toBe(true);
    // Re-hedge at p_surv = 55 (same series, inside [50, 70]): contracts 100 -> sol.
    const feeOpen = 10_000 * 4.5e-4;
    const closed = 100 - sol;
    const rehedgeFee = closed * 55 * 4.5e-4;
    const hedge = r.events!.find((e) => e.kind === 'rehedge')!;
    expect(hedge.price).toBe(55);
    expect(close(hedge.seized!, closed)).toBe(true);
    expect(close(hedge.repaid!, closed * (100 - 55))).toBe(true);
    expect(close(hedge.cost, rehedgeFee)).toBe(true);
    const margin = 5000 - feeOpen + closed * (100 - 55) - rehedgeFee;
    // No rotation, no transfer: both legs carry on to day 2 (flat 60), then close with the perp fee.
    const F = sol * 60 - debt + (margin + sol * (100 - 60)) - sol * 60 * 4.5e-4;
    expect(close(r.finalEquity, F)).toBe(true);
    expect([r.liquidations, r.liquidatedLegs, r.rotations, r.rebalances]).toEqual([1, 1, 0, 0]);
    expect(r.waterfall.transferCosts).toBe(0);
    // pricePnl splits at the event: long 100*(55-100) + sol*(60-55), short the same with contracts.
    expect(close(r.waterfall.pricePnl, 100 * (55 - 100) + sol * (60 - 55) - (100 * (55 - 100) + sol * (60 - 55)), 1e-9)).toBe(true);
    expectIdentity(r);
    // The default (full) liquidation on the same path rotates and pays the 5% notional penalty instead.
    const full = run(rows, { perp: { ...BASE.perp, feeBps: 4.5 } });
    expect([full.liquidations, full.rotations]).toEqual([1, 0]);
    expect(close(full.waterfall.penalties, Math.min(0.05 * 100 * 55, 100 * 55 - 5000))).toBe(true);
  });

  it('10.3 a round that would seize all the SOL falls back to the full liquidation of section 5', () => {
    // Gap to 40: E = 4000 - 5000 < 0. CF = 1: s = 5000*1.05/40 = 131 >= 100 sol: full, bad debt 1000.
    const rows = [flat(0, 100), day(1, 40, 41, 38, 40), flat(2, 40)];
    const r = run(rows, { long: { ...BASE.long, liquidation: { kind: 'partial', closeFactor: 1, bonus: 0.05 } } });
    expect(r.events!.filter((e) => e.kind === 'partial').length).toBe(0);
    expect(close(r.waterfall.badDebt, 1000)).toBe(true);
    expect(close(r.finalEquity, 11_000 - 3)).toBe(true);
    expect([r.liquidations, r.liquidatedLegs]).toEqual([1, 1]);
    expectIdentity(r);
  });

  it('10.3 at step 2: an accrual liquidation runs the rounds at the close, re-hedges at the close, then the trigger step', () => {
    // Day 1: low 59 stays above p_l = 58.82; a borrow APY of 10,000% adds (101^(1/365) - 1) x 5000 of
    // interest, so at the close 59.5 the long is under maintenance after accrual.
    const rows = [flat(0, 100), day(1, 100, 100, 59, 59.5, 0, 0, 100), flat(2, 59.5)];
    const r = run(rows, { long: { ...BASE.long, liquidation: { kind: 'partial', closeFactor: 0.2, bonus: 0.05 } } });
    const debt = 5000 + 5000 * (Math.pow(101, 1 / 365) - 1);
    expect(100 * 59.5 - debt <= 0.15 * 100 * 59.5).toBe(true);
    const rep = 0.2 * debt;
    const seized = (rep * 1.05) / 59.5;
    // One round suffices: (100 - s)*59.5 - (debt - r) > 0.15 (100 - s)*59.5.
    expect((100 - seized) * 59.5 - (debt - rep) > 0.15 * (100 - seized) * 59.5).toBe(true);
    const day1 = r.events!.filter((e) => e.day === 1);
    expect(day1.map((e) => e.kind).slice(0, 2)).toEqual(['partial', 'rehedge']);
    expect(close(day1[0]!.repaid!, rep)).toBe(true);
    expect(close(day1[0]!.seized!, seized)).toBe(true);
    expect(day1[0]!.price).toBe(59.5);
    expect(day1[1]!.price).toBe(59.5);
    expect(close(day1[1]!.seized!, seized)).toBe(true); // contracts 100 -> 100 - s
    // The long's leverage after the round, N/E = 4886.6/835.7 = 5.85, is above T_long = 0.8/0.15: step 3 acts.
    expect(['rebalance', 'rotation']).toContain(day1[2]!.kind);
    expect(r.liquidations).toBe(1);
    expect(close(r.waterfall.penalties, rep * 0.05)).toBe(true);
    expectIdentity(r);
  });

  it('rejects legPrices split on a series without spot columns, naming the option', () => {
    expect(() => run([flat(0, 100), flat(1, 100)], { legPrices: 'split' })).toThrow(/legPrices: split needs the spot_open/);
  });
});
