/**
 * The limits of live.json at send time (engine/drift/write/limits.ts), pure: each limit refuses exactly
 * past its bound (not at it), naming itself, the value the command would reach and the bound; each
 * applies only to the commands it concerns (a deposit meets none); the conversion from live.json is
 * exact and refuses non-finite or out-of-range values.
 */
import { describe, expect, it } from 'vitest';
import { assertAllowed } from '../../../../engine/drift/write/safety.js';
import { SafetyRefusedError } from '../../../../engine/drift/write/errors.js';
import { limitChecks, sendLimits, withdrawalHealthFloor, type LimitInputs } from '../../../../engine/drift/write/limits.js';
import type { DriftWriteCommand } from '../../../../engine/drift/write/validate.js';

const LIMITS = sendLimits({ maxNotionalUsd: 25000, maxLeverage: 3, withdrawalHealthFloor: 50, oracleStalenessSlots: 25 });
// 10 SOL short at $150, $1,000 net value, maintenance collateral 1,000 against a requirement of 75
const INPUTS: LimitInputs = { slot: 1_000n, oracle: { price6: 150_000000n, publishSlot: 990n }, positionBase: -10_000_000000n, otherPerpNotionalQuote: 0n, netValueQuote: 1_000_000000n, totalCollateralMaintenance: 1_000_000000n, maintenanceMarginRequirement: 75_000000n };
const open = (sol: number, direction: 'long' | 'short' = 'short'): DriftWriteCommand => ({ type: 'OPEN_POSITION', marketIndex: 0, direction, baseAssetAmount: BigInt(sol) * 1_000_000000n });
const openBase = (base: bigint): DriftWriteCommand => ({ type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: base });
/** the first denial, as assertAllowed throws it, or null */
function refusal(cmd: DriftWriteCommand, inp: LimitInputs = INPUTS): SafetyRefusedError | null {
  try {
    for (const c of limitChecks(LIMITS, cmd, inp)) assertAllowed(c);
    return null;
  } catch (e) {
    return e as SafetyRefusedError;
  }
}

