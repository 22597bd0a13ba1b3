/**
 * Proves the TypeScript health reference and the WASM kernel equal `@drift-labs/sdk` 2.156.0 itself, field by field and
 * exactly (health as an integer, amounts in the SDK's own integer precisions), on 1,000 seeded random
 * accounts built with the SDK's coder and mock-User approach. Also checks the random accounts really span
 * the class of states (health 0, 100 and in between, IMF on and off, every market, shorts and longs).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { accountHealth } from '../../../engine/health/reference.js';
import { randomHealthItems } from '../../../engine/health/random.js';
import { SdkHealthOracle } from '../../../engine/health/sdkOracle.js';
import { evaluateHealthBatch } from '../../../engine/health/kernel.js';
import type { HealthResult } from '../../../engine/health/types.js';

const SEED = 'health-sdk-xcheck-1';
const N = 1000;

const show = (r: HealthResult): string => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? v.toString() : v));

describe('health reference and WASM kernel vs @drift-labs/sdk', () => {
  let oracle: SdkHealthOracle;
  beforeAll(async () => {
    oracle = await SdkHealthOracle.create();
  });

  it(`equals the SDK on ${N} random accounts (seed ${SEED})`, async () => {
    const items = randomHealthItems(SEED, N, 5); // 200 market snapshots, 5 accounts each
    const wasm = evaluateHealthBatch(items);
    const mismatches: string[] = [];
    const healths = new Set<number>();
    let withImf = 0;
    let withoutImf = 0;
    let negativeCollateral = 0;
    let liquidationPrices = 0;
    const marketsSeen = new Set<number>();
    for (const [i, item] of items.entries()) {
      const sdk = await oracle.evaluate(item);
      const ref = accountHealth(item.account, item.markets);
      if (show(sdk) !== show(ref)) mismatches.push(`#${i}\n sdk ${show(sdk)}\n ref ${show(ref)}`);
      if (show(sdk) !== show(wasm[i]!)) mismatches.push(`#${i}\n sdk  ${show(sdk)}\n wasm ${show(wasm[i]!)}`);
      healths.add(ref.health);
      if (ref.totalCollateral < 0n) negativeCollateral++;
      liquidationPrices += ref.liquidationPrices.filter((p) => p > 0n).length;
      for (const p of item.account.positions) {
        marketsSeen.add(p.marketIndex);
        if (p.baseAssetAmount !== 0n) (item.markets.perp[p.marketIndex]!.imfFactor > 0 ? withImf++ : withoutImf++);
      }
    }
    if (mismatches.length > 0) console.error(`seed ${SEED}: ${mismatches.length} mismatches\n${mismatches.slice(0, 5).join('\n')}`);
    expect(mismatches.length).toBe(0);
    // the sample covers the class of states it claims to
    expect(healths.has(0)).toBe(true);
    expect(healths.has(100)).toBe(true);
    expect([...healths].filter((h) => h > 0 && h < 100).length).toBeGreaterThan(50);
    expect(marketsSeen.size).toBe(9);
    expect(withImf).toBeGreaterThan(200);
    expect(withoutImf).toBeGreaterThan(200);
    expect(negativeCollateral).toBeGreaterThan(5);
    expect(liquidationPrices).toBeGreaterThan(500);
  });
});
