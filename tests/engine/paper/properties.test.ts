/**
 * Seeded fast-check properties of the paper venue over random command sequences (deposits,
 * withdrawals, opens, closes, settlements, price moves, funding, time): health stays in [0, 100]; no
 * accepted open leaves leverage above 10x; slippage is always against the taker and within
 * [0.10%, 0.30%] of notional; no accepted withdrawal leaves health below 80; funding moves equity by the
 * independently computed payment (to 1 quote unit per position for Drift's truncations); settlement
 * conserves equity exactly; a trade moves equity by minus its fee and slippage (to 1 quote unit).
 * On failure fast-check prints the seed and path that replay the counterexample.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/venue/clock.js';
import type { Fill } from '../../../engine/venue/types.js';
import { PaperVenue } from '../../../engine/paper/venue.js';

const USD = 1_000_000n;
const SOL = 1_000_000_000n;
const HOUR = 3_600_000;
const SEED = 20261121;
const RUNS = 150;

type Op =
  | { k: 'deposit'; usd: number }
  | { k: 'withdraw'; frac: number }
  | { k: 'open'; long: boolean; usd: number }
  | { k: 'close'; frac: number }
  | { k: 'settle' }
  | { k: 'time'; ms: number }
  | { k: 'price'; mult: number; fundingRate: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ k: fc.constant('deposit' as const), usd: fc.integer({ min: 1, max: 50_000 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('withdraw' as const), frac: fc.double({ min: 0.001, max: 1, noNaN: true }) }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('open' as const), long: fc.boolean(), usd: fc.integer({ min: 1, max: 250_000 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('close' as const), frac: fc.double({ min: 0.01, max: 1, noNaN: true }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('settle' as const) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('time' as const), ms: fc.integer({ min: 0, max: 6 * HOUR }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('price' as const), mult: fc.double({ min: 0.8, max: 1.25, noNaN: true }), fundingRate: fc.integer({ min: -50_000_000, max: 50_000_000 }) }) },
);

interface Checks {
  onFill?: (fill: Fill) => void;
  onOpen?: (leverage: bigint) => void;
  onWithdraw?: (health: number) => void;
  onTime?: (venue: PaperVenue, before: { equity: bigint; cum: bigint; rate: bigint }, periods: number) => void;
  onSettle?: (before: { equity: bigint; collateral: bigint; unsettled: bigint }, after: { equity: bigint; collateral: bigint; unsettled: bigint }, settled: bigint) => void;
  onTrade?: (equityBefore: bigint, equityAfter: bigint, fill: Fill) => void;
  always?: (venue: PaperVenue) => void;
}

/** Replays `ops` on a fresh venue, calling the checks as events happen. */
function replay(ops: readonly Op[], checks: Checks): void {
  const clock = new ManualClock(1_700_000_000_000);
  const venue = new PaperVenue(clock);
  let price = 150n * USD;
  let rate = 0n;
  venue.setMarket(0, { oraclePrice: price, fundingRate: rate });
  for (const op of ops) {
    const equityBefore = venue.figures().equity;
    switch (op.k) {
      case 'deposit':
        venue.execute({ type: 'DEPOSIT', amount: BigInt(op.usd) * USD });
        break;
      case 'withdraw': {
        const amount = BigInt(Math.floor(Number(venue.figures().collateral) * op.frac));
        const o = venue.execute({ type: 'WITHDRAW', amount });
        if (o.ok && o.value.type === 'WITHDRAW') checks.onWithdraw?.(o.value.after.health);
        break;
      }
      case 'open': {
        const base = (BigInt(op.usd) * USD * SOL) / price;
        const o = venue.execute({ type: 'OPEN_POSITION', marketIndex: 0, direction: op.long ? 'long' : 'short', baseAssetAmount: base });
        if (o.ok && o.value.type === 'OPEN_POSITION') {
          checks.onFill?.(o.value.fill);
          checks.onOpen?.(o.value.after.leverage);
          checks.onTrade?.(equityBefore, o.value.after.equity, o.value.fill);
        }
        break;
      }
      case 'close': {
        const pos = venue.position(0);
        const open = pos === undefined ? 0n : pos.baseAssetAmount < 0n ? -pos.baseAssetAmount : pos.baseAssetAmount;
        const size = op.frac >= 0.99 ? undefined : BigInt(Math.floor(Number(open) * op.frac));
        const o = venue.execute({ type: 'CLOSE_POSITION', marketIndex: 0, ...(size === undefined ? {} : { baseAssetAmount: size }) });
        if (o.ok && o.value.type === 'CLOSE_POSITION') {
          checks.onFill?.(o.value.fill);
          checks.onTrade?.(equityBefore, o.value.after.equity, o.value.fill);
        }
        break;
      }
      case 'settle': {
        const f = venue.figures();
        const o = venue.settlePnl(0);
        if (o.ok && o.value.type === 'SETTLE_PNL') {
          const a = o.value.after;
          checks.onSettle?.({ equity: f.equity, collateral: f.collateral, unsettled: f.unsettledPnl }, { equity: a.equity, collateral: a.collateral, unsettled: a.unsettledPnl }, o.value.settled);
        }
        break;
      }
      case 'time': {
        const cum = venue.snapshot().perp[0]!.cumulativeFundingRateLong;
        const periods = Math.floor((clock.now() + op.ms) / HOUR) - Math.floor(clock.now() / HOUR);
        clock.advance(op.ms);
        venue.sync();
        checks.onTime?.(venue, { equity: equityBefore, cum, rate }, periods);
        break;
      }
      case 'price':
        price = (price * BigInt(Math.round(op.mult * 1e6))) / USD;
        rate = BigInt(op.fundingRate);
        venue.setMarket(0, { oraclePrice: price, fundingRate: rate });
        break;
    }
    checks.always?.(venue);
  }
}

