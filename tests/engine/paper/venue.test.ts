/**
 * The paper venue's commands, with hand-derived numbers (slippage, fee, funding, settlement, realised
 * PnL worked out from MODEL.md section 8 and Drift's rules, not read back from the code), and every
 * rejection path of every command with its exact error type, checking that a refused command changes
 * nothing.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/venue/clock.js';
import {
  CloseSizeError,
  DirectionConflictError,
  HealthLimitError,
  InsufficientCollateralError,
  InsufficientFreeCollateralError,
  InvalidCommandError,
  LeverageLimitError,
  NoPositionError,
} from '../../../engine/venue/errors.js';
import type { Outcome, PerpCommand, PerpResult } from '../../../engine/venue/types.js';
import { PaperVenue } from '../../../engine/paper/venue.js';

const USD = 1_000_000n;
const SOL = 1_000_000_000n;
const HOUR = 3_600_000;

function venueAt(priceUsd: bigint, depositUsd: bigint): { venue: PaperVenue; clock: ManualClock } {
  const clock = new ManualClock(1_700_000_000_000);
  const venue = new PaperVenue(clock);
  venue.setMarket(0, { oraclePrice: priceUsd * USD, fundingRate: 0n });
  if (depositUsd > 0n) ok(venue.execute({ type: 'DEPOSIT', amount: depositUsd * USD }));
  return { venue, clock };
}

function ok(o: Outcome<PerpResult>): PerpResult {
  if (!o.ok) throw new Error(`expected success, got ${o.error.name}: ${o.error.message}`);
  return o.value;
}

/** Runs `cmd`, expects error class `E`, and checks the account did not change. */
function refused<E>(venue: PaperVenue, cmd: PerpCommand, E: new (...a: never[]) => E): E {
  const before = JSON.stringify({ f: venue.figures(), p: venue.positions(), l: venue.ledger() }, (_, v) => (typeof v === 'bigint' ? `${v}` : v));
  const o = venue.execute(cmd);
  expect(o.ok).toBe(false);
  if (o.ok) throw new Error('unreachable');
  expect(o.error).toBeInstanceOf(E);
  const after = JSON.stringify({ f: venue.figures(), p: venue.positions(), l: venue.ledger() }, (_, v) => (typeof v === 'bigint' ? `${v}` : v));
  expect(after).toBe(before);
  return o.error as E;
}