describe('send-time limits', () => {
  it('converts live.json limits exactly and refuses what does not convert', () => {
    expect(LIMITS).toEqual({ maxNotionalQuote: 25_000_000000n, maxLeverage: 30_000n, withdrawalHealthFloor: 50, oracleStalenessSlots: 25n });
    expect(sendLimits({ maxNotionalUsd: 0.5, maxLeverage: 2.25, withdrawalHealthFloor: 80, oracleStalenessSlots: 0 }).maxLeverage).toBe(22_500n);
    expect(() => sendLimits({ maxNotionalUsd: Number.NaN, maxLeverage: 3, withdrawalHealthFloor: 50, oracleStalenessSlots: 25 })).toThrow(/limits.maxNotionalUsd/);
    expect(() => sendLimits({ maxNotionalUsd: 1, maxLeverage: Number.POSITIVE_INFINITY, withdrawalHealthFloor: 50, oracleStalenessSlots: 25 })).toThrow(/limits.maxLeverage/);
    expect(() => sendLimits({ maxNotionalUsd: 1, maxLeverage: 3, withdrawalHealthFloor: 101, oracleStalenessSlots: 25 })).toThrow(/withdrawalHealthFloor/);
    expect(() => sendLimits({ maxNotionalUsd: 1, maxLeverage: 3, withdrawalHealthFloor: 50, oracleStalenessSlots: 2.5 })).toThrow(/oracleStalenessSlots/);
  });

  it('oracle staleness: at the bound passes, one slot past refuses every command but a deposit; a future publish slot refuses', () => {
    const at = { ...INPUTS, oracle: { ...INPUTS.oracle, publishSlot: 975n } };
    const past = { ...INPUTS, oracle: { ...INPUTS.oracle, publishSlot: 974n } };
    expect(refusal({ type: 'CLOSE_POSITION', marketIndex: 0 }, at)).toBeNull();
    for (const cmd of [open(1), { type: 'WITHDRAW', amount: 1_000000n }, { type: 'CLOSE_POSITION', marketIndex: 0 }, { type: 'SETTLE_PNL', marketIndex: 0 }] as DriftWriteCommand[]) {
      expect(refusal(cmd, past)?.limit, cmd.type).toEqual({ limit: 'limits.oracleStalenessSlots', value: '26 slots', bound: '25 slots' });
    }
    expect(refusal({ type: 'DEPOSIT', amount: 1_000000n }, past)).toBeNull();
    expect(refusal(open(1), { ...INPUTS, oracle: { ...INPUTS.oracle, publishSlot: 1_001n } })?.message).toMatch(/after the current slot/);
  });

  it('maximum notional: the position after the order, exactly at the bound passes, above refuses', () => {
    const lev = { ...INPUTS, netValueQuote: 100_000_000000n }; // leverage out of the way
    expect(refusal(openBase(156_666_666666n), lev)).toBeNull(); // 166.666666666 SOL x $150 = $24,999.9999999
    // 166.666666667 SOL: $25,000.00000005, refused although it prints as 25000 in quote units (exact comparison)
    expect(refusal(openBase(156_666_666667n), lev)?.limit).toEqual({ limit: 'limits.maxNotionalUsd', value: '25000 USD', bound: '25000 USD' });
    const e = refusal(open(157), lev)!; // 167 SOL: $25,050
    expect(e.gate).toBe('limits.maxNotionalUsd');
    expect(e.limit).toEqual({ limit: 'limits.maxNotionalUsd', value: '25050 USD', bound: '25000 USD' });
    expect(refusal(open(10, 'long'), { ...lev, positionBase: 160_000_000000n })?.limit?.value).toBe('25500 USD'); // a long adds to a long
  });

  it('maximum leverage: every position after the order over the net value; a withdrawal lowers the net value', () => {
    expect(refusal(open(10))).toBeNull(); // 20 SOL x $150 = $3,000 on $1,000: exactly 3x
    const e = refusal(open(11))!; // $3,150: 3.15x
    expect(e.limit).toEqual({ limit: 'limits.maxLeverage', value: '3.15x', bound: '3x' });
    expect(refusal(open(1), { ...INPUTS, otherPerpNotionalQuote: 1_500_000000n })?.limit?.value).toBe('3.15x'); // other markets count
    expect(refusal({ type: 'WITHDRAW', amount: 500_000000n })).toBeNull(); // $1,500 on $500: 3x
    expect(refusal({ type: 'WITHDRAW', amount: 500_000001n })?.limit?.limit).toBe('limits.maxLeverage');
    expect(refusal(open(1), { ...INPUTS, netValueQuote: 0n })?.limit?.value).toBe('unbounded');
    expect(refusal({ type: 'CLOSE_POSITION', marketIndex: 0 }, { ...INPUTS, netValueQuote: 1n })).toBeNull(); // a close reduces risk
  });

  it('withdrawal health floor: the stricter of 80 and the configuration; at the floor passes, below refuses', () => {
    const inp = { ...INPUTS, positionBase: 0n, maintenanceMarginRequirement: 75_000000n }; // leverage out of the way
    // the configuration says 50 (lower than the 80): 80 wins
    expect(withdrawalHealthFloor(LIMITS)).toBe(80);
    expect(refusal({ type: 'WITHDRAW', amount: 625_000000n }, inp)).toBeNull(); // 1 - 75/375 = 80
    expect(refusal({ type: 'WITHDRAW', amount: 634_000000n }, inp)).toBeNull(); // 1 - 75/366 = 79.5 -> 80 (the SDK's getHealth rounds)
    const below = refusal({ type: 'WITHDRAW', amount: 635_000000n }, inp)!; // 1 - 75/365 = 79.45 -> 79: would pass the configuration's 50
    expect(below.limit).toEqual({ limit: 'limits.withdrawalHealthFloor', value: '79', bound: '80' });
    expect(below.message).toMatch(/projected health after withdrawing 635 USDC is 79, below 80 \(the minimum 80 applies: the configuration's 50 is lower\)/);
    const far = refusal({ type: 'WITHDRAW', amount: 860_000000n }, inp)!; // 46: below both
    expect(far.limit).toEqual({ limit: 'limits.withdrawalHealthFloor', value: '46', bound: '80' });
    // the configuration says 90 (stricter): 90 wins
    const strict = sendLimits({ maxNotionalUsd: 25000, maxLeverage: 3, withdrawalHealthFloor: 90, oracleStalenessSlots: 25 });
    const strictRefusal = (amount: bigint) => limitChecks(strict, { type: 'WITHDRAW', amount }, inp).find((c) => !c.allow) ?? null;
    expect(strictRefusal(285_000000n)).toBeNull(); // 1 - 75/715 = 89.5 -> 90
    const s = strictRefusal(286_000000n)!; // 1 - 75/714 = 89.496 -> 89
    expect(s).toMatchObject({ allow: false, gate: 'limits.withdrawalHealthFloor', limit: { value: '89', bound: '90' } });
    expect((s as { reason: string }).reason).not.toMatch(/minimum 80 applies/);
    expect(strictRefusal(500_000000n)).toMatchObject({ limit: { value: '85', bound: '90' } }); // passes 80, refused by 90
    // exactly 80 in the configuration: the same as the minimum
    expect(withdrawalHealthFloor({ withdrawalHealthFloor: 80 })).toBe(80);
  });

  it('a deposit meets no limit at all', () => {
    const worst = { ...INPUTS, oracle: { price6: 150_000000n, publishSlot: 0n }, netValueQuote: -1n, positionBase: -1_000_000_000000n };
    expect(limitChecks(LIMITS, { type: 'DEPOSIT', amount: 1_000000n }, worst)).toEqual([]);
  });
});
