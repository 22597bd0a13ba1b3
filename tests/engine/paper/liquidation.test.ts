/**
 * Paper liquidations. Drift's math is checked against the program's own unit-test vectors
 * (protocol-v2 v2.156.0, programs/drift/src/math/liquidation/tests.rs: `calculate_base_asset_amount_to_
 * cover_margin_shortage`, `calculate_perp_if_fee`); the paper venue's `liquidate()` against hand-derived
 * states (a short past its liquidation price leaves liquidation with collateral at or above maintenance
 * plus the 2% buffer, pays exactly the two fees on the part taken over, and a gap beyond bankruptcy
 * leaves bad debt and a zeroed account); the lending leg's MODEL.md 10.3 rounds by hand.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/paper/clock.js';
import { PaperLendingLeg } from '../../../engine/paper/lendingLeg.js';
import { baseToCoverMarginShortage, ceilToStep, perpIfFee } from '../../../engine/paper/perpLiquidation.js';
import { PaperVenue } from '../../../engine/paper/venue.js';

const USD = 1_000_000n;
const SOL = 1_000_000_000n;

describe('Drift liquidation math = the program test vectors (math/liquidation/tests.rs)', () => {
  it('calculate_base_asset_amount_to_cover_margin_shortage', () => {
    const price = 100n * USD;
    expect(baseToCoverMarginShortage(10n * USD, 1000n, 0n, 0n, price)).toBe(SOL); // zero_percent_liquidation_fee
    expect(baseToCoverMarginShortage(10n * USD, 1000n, 0n, 0n, price, 990_000n)).toBe(1_010_101_010n); // usdc_not_one
    expect(baseToCoverMarginShortage(10n * USD, 1000n, 0n, 0n, price, 1_010_000n)).toBe(990_099_009n);
    expect(baseToCoverMarginShortage(10n * USD, 1000n, 10_000n, 0n, price)).toBe((SOL * 10n) / 9n); // one_percent_liquidation_fee
    expect(baseToCoverMarginShortage(10n * USD, 1000n, 10_000n, 10_000n, price)).toBe(1_250_000_000n); // ... and 1% IF fee
    expect(baseToCoverMarginShortage(10n * USD, 100n, 10_000n, 0n, price)).toBeNull(); // ratio <= fee: u64::MAX
  });

  it('calculate_perp_if_fee', () => {
    const args = [100n * USD, 1000n * 0n + 500n, 10_000n, 100n * USD] as const;
    const fee = (shortage: bigint, liquidatorFee = 10_000n, oracle: bigint = args[3]): bigint => perpIfFee(shortage, 10n * SOL, args[1], liquidatorFee, oracle, 50_000n);
    expect(fee(20n * USD)).toBe(19_000n); // 2% x .95
    expect(fee(USD)).toBe(37_050n); // 3.9% x .95
    expect(fee(1000n * USD)).toBe(0n);
    expect(fee(20n * USD, 100_000n)).toBe(0n); // liquidator fee above the margin ratio
    expect(fee(20n * USD, 10_000n, 0n)).toBe(0n);
  });

  it('standardize_base_asset_amount_ceil', () => {
    expect(ceilToStep(10_000_001n, 10_000_000n)).toBe(20_000_000n);
    expect(ceilToStep(20_000_000n, 10_000_000n)).toBe(20_000_000n);
  });
});

describe('paper venue liquidate(): a solvent partial liquidation, by hand', () => {
  // 10 SOL short at $100 with $400 deposited: TC(p) = 400 + 1000 - 10 p, MMR = 0.5 p.
  // Liquidation below TC = MMR: p = 1400 / 10.5 = 133.333...; at p = 134: TC = 60, MMR = 67, liability 1340.
  // With buffer 2%: MR+buffer = 67 + 26.8 = 93.8; TC+buffer = 60 + (-340 x 0.02) = 53.2; shortage 40.6.
  // ratio with buffer 7% -> 70,000 (1e6); liquidator fee 1% = 10,000; IF fee = min(1%, 95% x (70,000 - 10,000
  // - 40.6 / 10 / 134 x 1e6 = 30,298)) = min(10,000, 28,216) = 10,000.
  // base to cover = 40.6e6 x 1e9 / (134e6 x 60,000 / 1e6 - 134e6 x 10,000 / 1e6) = 40.6e15 / 6.7e6 = 6,059,701,492
  // -> step 0.01 SOL up: 6.06 SOL; value 812.04; fees 8.1204 each.
  function account(): PaperVenue {
    const clock = new ManualClock(0);
    const venue = new PaperVenue(clock, { takerFeeNumerator: 0n, slippage: { minPpm: 0, maxPpm: 0, referenceNotional: 100_000n * USD } });
    venue.setMarket(0, { oraclePrice: 100n * USD, fundingRate: 0n });
    venue.execute({ type: 'DEPOSIT', amount: 400n * USD });
    venue.execute({ type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 10n * SOL });
    return venue;
  }

  it('nothing happens while maintenance collateral meets the requirement; the SDK liquidation price is 1400 / 10.5', () => {
    const venue = account();
    const lp = venue.liquidationPrice()!;
    expect(Math.abs(Number(lp) - 133_333_333)).toBeLessThanOrEqual(1);
    venue.setMarket(0, { oraclePrice: 133_330_000n, fundingRate: 0n });
    expect(venue.liquidate()).toBeNull();
    venue.setMarket(0, { oraclePrice: 133_340_000n, fundingRate: 0n });
    expect(venue.liquidate()).not.toBeNull();
  });

  it('matches the hand computation step for step', () => {
    const venue = account();
    venue.setMarket(0, { oraclePrice: 134n * USD, fundingRate: 0n });
    const m = venue.liquidationMargins();
    expect(m).toEqual({ totalCollateral: 60n * USD, marginRequirement: 67n * USD, totalCollateralPlusBuffer: 53_200_000n, marginRequirementPlusBuffer: 93_800_000n });
    const eqBefore = venue.figures().equity;
    const l = venue.liquidate()!;
    expect(l).not.toBeNull();
    expect(l.steps).toHaveLength(1);
    const s = l.steps[0]!;
    expect(s.marginShortage).toBe(40_600_000n);
    expect(s.ifFeeRate).toBe(10_000n);
    expect(s.baseToCover).toBe(6_060_000_000n);
    expect(s.baseAssetAmount).toBe(6_060_000_000n);
    expect(s.baseAssetValue).toBe(812_040_000n);
    expect(s.liquidatorFee).toBe(8_120_400n);
    expect(s.ifFee).toBe(8_120_400n);
    expect(l.baseAfter).toBe(-3_940_000_000n);
    expect(l.badDebt).toBe(0n);
    // taking the position over at the oracle moves equity only by the two fees
    expect(venue.figures().equity).toBe(eqBefore - s.liquidatorFee - s.ifFee);
    // The program leaves liquidation because base >= base_to_cover (exit_liquidation): 3.94 SOL left,
    // quote 1000 - 812.04 - 16.2408 = 171.7192, PnL 171.7192 - 527.96 = -356.2408, TC 43.7592 >= MR 26.398.
    // (TC plus buffer 36.6344 is still under MR plus buffer 36.9572: the cover formula does not see the
    // 2% buffer on the negative PnL; the program does not care once it has exited.)
    const after = venue.liquidationMargins();
    expect(after).toEqual({ totalCollateral: 43_759_200n, marginRequirement: 26_398_000n, totalCollateralPlusBuffer: 36_634_384n, marginRequirementPlusBuffer: 36_957_200n });
    expect(venue.ledger()).toMatchObject({ liquidatorFees: 8_120_400n, ifFees: 8_120_400n, liquidations: 1 });
    expect(venue.liquidate()).toBeNull(); // out of liquidation now
  });

  it('a gap beyond bankruptcy takes the whole position, books the bad debt and zeroes the account', () => {
    const venue = account();
    venue.setMarket(0, { oraclePrice: 150n * USD, fundingRate: 0n }); // TC = 400 + 1000 - 1500 = -100
    const l = venue.liquidate()!;
    expect(l.baseAfter).toBe(0n);
    const fees = l.steps.reduce((a, s) => a + s.liquidatorFee + s.ifFee, 0n);
    expect(l.badDebt).toBe(100n * USD + fees);
    expect(venue.figures().equity).toBe(0n);
    expect(venue.position(0)).toBeUndefined();
  });
});

describe('lending leg liquidate(): MODEL.md 10.3 rounds by hand', () => {
  // 100 SOL, debt $6,000 at $70: N = 7,000, E = 1,000 <= 0.15 x 7,000 = 1,050: one round
  // r = 0.2 x 6,000 = 1,200, s = 1,200 x 1.05 / 70 = 18 SOL; after: 82 SOL, debt 4,800, N 5,740, E 940 > 861: stops.
  function leg(debt: bigint): PaperLendingLeg {
    const clock = new ManualClock(0);
    const l = new PaperLendingLeg(clock, { maintenance: 0.15, openFeeBps: 0, closeFeeBps: 0, liquidation: { closeFactor: 0.2, bonus: 0.05, penaltyRate: 0.05 } });
    l.update({ price: 100, lendApy: 0, borrowApy: 0 });
    l.execute({ type: 'SPOT_OPEN', equity: 10_000n * USD - debt, notional: 10_000n * USD });
    return l;
  }

  it('one round: repays CF x debt, seizes that plus the bonus, equity falls by the bonus exactly', () => {
    const l = leg(6_000n * USD);
    l.update({ price: 70, lendApy: 0, borrowApy: 0 });
    const e0 = l.equity();
    const r = l.liquidate()!;
    expect(r.rounds).toEqual([{ repaid: 1_200n * USD, seized: 18n * SOL, bonus: 60n * USD }]);
    expect(r.full).toBe(false);
    expect(l.sol).toBe(82n * SOL);
    expect(l.debt).toBe(4_800n * USD);
    expect(l.equity()).toBe(e0 - 60n * USD);
    expect(l.liquidationPenalties).toBe(60n * USD);
  });

  it('three rounds, then out of maintenance', () => {
    // 100 SOL, debt 6,400 at 72: E 800 <= 1,080. Each round: r = 0.2 debt, s = 1.05 r / 72.
    const l = leg(6_400n * USD);
    l.update({ price: 72, lendApy: 0, borrowApy: 0 });
    const r = l.liquidate()!;
    let sol = 100;
    let debt = 6_400;
    const expected: number[] = [];
    for (;;) {
      const e = sol * 72 - debt;
      if (expected.length > 0 && e > 0.15 * sol * 72) break;
      const repaid = 0.2 * debt;
      expected.push(repaid);
      sol -= (repaid * 1.05) / 72;
      debt -= repaid;
    }
    expect(expected).toHaveLength(3);
    expect(r.rounds.map((x) => Number(x.repaid) / 1e6)).toEqual(expected.map((x) => Math.floor(x * 1e6) / 1e6));
    expect(r.full).toBe(false);
  });

  it('a round that would seize all the SOL: full liquidation, 5% notional penalty, the rest released; bad debt when E < 0', () => {
    const l = leg(9_000n * USD);
    l.update({ price: 90, lendApy: 0, borrowApy: 0 }); // N 9,000, E 0: r 1,800 x 1.05 / 90 = 21 SOL < 100: rounds run...
    const r = l.liquidate()!;
    expect(r.full).toBe(true); // equity never recovers: each round lowers E by its bonus
    expect(l.sol).toBe(0n);
    const gone = leg(9_500n * USD);
    gone.update({ price: 90, lendApy: 0, borrowApy: 0 }); // E = -500
    const g = gone.liquidate()!;
    expect(g.full).toBe(true);
    expect(g.badDebt > 0n).toBe(true);
    expect(g.released).toBe(0n);
    expect(g.penalty).toBe(0n);
  });

  it('close factor 0 is a full liquidation with the notional penalty (the kernel default, for dnh crosscheck)', () => {
    const clock = new ManualClock(0);
    const l = new PaperLendingLeg(clock, { maintenance: 0.15, openFeeBps: 0, closeFeeBps: 0, liquidation: { closeFactor: 0, bonus: 0, penaltyRate: 0.05 } });
    l.update({ price: 100, lendApy: 0, borrowApy: 0 });
    l.execute({ type: 'SPOT_OPEN', equity: 4_000n * USD, notional: 10_000n * USD });
    l.update({ price: 70, lendApy: 0, borrowApy: 0 }); // N 7,000, E 1,000
    const r = l.liquidate()!;
    expect(r.rounds).toHaveLength(0);
    expect(r).toMatchObject({ full: true, penalty: 350n * USD, badDebt: 0n, released: 650n * USD });
  });
});