describe('paper venue: hand-derived trade, funding, settlement', () => {
  it('short 10 SOL at $100: slippage 0.102%, fee 3.5 bps, equity down by both', () => {
    const { venue } = venueAt(100n, 10_000n);
    const r = ok(venue.execute({ type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 10n * SOL }));
    if (r.type !== 'OPEN_POSITION') throw new Error('wrong result');
    // $1,000 notional: 0.10% + 0.20% x 1,000/100,000 = 0.102% => $1.02; fee 0.035% => $0.35
    expect(r.fill.notional).toBe(1000n * USD);
    expect(r.fill.slippage).toBe(1_020_000n);
    expect(r.fill.fee).toBe(350_000n);
    expect(r.fill.fillPrice).toBe(99_898_000n); // (1000 - 1.02) / 10, a sell fills below the oracle
    expect(r.after.equity).toBe(10_000n * USD - 1_370_000n);
    expect(r.after.collateral).toBe(10_000n * USD); // costs are unsettled PnL until settlement
    // health: MMR = 1000 x 5% = 50 on TC 9998.63 => round(99.4999...) = 99
    expect(r.after.health).toBe(Math.round(100 * (1 - 50 / 9998.63)));
  });

  it('hourly funding accrues into unsettled PnL; settlement moves it to collateral, equity unchanged', () => {
    const { venue, clock } = venueAt(100n, 10_000n);
    ok(venue.execute({ type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 10n * SOL }));
    // longs pay shorts $0.01 per SOL per hour (1e9 precision: 1e7)
    venue.setMarket(0, { oraclePrice: 100n * USD, fundingRate: 10_000_000n });
    const before = venue.figures();
    clock.advance(3 * HOUR + 1);
    venue.sync();
    const mid = venue.figures();
    expect(mid.unsettledFunding).toBe(300_000n); // 10 SOL x $0.01 x 3 hours
    expect(mid.equity - before.equity).toBe(300_000n);
    expect(mid.collateral).toBe(before.collateral);
    const s = ok(venue.settlePnl(0));
    if (s.type !== 'SETTLE_PNL') throw new Error('wrong result');
    expect(s.settled).toBe(mid.unsettledPnl);
    expect(s.after.equity).toBe(mid.equity);
    expect(s.after.unsettledPnl).toBe(0n);
    expect(s.after.collateral).toBe(mid.collateral + mid.unsettledPnl);
    expect(venue.ledger().fundingRealised).toBe(300_000n);
  });

  it('closing the short at $90 realises entry proceeds minus buy-back cost', () => {
    const { venue } = venueAt(100n, 10_000n);
    ok(venue.execute({ type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 10n * SOL }));
    venue.setMarket(0, { oraclePrice: 90n * USD, fundingRate: 0n });
    const r = ok(venue.execute({ type: 'CLOSE_POSITION', marketIndex: 0 }));
    if (r.type !== 'CLOSE_POSITION') throw new Error('wrong result');
    // buy 10 SOL at $900 notional: slippage 0.1018% => $0.9162, fee $0.315
    expect(r.fill.slippage).toBe(916_200n);
    expect(r.fill.fee).toBe(315_000n);
    expect(r.fill.fillPrice).toBeGreaterThan(90n * USD);
    expect(r.realizedPnl).toBe(998_980_000n - 900_916_200n);
    // all that is left is unsettled quote: 998.98 - 0.35 - 900.9162 - 0.315
    expect(venue.position(0)?.baseAssetAmount).toBe(0n);
    expect(r.after.equity).toBe(10_000n * USD + 998_980_000n - 350_000n - 900_916_200n - 315_000n);
    ok(venue.settlePnl(0));
    expect(venue.position(0)).toBeUndefined();
  });
});

