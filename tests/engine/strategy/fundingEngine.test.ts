/**
 * The strategy's decision function, venue-free: hand-computed net APY; each rule (lookback coverage,
 * entry threshold, trading state, open sizing, liquidation-proximity exit, funding stop, MODEL.md
 * rebalance trigger and its rotate fallback, hedge timeout) on hand-built observations; purity.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_STRATEGY, INITIAL_ENGINE_STATE, decide, type Observation } from '../../../engine/strategy/fundingEngine.js';
import { netApy } from '../../../engine/strategy/netApy.js';

const HOUR = 3_600_000;
const NOW = 1_000 * HOUR;
const USD = 1_000_000n;
const hours = (n: number, rate: number) => Array.from({ length: n }, (_, i) => ({ time: NOW - (n - 1 - i) * HOUR, rate }));

function flat(over: Partial<Observation> = {}): Observation {
  return {
    now: NOW, price: 100, funding: hours(200, 0.0001), lendApy: 0.05, borrowApy: 0.08,
    perp: { base: 0n, collateral: 0n, equity: 0n, notional: 0n, health: 100 },
    spot: { sol: 0n, equity: 0n, notional: 0n, health: 100 },
    wallet: 10_000n * USD, tradingState: 'active', ...over,
  };
}

/** Both legs open at 2x on $10k, equities as given (USD). */
function open(perpEquity: number, spotEquity: number, over: Partial<Observation> = {}): Observation {
  return flat({
    perp: { base: -100n * 1_000_000_000n, collateral: 5000n * USD, equity: BigInt(perpEquity) * USD, notional: 10_000n * USD, health: 90 },
    spot: { sol: 100n * 1_000_000_000n, equity: BigInt(spotEquity) * USD, notional: 10_000n * USD, health: 70 },
    wallet: 0n, ...over,
  });
}

describe('netApy', () => {
  it('matches the hand computation for a constant 0.01%/h funding at 2x', () => {
    const r = netApy({ hourlyFunding: [0.0001, 0.0001], lendApy: 0.05, borrowApy: 0.08, leverage: 2, perpFeeBps: 3.5, slippageBps: 10, longOpenFeeBps: 15, longCloseFeeBps: 0, horizonDays: 30 });
    expect(r.fundingApr).toBeCloseTo(0.876, 12); // 0.0001 x 24 x 365
    expect(r.funding).toBeCloseTo(0.876, 12); // L/2 = 1
    expect(r.carry).toBeCloseTo(0.05 - 0.04, 12); // 1 x 5% - 0.5 x 8%
    expect(r.costs).toBeCloseTo((42 / 1e4) * (365 / 30), 12); // 2x3.5 + 2x10 + 15 bps per round trip
    expect(r.net).toBeCloseTo(r.funding + r.carry - r.costs, 12);
  });
});

