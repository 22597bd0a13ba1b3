/**
 * Proves the batched WASM kernel (build/health.wasm) equals the BigInt TypeScript reference on every
 * output, exactly: 5,000 seeded random accounts in one batch, accounts scaled up to the documented
 * bounds (where i64 products would overflow without the split multiplication), and reuse of one batch.
 */
import { describe, expect, it } from 'vitest';
import { accountHealth } from '../../../engine/health/reference.js';
import { randomHealthItems } from '../../../engine/health/random.js';
import { HealthBatch, boundsViolation, evaluateHealthBatch, type HealthItem } from '../../../engine/health/kernel.js';
import type { HealthResult } from '../../../engine/health/types.js';

const show = (r: HealthResult): string => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? v.toString() : v));

function expectParity(items: readonly HealthItem[], results: readonly HealthResult[], seed: string): void {
  const bad: string[] = [];
  items.forEach((item, i) => {
    const ref = show(accountHealth(item.account, item.markets));
    if (show(results[i]!) !== ref) bad.push(`#${i} wasm ${show(results[i]!)}\n   ref ${ref}`);
  });
  if (bad.length > 0) console.error(`seed ${seed}: ${bad.length} mismatches\n${bad.slice(0, 5).join('\n')}`);
  expect(bad.length).toBe(0);
}

/** The health-only outputs (health, collateral, requirement) equal the reference's on every account. */
function expectHealthOnlyParity(items: HealthItem[], batch: HealthBatch): void {
  const bad = items.filter((it, i) => {
    const r = accountHealth(it.account, it.markets);
    return batch.health(i) !== r.health || batch.totalCollateral(i) !== r.totalCollateral || batch.maintenanceMarginRequirement(i) !== r.maintenanceMarginRequirement;
  });
  expect(bad.length).toBe(0);
}

/** Multiply every amount by `k` (base, quote, collateral, funding offsets), keeping prices. */
function scaled(item: HealthItem, k: bigint): HealthItem {
  return {
    markets: item.markets,
    account: {
      ...item.account,
      usdcScaledBalance: item.account.usdcScaledBalance * k,
      positions: item.account.positions.map((p) => ({ ...p, baseAssetAmount: p.baseAssetAmount * k, quoteAssetAmount: p.quoteAssetAmount * k })),
    },
  };
}