/** Every sequence starts with a deposit of $1k-$100k so that most opens are possible. */
const seq = fc
  .tuple(fc.integer({ min: 1000, max: 100_000 }), fc.array(opArb, { minLength: 1, maxLength: 50 }))
  .map(([usd, ops]): Op[] => [{ k: 'deposit', usd }, ...ops]);
const opts = { seed: SEED, numRuns: RUNS };

describe('paper venue properties (seeded)', () => {
  it('health is always an integer in [0, 100]', () => {
    fc.assert(fc.property(seq, (ops) => replay(ops, { always: (v) => {
      const h = v.figures().health;
      expect(Number.isInteger(h) && h >= 0 && h <= 100).toBe(true);
    } })), opts);
  });

  it('no accepted open leaves leverage above 10x (or net value <= 0)', () => {
    let accepted = 0;
    fc.assert(fc.property(seq, (ops) => replay(ops, { onOpen: (lev) => {
      accepted++;
      expect(lev > 0n && lev <= 100_000n).toBe(true);
    } })), opts);
    expect(accepted).toBeGreaterThan(50);
  });

  it('slippage is against the taker and within [0.10%, 0.30%] of notional', () => {
    let fills = 0;
    fc.assert(fc.property(seq, (ops) => replay(ops, { onFill: (f) => {
      fills++;
      expect(f.slippage * 1_000_000n >= f.notional * 1000n && f.slippage * 1_000_000n <= f.notional * 3000n).toBe(true);
      expect(f.side === 'long' ? f.fillPrice >= f.oraclePrice : f.fillPrice <= f.oraclePrice).toBe(true);
    } })), opts);
    expect(fills).toBeGreaterThan(100);
  });

  it('no accepted withdrawal leaves health below 80', () => {
    let accepted = 0;
    fc.assert(fc.property(seq, (ops) => replay(ops, { onWithdraw: (h) => {
      accepted++;
      expect(h).toBeGreaterThanOrEqual(80);
    } })), opts);
    expect(accepted).toBeGreaterThan(20);
  });

  it('funding moves equity by -(periods x rate x base) and settlement conserves equity', () => {
    let fundingChecks = 0;
    let settles = 0;
    fc.assert(fc.property(seq, (ops) => replay(ops, {
      onTime: (venue, before, periods) => {
        const pos = venue.position(0);
        const base = pos?.baseAssetAmount ?? 0n;
        // the payment in exact rationals: periods x rate (1e9 quote/base) x base (1e9) / 1e12
        const ideal = -(BigInt(periods) * before.rate * base);
        const got = (venue.figures().equity - before.equity) * 1_000_000_000_000n;
        const tolerance = 1_000_000_000_000n; // 1 quote unit of Drift truncation
        expect(got - ideal <= tolerance && ideal - got <= tolerance).toBe(true);
        if (base !== 0n && periods > 0 && before.rate !== 0n) fundingChecks++;
      },
      onSettle: (b, a, settled) => {
        settles++;
        expect(a.equity).toBe(b.equity);
        expect(a.collateral - b.collateral).toBe(settled);
        expect(b.unsettled - a.unsettled).toBe(settled);
        expect(a.collateral >= 0n).toBe(true);
      },
    })), opts);
    expect(fundingChecks).toBeGreaterThan(20);
    expect(settles).toBeGreaterThan(20);
  });

  it('a trade moves equity by minus its fee and slippage (1 quote unit of truncation)', () => {
    fc.assert(fc.property(seq, (ops) => replay(ops, { onTrade: (before, after, fill) => {
      const diff = after - before + fill.fee + fill.slippage;
      expect(diff >= -1n && diff <= 1n).toBe(true);
    } })), opts);
  });
});
