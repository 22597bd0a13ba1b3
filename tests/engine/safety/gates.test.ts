/**
 * Safety gates are pure allow/deny functions that fail closed: each denial path (halted, reducing,
 * stale or non-finite data, order size, health for opens/withdrawals/borrows, unknown commands) and the
 * trading-state transitions, including that `halted` is sticky.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, checkCommand, checkTransfer, legHealth, nextTradingState, projectTransfer, type GateContext, type VenueCommand } from '../../../engine/safety/gates.js';

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

  describe('a rebalance is judged as one transfer by the projected health of both legs', () => {
    // Lending long: N 15,000, E 2,700 (health 100 (1 - 0.15 x 15000/2700) = 16.7); perp short: N 15,000, E 7,000 (89.3)
    const legs = { spot: { equity: 2_700, notional: 15_000, maintenance: 0.15 }, perp: { equity: 7_000, notional: 15_000, maintenance: 0.05 } };
    const rescue = { from: 'perp' as const, to: 'spot' as const, amount: 2_000_000_000n };

    it('projects both healths (hand-computed)', () => {
      const p = projectTransfer(rescue, legs);
      expect(p.before.spot).toBeCloseTo(100 * (1 - 2250 / 2700), 12);
      expect(p.after.spot).toBeCloseTo(100 * (1 - 2250 / 4700), 12);
      expect(p.after.perp).toBeCloseTo(100 * (1 - 750 / 5000), 12);
      expect(legHealth({ equity: -1, notional: 10, maintenance: 0.1 })).toBe(0);
      expect(legHealth({ equity: 0, notional: 0, maintenance: 0.1 })).toBe(100);
    });

    it('reducing: a transfer that raises the lower leg is allowed although WITHDRAW alone is not', () => {
      const withdrawAlone: VenueCommand = { venue: 'perp', command: { type: 'WITHDRAW', amount: rescue.amount } };
      expect(checkCommand('reducing', withdrawAlone, ctx, DEFAULT_LIMITS).allow).toBe(false);
      expect(checkTransfer('reducing', rescue, legs, ctx)).toMatchObject({ allow: true, riskReducing: true });
    });

    it('reducing: a transfer away from the weaker leg, or one that sinks the other leg below the old minimum, is denied', () => {
      expect(checkTransfer('reducing', { from: 'spot', to: 'perp', amount: 500_000_000n }, legs, ctx)).toMatchObject({ allow: false, gate: 'trading-state', riskReducing: false });
      // moving 6,900 empties the perp leg to 100: its health falls to 100 (1 - 750/100) -> 0, below 16.7
      expect(checkTransfer('reducing', { ...rescue, amount: 6_900_000_000n }, legs, ctx)).toMatchObject({ allow: false, riskReducing: false });
    });

    it('halted denies even a rescue; non-finite figures are never risk-reducing', () => {
      expect(checkTransfer('halted', rescue, legs, ctx)).toMatchObject({ allow: false, gate: 'trading-state' });
      expect(checkTransfer('reducing', rescue, { ...legs, spot: { ...legs.spot, equity: Number.NaN } }, ctx).allow).toBe(false);
    });

    it('active: a transfer that is not risk-reducing is left to the per-command gates', () => {
      expect(checkTransfer('active', { from: 'spot', to: 'perp', amount: 500_000_000n }, legs, ctx)).toMatchObject({ allow: true, riskReducing: false });
    });
  });
});