describe('decide', () => {
  it('skips until the funding history covers the lookback', () => {
    const d = decide(flat({ funding: hours(100, 0.001) }), INITIAL_ENGINE_STATE, DEFAULT_STRATEGY);
    expect(d.commands).toEqual([]);
    expect(d.events[0]?.reason).toMatch(/lookback/);
  });

  it('skips when net APY is below the entry threshold, sweeping idle perp collateral', () => {
    const d = decide(flat({ funding: hours(200, 0), perp: { base: 0n, collateral: 7n * USD, equity: 7n * USD, notional: 0n, health: 100 } }), INITIAL_ENGINE_STATE, DEFAULT_STRATEGY);
    expect(d.events[0]?.kind).toBe('skip');
    expect(d.commands).toEqual([{ venue: 'perp', command: { type: 'WITHDRAW', amount: 7n * USD } }]);
  });

  it('opens both legs, half the capital each at L x, when net APY clears the threshold', () => {
    const d = decide(flat(), INITIAL_ENGINE_STATE, DEFAULT_STRATEGY);
    expect(d.events[0]?.kind).toBe('open');
    expect(d.commands).toEqual([
      { venue: 'spot', command: { type: 'SPOT_OPEN', equity: 5000n * USD, notional: 10_000n * USD } },
      { venue: 'perp', command: { type: 'DEPOSIT', amount: 5000n * USD } },
      { venue: 'perp', command: { type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 100n * 1_000_000_000n } },
    ]);
  });

  it('does not open unless the trading state is active', () => {
    for (const tradingState of ['reducing', 'halted'] as const) {
      expect(decide(flat({ tradingState }), INITIAL_ENGINE_STATE, DEFAULT_STRATEGY).commands).toEqual([]);
    }
  });

  it('exits both legs on liquidation proximity and on a funding stop', () => {
    const close = [{ venue: 'perp', command: { type: 'CLOSE_POSITION', marketIndex: 0 } }, { venue: 'spot', command: { type: 'SPOT_CLOSE' } }];
    const near = open(5000, 5000, {});
    near.perp.health = 24;
    const d1 = decide(near, INITIAL_ENGINE_STATE, DEFAULT_STRATEGY);
    expect(d1.commands).toEqual(close);
    expect(d1.events[0]?.reason).toMatch(/liquidation proximity/);
    const d2 = decide(open(5000, 5000, { funding: hours(200, -0.0001) }), INITIAL_ENGINE_STATE, DEFAULT_STRATEGY);
    expect(d2.commands).toEqual(close);
    expect(d2.events[0]?.reason).toMatch(/funding stop/);
  });

  it('holds inside the triggers, rebalances half the equity gap at the trigger (MODEL.md 5.3)', () => {
    expect(decide(open(4000, 6000), INITIAL_ENGINE_STATE, DEFAULT_STRATEGY).commands).toEqual([]); // 2.5x < 4
    // perp at 10,000/2,400 = 4.17x >= T = 4: move (7,600 - 2,400)/2 = 2,600 to the perp
    const d = decide(open(2400, 7600), INITIAL_ENGINE_STATE, DEFAULT_STRATEGY);
    expect(d.events[0]?.kind).toBe('rebalance');
    expect(d.commands).toEqual([
      { venue: 'spot', command: { type: 'SPOT_BORROW', amount: 2600n * USD } },
      { venue: 'perp', command: { type: 'DEPOSIT', amount: 2600n * USD } },
    ]);
  });

  it('rotates (exits) when a transfer cannot bring both legs under their triggers', () => {
    const d = decide(open(1000, 1500), INITIAL_ENGINE_STATE, DEFAULT_STRATEGY); // 10k/1.25k = 8x on both after
    expect(d.events[0]?.reason).toMatch(/rotating/);
    expect(d.commands.map((c) => c.command.type)).toEqual(['CLOSE_POSITION', 'SPOT_CLOSE']);
  });

  it('never leaves one leg unhedged beyond the timeout', () => {
    const lone = open(5000, 5000, { spot: { sol: 0n, equity: 0n, notional: 0n, health: 100 } });
    const d1 = decide(lone, INITIAL_ENGINE_STATE, DEFAULT_STRATEGY);
    expect(d1.commands).toEqual([]);
    expect(d1.state.unhedgedSince).toBe(NOW);
    const later = { ...lone, now: NOW + DEFAULT_STRATEGY.hedgeTimeoutMs };
    const d2 = decide(later, d1.state, DEFAULT_STRATEGY);
    expect(d2.events[0]?.kind).toBe('hedge-timeout');
    expect(d2.commands).toEqual([{ venue: 'perp', command: { type: 'CLOSE_POSITION', marketIndex: 0 } }]);
    // hedged again: the clock resets
    expect(decide(open(5000, 5000), d2.state, DEFAULT_STRATEGY).state.unhedgedSince).toBeNull();
  });

  it('a leg that fails right after an open decision is unhedged since that decision', () => {
    const opened = decide(flat(), INITIAL_ENGINE_STATE, DEFAULT_STRATEGY);
    expect(opened.state.openedAt).toBe(NOW);
    const lone = open(5000, 5000, { now: NOW + DEFAULT_STRATEGY.hedgeTimeoutMs, perp: { base: 0n, collateral: 5000n * USD, equity: 5000n * USD, notional: 0n, health: 100 } });
    const d = decide(lone, opened.state, DEFAULT_STRATEGY);
    expect(d.events[0]?.kind).toBe('hedge-timeout');
    expect(d.commands).toEqual([{ venue: 'spot', command: { type: 'SPOT_CLOSE' } }]);
  });

  it('is pure: same inputs, same decision, inputs untouched', () => {
    const obs = open(2400, 7600);
    const copy = JSON.stringify(obs, (_, v) => (typeof v === 'bigint' ? `${v}` : v));
    const a = decide(obs, INITIAL_ENGINE_STATE, DEFAULT_STRATEGY);
    const b = decide(obs, INITIAL_ENGINE_STATE, DEFAULT_STRATEGY);
    expect(JSON.stringify(a, (_, v) => (typeof v === 'bigint' ? `${v}` : v))).toBe(JSON.stringify(b, (_, v) => (typeof v === 'bigint' ? `${v}` : v)));
    expect(JSON.stringify(obs, (_, v) => (typeof v === 'bigint' ? `${v}` : v))).toBe(copy);
  });
});