describe('paper venue: rejection paths', () => {
  it('DEPOSIT: non-positive or oversized amounts are InvalidCommandError', () => {
    const { venue } = venueAt(100n, 0n);
    expect(refused(venue, { type: 'DEPOSIT', amount: 0n }, InvalidCommandError).field).toBe('amount');
    refused(venue, { type: 'DEPOSIT', amount: -5n }, InvalidCommandError);
    refused(venue, { type: 'DEPOSIT', amount: 10n ** 15n + 1n }, InvalidCommandError);
  });

  it('WITHDRAW: bad amount, beyond collateral, beyond free collateral, below health 80', () => {
    const { venue } = venueAt(100n, 1000n);
    refused(venue, { type: 'WITHDRAW', amount: 0n }, InvalidCommandError);
    const e1 = refused(venue, { type: 'WITHDRAW', amount: 1001n * USD }, InsufficientCollateralError);
    expect(e1.available).toBe(1000n * USD);
    // short 80 SOL at $100 on $1,000: 8x, IMR $800 => free collateral ~$200 after costs
    ok(venue.execute({ type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 80n * SOL }));
    const free = venue.figures().freeCollateral;
    expect(free).toBeGreaterThan(0n);
    const e2 = refused(venue, { type: 'WITHDRAW', amount: free + 1n }, InsufficientFreeCollateralError);
    expect(e2.freeCollateral).toBe(free);
    // within free collateral but health would fall below 80: MMR $400 needs TC >= $2,000 for health 80
    const e3 = refused(venue, { type: 'WITHDRAW', amount: 100n * USD }, HealthLimitError);
    expect(e3.healthAfter).toBeLessThan(80);
    expect(e3.minimum).toBe(80);
  });

  it('WITHDRAW follows the program where it is stricter than the SDK: positive uPnL counts at most $100', () => {
    const { venue } = venueAt(100n, 1000n);
    ok(venue.execute({ type: 'OPEN_POSITION', marketIndex: 0, direction: 'long', baseAssetAmount: 10n * SOL }));
    venue.setMarket(0, { oraclePrice: 150n * USD, fundingRate: 0n });
    // SDK: free = 1000 + ~498 uPnL - 150 IMR ~ 1348 > 1000; program: 1000 + 100 - 150 = 950
    expect(venue.figures().freeCollateral).toBeGreaterThan(1000n * USD);
    const e = refused(venue, { type: 'WITHDRAW', amount: 1000n * USD }, InsufficientFreeCollateralError);
    expect(e.freeCollateral).toBe(950n * USD);
    ok(venue.execute({ type: 'WITHDRAW', amount: 950n * USD }));
  });

  it('WITHDRAW is accepted at health >= 80 and without positions', () => {
    const { venue } = venueAt(100n, 10_000n);
    ok(venue.execute({ type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 10n * SOL }));
    const r = ok(venue.execute({ type: 'WITHDRAW', amount: 5_000n * USD }));
    expect(r.after.health).toBeGreaterThanOrEqual(80);
  });

  it('OPEN_POSITION: unknown market, zero or dust size, beyond 10x, opposite side, no equity', () => {
    const { venue } = venueAt(100n, 1000n);
    expect(refused(venue, { type: 'OPEN_POSITION', marketIndex: 3, direction: 'long', baseAssetAmount: SOL }, InvalidCommandError).field).toBe('marketIndex');
    refused(venue, { type: 'OPEN_POSITION', marketIndex: 0, direction: 'long', baseAssetAmount: 0n }, InvalidCommandError);
    refused(venue, { type: 'OPEN_POSITION', marketIndex: 0, direction: 'long', baseAssetAmount: 1000n }, InvalidCommandError); // $0.0001
    const e = refused(venue, { type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 101n * SOL }, LeverageLimitError);
    expect(e.limit).toBe(100_000n);
    expect(e.leverageAfter).toBeGreaterThan(100_000n);
    ok(venue.execute({ type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 50n * SOL }));
    expect(refused(venue, { type: 'OPEN_POSITION', marketIndex: 0, direction: 'long', baseAssetAmount: SOL }, DirectionConflictError).existing).toBe('short');
    // adding beyond the cap to an existing position is refused too
    refused(venue, { type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 51n * SOL }, LeverageLimitError);
    const empty = venueAt(100n, 0n).venue;
    expect(refused(empty, { type: 'OPEN_POSITION', marketIndex: 0, direction: 'long', baseAssetAmount: SOL }, LeverageLimitError).leverageAfter).toBeNull();
  });

  it('OPEN_POSITION before any oracle price is InvalidCommandError', () => {
    const venue = new PaperVenue(new ManualClock(0));
    ok(venue.execute({ type: 'DEPOSIT', amount: 1000n * USD }));
    refused(venue, { type: 'OPEN_POSITION', marketIndex: 0, direction: 'long', baseAssetAmount: SOL }, InvalidCommandError);
  });

  it('CLOSE_POSITION: no position, more than open, zero size; settlePnl without position', () => {
    const { venue } = venueAt(100n, 1000n);
    expect(refused(venue, { type: 'CLOSE_POSITION', marketIndex: 0 }, NoPositionError).marketIndex).toBe(0);
    ok(venue.execute({ type: 'OPEN_POSITION', marketIndex: 0, direction: 'long', baseAssetAmount: 2n * SOL }));
    const e = refused(venue, { type: 'CLOSE_POSITION', marketIndex: 0, baseAssetAmount: 3n * SOL }, CloseSizeError);
    expect(e.open).toBe(2n * SOL);
    refused(venue, { type: 'CLOSE_POSITION', marketIndex: 0, baseAssetAmount: 0n }, InvalidCommandError);
    const s = venue.settlePnl(5);
    expect(s.ok).toBe(false);
    if (!s.ok) expect(s.error).toBeInstanceOf(NoPositionError);
  });

  it('every error has a literal name and is not retryable', () => {
    const { venue } = venueAt(100n, 0n);
    const o = venue.execute({ type: 'WITHDRAW', amount: USD });
    if (o.ok) throw new Error('expected refusal');
    expect(o.error.name).toBe('InsufficientCollateralError');
    expect(o.error.retryable).toBe(false);
    expect(venue.journal.at(-1)?.outcome.ok).toBe(false);
  });
});
