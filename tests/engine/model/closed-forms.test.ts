/**
 * Closed forms on flat data (constant price, rates and funding), derived here from MODEL.md with
 * `Math.pow` compounding, against the day-step engines: the static model's carry and funding under both
 * conventions, and a fees-only run.
 */
import { describe, expect, it } from 'vitest';
import { backtest, type EngineKind } from '../../../engine/backtest.js';
import { close, flat } from '../../helpers/rows.js';

const ENGINES: EngineKind[] = ['ts', 'wasm'];

describe.each(ENGINES)('closed forms on flat data (%s engine)', (engine) => {
  it('static, exact: compounding carry plus linear funding', () => {
    const p = 50, D = 121, lendApy = 0.08, borrowApy = 0.12, f = 0.0003;
    const rows = Array.from({ length: D }, (_, t) => flat(t, p, f, lendApy, borrowApy));
    const C = 25_000, L = 3, fo = 10 / 1e4, fc = 5 / 1e4, fp = 4 / 1e4;
    const r = backtest(rows, { capital: C, leverage: L, model: 'static', long: { openFeeBps: 10, closeFeeBps: 5 }, perp: { feeBps: 4 } }, { engine });
    const l = Math.pow(1 + lendApy, 1 / 365) - 1;
    const b = Math.pow(1 + borrowApy, 1 / 365) - 1;
    const h = C / 2, N = L * h, n = D - 1;
    const sol0 = N / p, debt0 = N - h + N * fo, margin0 = h - N * fp;
    const solF = sol0 * Math.pow(1 + l, n);
    const debtF = debt0 * Math.pow(1 + b, n);
    const marginF = margin0 + n * N * f;
    const F = solF * p - debtF - solF * p * fc + marginF - N * fp;
    expect(close(r.finalEquity, F, 1e-11)).toBe(true);
    expect(close(r.waterfall.lendIncome, p * sol0 * (Math.pow(1 + l, n) - 1), 1e-11)).toBe(true);
    expect(close(r.waterfall.borrowInterest, debt0 * (Math.pow(1 + b, n) - 1), 1e-11)).toBe(true);
    expect(close(r.waterfall.funding, n * N * f, 1e-11)).toBe(true);
    expect(close(r.waterfall.fees, N * fo + N * fp + solF * p * fc + N * fp, 1e-11)).toBe(true);
    expect(Math.abs(r.waterfall.pricePnl)).toBeLessThan(1e-9);
    expect(close(r.annualized, Math.pow(F / C, 365 / n) - 1, 1e-10)).toBe(true);
    expect([r.liquidations, r.rebalances, r.rotations, r.maxDrawdown > 0]).toEqual([0, 0, 0, false]);
  });

  it('study: simple daily rates, accrual on every day including day 0, gas and split open fee', () => {
    const p = 80, D = 60, lendApy = 0.05, borrowApy = 0.09, f = -0.0002;
    const rows = Array.from({ length: D }, (_, t) => flat(t, p, f, lendApy, borrowApy));
    const C = 10_000, L = 2;
    const r = backtest(rows, { convention: 'study', capital: C, leverage: L, venue: 'drift' }, { engine });
    const h = C / 2, N = L * h;
    const fee = N * (15 + 3.5) / 1e4 + 2;
    const sol0 = N / p, debt0 = h * (L - 1) + fee / 2, margin0 = h - fee / 2;
    const solF = sol0 * Math.pow(1 + lendApy / 365, D);
    const debtF = debt0 * Math.pow(1 + borrowApy / 365, D);
    const marginF = margin0 + D * N * f;
    const F = solF * p - debtF + marginF - N * 3.5 / 1e4;
    expect(close(r.finalEquity, F, 1e-11)).toBe(true);
    expect(close(r.annualized, (F / C - 1) * 365 / D, 1e-10)).toBe(true);
  });

  it('fees only: flat price, no carry, no funding', () => {
    const rows = Array.from({ length: 30 }, (_, t) => flat(t, 100));
    const C = 10_000, L = 2.5;
    const r = backtest(rows, { capital: C, leverage: L, long: { openFeeBps: 15, closeFeeBps: 7 }, perp: { feeBps: 4.5 } }, { engine });
    const N = L * C / 2;
    expect(close(r.finalEquity, C - N * (15 + 7 + 2 * 4.5) / 1e4, 1e-12)).toBe(true);
    expect(close(r.waterfall.fees, N * (15 + 7 + 2 * 4.5) / 1e4, 1e-12)).toBe(true);
    expect([r.waterfall.lendIncome, r.waterfall.borrowInterest, r.waterfall.funding, r.waterfall.transferCosts]).toEqual([0, 0, 0, 0]);
  });
});
