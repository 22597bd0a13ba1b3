/**
 * Safety gates are pure allow/deny functions that fail closed: each denial path (halted, reducing,
 * stale or non-finite data, order size, health for opens/withdrawals/borrows, unknown commands) and the
 * trading-state transitions, including that `halted` is sticky.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, checkCommand, nextTradingState, type GateContext, type VenueCommand } from '../../../engine/safety/gates.js';

const ctx: GateContext = { price: 100, dataAgeMs: 0, perpHealth: 90, spotHealth: 90 };
const open: VenueCommand = { venue: 'perp', command: { type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 10n ** 10n } };
const close: VenueCommand = { venue: 'perp', command: { type: 'CLOSE_POSITION', marketIndex: 0 } };
const withdraw: VenueCommand = { venue: 'perp', command: { type: 'WITHDRAW', amount: 1_000_000n } };
const borrow: VenueCommand = { venue: 'spot', command: { type: 'SPOT_BORROW', amount: 1_000_000n } };
const repay: VenueCommand = { venue: 'spot', command: { type: 'SPOT_REPAY', amount: 1_000_000n } };

describe('safety gates', () => {
  it('active state allows a sane open, close, withdrawal and borrow', () => {
    for (const c of [open, close, withdraw, borrow, repay]) expect(checkCommand('active', c, ctx, DEFAULT_LIMITS)).toEqual({ allow: true });
  });

  it('halted denies everything, even closes', () => {
    for (const c of [open, close, withdraw, repay]) {
      const d = checkCommand('halted', c, ctx, DEFAULT_LIMITS);
      expect(d.allow).toBe(false);
      if (!d.allow) expect(d.gate).toBe('trading-state');
    }
  });

  it('reducing allows only risk-reducing commands', () => {
    expect(checkCommand('reducing', close, ctx, DEFAULT_LIMITS).allow).toBe(true);
    expect(checkCommand('reducing', repay, ctx, DEFAULT_LIMITS).allow).toBe(true);
    expect(checkCommand('reducing', open, ctx, DEFAULT_LIMITS)).toEqual({ allow: false, gate: 'trading-state', reason: 'reducing: only risk-reducing commands' });
    expect(checkCommand('reducing', borrow, ctx, DEFAULT_LIMITS).allow).toBe(false);
  });

  it('fails closed on stale, missing or non-finite data, but still lets risk go down', () => {
    for (const bad of [{ ...ctx, dataAgeMs: DEFAULT_LIMITS.maxDataAgeMs + 1 }, { ...ctx, price: Number.NaN }, { ...ctx, perpHealth: Number.POSITIVE_INFINITY - Number.POSITIVE_INFINITY }]) {
      const d = checkCommand('active', open, bad, DEFAULT_LIMITS);
      expect(d.allow === false && d.gate === 'data').toBe(true);
      expect(checkCommand('active', close, bad, DEFAULT_LIMITS).allow).toBe(true);
    }
  });

  it('denies oversized orders and new risk or withdrawals at low health', () => {
    const big: VenueCommand = { venue: 'spot', command: { type: 'SPOT_OPEN', equity: 1n, notional: 2_000_000n * 1_000_000n } };
    expect(checkCommand('active', big, ctx, DEFAULT_LIMITS)).toMatchObject({ allow: false, gate: 'order-size' });
    expect(checkCommand('active', open, { ...ctx, spotHealth: 49 }, DEFAULT_LIMITS)).toMatchObject({ allow: false, gate: 'health' });
    expect(checkCommand('active', withdraw, { ...ctx, perpHealth: 79 }, DEFAULT_LIMITS)).toMatchObject({ allow: false, gate: 'health' });
    expect(checkCommand('active', borrow, { ...ctx, spotHealth: 70 }, DEFAULT_LIMITS).allow).toBe(true); // a 2x lending leg sits at 70
    expect(checkCommand('active', borrow, { ...ctx, spotHealth: 49 }, DEFAULT_LIMITS)).toMatchObject({ allow: false, gate: 'health' });
  });

  it('denies unknown commands', () => {
    const weird = { venue: 'perp', command: { type: 'TRANSFER_ALL' } } as unknown as VenueCommand;
    expect(checkCommand('active', weird, ctx, DEFAULT_LIMITS)).toMatchObject({ allow: false, gate: 'unknown-command' });
  });

  it('trading state: reducing below health 30, halted on stale data, halted is sticky', () => {
    expect(nextTradingState('active', ctx, DEFAULT_LIMITS)).toBe('active');
    expect(nextTradingState('active', { ...ctx, perpHealth: 29 }, DEFAULT_LIMITS)).toBe('reducing');
    expect(nextTradingState('reducing', ctx, DEFAULT_LIMITS)).toBe('active');
    expect(nextTradingState('active', { ...ctx, dataAgeMs: DEFAULT_LIMITS.maxDataAgeMs + 1 }, DEFAULT_LIMITS)).toBe('halted');
    expect(nextTradingState('active', { ...ctx, price: Number.NaN }, DEFAULT_LIMITS)).toBe('halted');
    expect(nextTradingState('halted', ctx, DEFAULT_LIMITS)).toBe('halted');
  });
});
