/** Command validation: balances and free collateral bound deposits and withdrawals; sizes follow the market. */
import { describe, expect, it } from 'vitest';
import { validateClose, validateDeposit, validateOpen, validateSettle, validateWithdraw } from '../../../../engine/drift/write/validate.js';

const market = { orderStepSize: 100_000n, minOrderSize: 100_000n };

describe('validate', () => {
  it('deposit within the wallet balance', () => {
    expect(validateDeposit('100', 100_000_000n)).toEqual({ type: 'DEPOSIT', amount: 100_000_000n });
    expect(() => validateDeposit('100.000001', 100_000_000n)).toThrow(/exceeds the wallet balance 100/);
  });
  it('withdraw within the free collateral', () => {
    expect(validateWithdraw(5, 5_000_000n)).toEqual({ type: 'WITHDRAW', amount: 5_000_000n });
    expect(() => validateWithdraw('5.01', 5_000_000n)).toThrow(/exceeds the free collateral 5/);
    expect(() => validateWithdraw(-5, 5_000_000n)).toThrow(/invalid amount/);
  });
  it('open: direction, step, minimum, market index', () => {
    expect(validateOpen(0, 'short', '10', market)).toEqual({ type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 10_000_000_000n });
    expect(() => validateOpen(0, 'short', '0.00005', market)).toThrow(/not a multiple/);
    expect(() => validateOpen(0, 'up' as 'long', '1', market)).toThrow(/invalid direction/);
    expect(() => validateOpen(-1, 'long', '1', market)).toThrow(/invalid marketIndex/);
    expect(() => validateOpen(0, 'long', '0.1', { orderStepSize: 100_000n, minOrderSize: 1_000_000_000n })).toThrow(/below the market minimum 1/);
  });
  it('close and settle take a market index', () => {
    expect(validateClose(0)).toEqual({ type: 'CLOSE_POSITION', marketIndex: 0 });
    expect(validateSettle(3)).toEqual({ type: 'SETTLE_PNL', marketIndex: 3 });
    expect(() => validateSettle(1.5)).toThrow(/invalid marketIndex/);
  });
});