describe('WASM health kernel vs TypeScript reference', () => {
  it('is identical on 5,000 random accounts in one batch (seed health-wasm-1)', () => {
    const items = randomHealthItems('health-wasm-1', 5000, 7);
    expect(items.every((it) => boundsViolation(it) === undefined)).toBe(true);
    const batch = new HealthBatch(5000, 40_000);
    batch.load(items);
    batch.run();
    expectParity(items, items.map((_, i) => batch.result(i)), 'health-wasm-1');
    // the kernel itself computed them: no account fell back to the BigInt reference
    expect(items.filter((_, i) => batch.overflowed(i)).length).toBe(0);
  });

  it('is identical on accounts whose funding is settled (zero funding delta) and weights are 100%', () => {
    const items = randomHealthItems('health-wasm-settled', 1000, 5).map((it): HealthItem => {
      const perp = it.markets.perp.map((m) => ({ ...m, unrealizedPnlMaintenanceAssetWeight: 10_000, unrealizedPnlInitialAssetWeight: 10_000 }));
      const markets = { ...it.markets, perp };
      const positions = it.account.positions.map((p) => ({
        ...p,
        lastCumulativeFundingRate: p.baseAssetAmount > 0n ? perp[p.marketIndex]!.cumulativeFundingRateLong : perp[p.marketIndex]!.cumulativeFundingRateShort,
      }));
      return { markets, account: { ...it.account, positions } };
    });
    expectParity(items, evaluateHealthBatch(items), 'health-wasm-settled');
  });

  it('health-only entry point (runHealth) gives the reference health, collateral and requirement', () => {
    const items = randomHealthItems('health-wasm-h', 2000, 7);
    const batch = new HealthBatch(2000, 16_000);
    batch.load(items);
    batch.runHealth();
    expectHealthOnlyParity(items, batch);
  });

  it('is identical on accounts scaled x100 and x1000 (products beyond 2^63 in naive i64)', () => {
    const base = randomHealthItems('health-wasm-big', 500, 5);
    const all = [...base.map((it) => scaled(it, 100n)), ...base.map((it) => scaled(it, 1000n))];
    const items = all.filter((it) => boundsViolation(it) === undefined);
    expect(items.length).toBeGreaterThan(300);
    const batch = new HealthBatch(items.length, 8 * items.length);
    batch.load(items);
    batch.run();
    expect(items.filter((_, i) => batch.overflowed(i)).length).toBeLessThan(items.length / 100);
    for (const it of all) if (boundsViolation(it) !== undefined) expect(() => evaluateHealthBatch([it])).toThrow(RangeError);
    // at least some products really exceed i64 (|base| x price >= 2^63)
    const overflowing = items.filter((it) =>
      it.account.positions.some((p) => (p.baseAssetAmount < 0n ? -p.baseAssetAmount : p.baseAssetAmount) * it.markets.perp[p.marketIndex]!.oraclePrice >= 2n ** 63n),
    );
    expect(overflowing.length).toBeGreaterThan(10);
    expectParity(items, evaluateHealthBatch(items), 'health-wasm-big');
  });

  it('health-only entry point (runHealth) is exact on accounts scaled x10 to x10000 (products beyond 2^63)', () => {
    const base = randomHealthItems('health-wasm-h-big', 400, 6);
    const all = [10n, 100n, 1000n, 10_000n].flatMap((k) => base.map((it) => scaled(it, k)));
    const items = all.filter((it) => boundsViolation(it) === undefined);
    expect(items.length).toBeGreaterThan(800);
    const beyond = items.filter((it) =>
      it.account.positions.some((p) => (p.baseAssetAmount < 0n ? -p.baseAssetAmount : p.baseAssetAmount) * it.markets.perp[p.marketIndex]!.oraclePrice >= 2n ** 63n),
    );
    expect(beyond.length).toBeGreaterThan(50);
    const batch = new HealthBatch(items.length, 8 * items.length);
    batch.load(items);
    batch.runHealth();
    expectHealthOnlyParity(items, batch);
  });

  it('flags a liquidation-price quotient beyond i64 and falls back to the exact reference', () => {
    const [item] = randomHealthItems('health-wasm-dust', 1);
    const m = item!.markets.perp[0]!;
    const dust: HealthItem = {
      markets: item!.markets,
      account: {
        usdcScaledBalance: 10n ** 17n, // ~ $100M of USDC
        maxMarginRatio: 0,
        positions: [{ marketIndex: 0, baseAssetAmount: -1000n, quoteAssetAmount: 0n, lastCumulativeFundingRate: m.cumulativeFundingRateShort, maxMarginRatio: 0 }],
      },
    };
    const batch = new HealthBatch(1, 1);
    batch.load([dust]);
    batch.run();
    expect(batch.overflowed(0)).toBe(true);
    const r = batch.result(0);
    expect(r.liquidationPrices[0]!).toBeGreaterThan(2n ** 63n); // the exact value, beyond i64
    expect(show(r)).toBe(show(accountHealth(dust.account, dust.markets)));
  });

  it('gives the same results when one batch is reloaded and rerun', () => {
    const a = randomHealthItems('health-wasm-a', 300, 3);
    const b = randomHealthItems('health-wasm-b', 200, 3);
    const batch = new HealthBatch(300, 2400);
    batch.load(a);
    batch.run();
    batch.load(b);
    batch.run();
    expectParity(b, b.map((_, i) => batch.result(i)), 'health-wasm-b');
    expect(() => batch.result(250)).toThrow(RangeError);
    expect(() => batch.load(randomHealthItems('x', 301))).toThrow(RangeError);
  });
});
