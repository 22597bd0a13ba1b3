/**
 * Hand-derived checks of the health reference on small SOL-PERP accounts (maintenance 5%, initial 10%),
 * each expected value worked out from MODEL.md sections 5 and 7 rather than read back from the code:
 * collateral, requirements, health, leverage, funding PnL, liquidation price (MODEL.md's closed form for a
 * short), the size premium of the IMF, and the clamps of health.
 */
import { describe, expect, it } from 'vitest';
import { accountHealth, healthFrom, isqrt, marginTotals, marketMarginRatio, programFreeCollateral } from '../../../engine/health/reference.js';
import type { AccountState, MarketSnapshot, PerpMarketState } from '../../../engine/health/types.js';

const USD = 1_000_000n;
const SOL = 1_000_000_000n;

function solMarket(over: Partial<PerpMarketState> = {}): PerpMarketState {
  return {
    marketIndex: 0, oraclePrice: 100n * USD, marginRatioInitial: 1000, marginRatioMaintenance: 500, imfFactor: 0,
    unrealizedPnlInitialAssetWeight: 10_000, unrealizedPnlMaintenanceAssetWeight: 10_000, unrealizedPnlImfFactor: 0,
    cumulativeFundingRateLong: 0n, cumulativeFundingRateShort: 0n, ...over,
  };
}
const snapshot = (m: PerpMarketState): MarketSnapshot => ({ quote: { cumulativeDepositInterest: 10_000_000_000n }, perp: [m] });
/** $usd of USDC at interest 1.0: scaled balance 1e9 per dollar. */
const account = (usd: bigint, base: bigint, entryUsd: bigint, last = 0n): AccountState => ({
  usdcScaledBalance: usd * 1_000_000_000n,
  maxMarginRatio: 0,
  positions: [{ marketIndex: 0, baseAssetAmount: base, quoteAssetAmount: (-base * entryUsd * USD) / SOL, lastCumulativeFundingRate: last, maxMarginRatio: 0 }],
});

describe('health reference, hand-derived', () => {
  it('short 10 SOL at $100 on $1,000: health 95, 1x, liquidation at (C + N)/(k(1+m))', () => {
    const r = accountHealth(account(1000n, -10n * SOL, 100n), snapshot(solMarket()));
    expect(r.totalCollateral).toBe(1000n * USD);
    expect(r.maintenanceMarginRequirement).toBe(50n * USD); // 1,000 x 5%
    expect(r.initialMarginRequirement).toBe(100n * USD); // 1,000 x 10%
    expect(r.health).toBe(95); // 100 x (1 - 50/1000)
    expect(r.leverage).toBe(10_000n); // 1.0000x
    expect(r.freeCollateral).toBe(900n * USD);
    // MODEL.md section 5: p_s = (margin + contracts*entry) / (contracts*(1+m)) = 2000 / 10.5
    expect(r.liquidationPrices[0]).toBe(BigInt(Math.floor((2000 / 10.5) * 1e6)));
  });

  it('long 5 SOL bought at $100, oracle $80: loss in collateral, no liquidation price above zero', () => {
    const r = accountHealth(account(1000n, 5n * SOL, 100n), snapshot(solMarket({ oraclePrice: 80n * USD })));
    expect(r.totalCollateral).toBe(900n * USD); // 1000 + 5 x (80 - 100)
    expect(r.maintenanceMarginRequirement).toBe(20n * USD); // 400 x 5%
    expect(r.health).toBe(98); // round(100 x (1 - 20/900)) = round(97.78)
    expect(r.leverage).toBe(4444n); // 400 / 900 = 0.4444x
    // 1000 + 5(p - 100) = 0.05 x 5p  =>  p = -500/4.75 < 0
    expect(r.liquidationPrices[0]).toBe(-1n);
  });

  it('unsettled funding: shorts receive when the short cumulative rate rises', () => {
    // +$0.50 per SOL (1e9 precision) on a 10 SOL short = +$5
    const m = solMarket({ cumulativeFundingRateShort: 500_000_000n });
    const r = accountHealth(account(1000n, -10n * SOL, 100n), snapshot(m));
    expect(r.totalCollateral).toBe(1005n * USD);
  });

  it('positive PnL counts at its asset weight (initial weight 0 here, maintenance 100%)', () => {
    const m = solMarket({ oraclePrice: 90n * USD, unrealizedPnlInitialAssetWeight: 0 });
    const r = accountHealth(account(1000n, -10n * SOL, 100n), snapshot(m));
    expect(r.totalCollateral).toBe(1100n * USD);
    expect(r.initialTotalCollateral).toBe(1000n * USD);
  });

  it('IMF size premium: 1,000 SOL at imf 1000 lifts 5% to 7.16%', () => {
    // sqrt(1e12 x 10 + 1) = 3,162,277; 500 - 100 + 3,162,277 x 1000 / 1e7 = 400 + 316 = 716
    expect(isqrt(10n ** 13n + 1n)).toBe(3_162_277n);
    expect(marketMarginRatio(solMarket({ imfFactor: 1000 }), 1000n * SOL, 'Maintenance', 0)).toBe(716n);
    expect(marketMarginRatio(solMarket({ imfFactor: 1000 }), 1n * SOL, 'Maintenance', 0)).toBe(500n);
    expect(marketMarginRatio(solMarket(), 1n * SOL, 'Initial', 2000)).toBe(2000n); // custom ratio wins
  });

  it('health clamps: no requirement is 100, no collateral is 0, requirement above collateral is 0', () => {
    expect(healthFrom(0n, 0n)).toBe(100);
    expect(healthFrom(-1n, 0n)).toBe(0);
    expect(healthFrom(0n, 5n)).toBe(0);
    expect(healthFrom(100n, 200n)).toBe(0);
    expect(healthFrom(100n, 1n)).toBe(99);
    const empty = accountHealth({ usdcScaledBalance: 0n, maxMarginRatio: 0, positions: [] }, snapshot(solMarket()));
    expect(empty.health).toBe(100);
    expect(empty.leverage).toBe(0n);
  });

  it('program option: positive uPnL counts at most $100 per position in the initial margin', () => {
    const m = solMarket({ oraclePrice: 150n * USD });
    const acct = account(1000n, 10n * SOL, 100n); // +$500 uPnL, IMR 1,500 x 10% = 150
    expect(marginTotals(acct, snapshot(m), 'Initial').totalCollateral).toBe(1500n * USD);
    expect(marginTotals(acct, snapshot(m), 'Initial', { program: true }).totalCollateral).toBe(1100n * USD);
    expect(marginTotals(acct, snapshot(m), 'Maintenance', { program: true }).totalCollateral).toBe(1500n * USD);
    expect(programFreeCollateral(acct, snapshot(m))).toBe(950n * USD);
    expect(accountHealth(acct, snapshot(m)).freeCollateral).toBe(1350n * USD);
  });

  it('isqrt is the floor square root', () => {
    for (const n of [0n, 1n, 2n, 3n, 4n, 99n, 100n, 101n, 10n ** 18n - 1n, 10n ** 18n]) {
      const s = isqrt(n);
      expect(s * s <= n && (s + 1n) * (s + 1n) > n).toBe(true);
    }
  });
});
