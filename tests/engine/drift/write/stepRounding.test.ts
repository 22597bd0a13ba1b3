/**
 * Open sizes rounded to the market's step at the strategy/port boundary (`roundDownToStep`, used by
 * `DriftPerpPort`): with the order step and minimum of the SOL-PERP account decoded from the account-only
 * world (runs without the program binaries), a strategy size is rounded DOWN to a multiple of the step
 * (never up), kept when already on it, and refused when it rounds to zero or below the minimum.
 */
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../../engine/drift/write/errors.js';
import { roundDownToStep } from '../../../../engine/drift/write/precision.js';
import { startWorld } from '../../../../harness/chain/world.js';

describe('open sizes rounded down to the market step', () => {
  it('uses the step and minimum of the decoded SOL-PERP account', async () => {
    const world = await startWorld();
    const sdk = await import('@drift-labs/sdk');
    const info = await world.connection.getAccountInfo(sdk.getPerpMarketPublicKeySync(world.programId, 0));
    const perp = world.coder.decode('PerpMarket', Buffer.from(info!.data));
    const market = { orderStepSize: BigInt(perp.amm.orderStepSize.toString()), minOrderSize: BigInt(perp.amm.minOrderSize.toString()) };
    expect(market).toEqual({ orderStepSize: 1_000_000n, minOrderSize: 1_000_000n }); // 0.001 SOL (harness/chain/build.ts)

    // the strategy's size for $2,000 at $150: 13.333333333 SOL -> 13.333 SOL
    const strategySize = (2_000_000000n * 1_000_000_000n) / 150_000000n;
    expect(strategySize).toBe(13_333_333_333n);
    expect(roundDownToStep(strategySize, market)).toBe(13_333_000_000n);
    expect(roundDownToStep(13_333_000_000n, market)).toBe(13_333_000_000n); // on the step: unchanged
    expect(roundDownToStep(13_333_999_999n, market)).toBe(13_333_000_000n); // down, never up
    for (const n of [1n, 999_999n, 1_000_000n, 1_000_001n, 7_654_321_987n]) {
      if (n < market.orderStepSize) continue;
      const r = roundDownToStep(n, market);
      expect(r % market.orderStepSize).toBe(0n);
      expect(r <= n && n - r < market.orderStepSize).toBe(true);
    }
    expect(() => roundDownToStep(999_999n, market)).toThrow(/0.000999999 rounds down to 0 at the market step 0.001/);
    expect(() => roundDownToStep(0n, market)).toThrow(InvalidInputError);
    expect(() => roundDownToStep(-1_000_000n, market)).toThrow(/must be positive/);
    // a market whose minimum is above its step: a size that rounds below the minimum is refused
    expect(() => roundDownToStep(2_500_000n, { orderStepSize: 1_000_000n, minOrderSize: 3_000_000n })).toThrow(/rounds down to 0.002, below the market minimum 0.003/);
    expect(() => roundDownToStep(5_000_000n, { orderStepSize: 0n, minOrderSize: 0n })).toThrow(/market step 0 must be positive/);
    await world.close();
  }, 60_000);
});
