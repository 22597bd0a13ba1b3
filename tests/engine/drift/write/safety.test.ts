/**
 * Safety checks before signing: each limit allows at its bound and denies one unit beyond, with the
 * reason; the kill switch follows the file; the pre-live gate refuses whatever it is given (fails closed).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SafetyRefusedError } from '../../../../engine/drift/write/errors.js';
import { gateCheck, requirePassingGate } from '../../../../engine/drift/write/gate.js';
import { assertAllowed, checkKillSwitch, checkMaxLeverage, checkMaxNotional, checkOracleFresh, checkWithdrawHealth } from '../../../../engine/drift/write/safety.js';

describe('safety checks', () => {
  it('max notional: 10 SOL at $150 is 1500 USDC', () => {
    expect(checkMaxNotional(10_000_000_000n, 150_000_000n, 1_500_000_000n)).toEqual({ allow: true });
    const d = checkMaxNotional(10_000_000_000n, 150_000_000n, 1_499_999_999n);
    expect(d).toMatchObject({ allow: false, gate: 'notional' });
    expect(checkMaxNotional(1n, 0n, 10n).allow).toBe(false);
    // 1 base unit over: the floor of the notional is unchanged, the check is exact
    expect(checkMaxNotional(10_000_000_001n, 150_000_000n, 1_500_000_000n).allow).toBe(false);
  });
  it('max leverage: 3000 notional on 1000 net value is 3x', () => {
    expect(checkMaxLeverage(3_000_000_000n, 1_000_000_000n, 30_000n)).toEqual({ allow: true });
    expect(checkMaxLeverage(3_000_000_001n, 1_000_000_000n, 30_000n).allow).toBe(false);
    expect(checkMaxLeverage(1n, 0n, 30_000n)).toMatchObject({ allow: false, reason: expect.stringMatching(/unbounded/) });
    expect(checkMaxLeverage(0n, 0n, 30_000n).allow).toBe(true);
  });
  it('oracle staleness by slots and seconds', () => {
    const base = { publishSlot: 100n, slot: 110n, publishTime: 1000n, now: 1030n };
    expect(checkOracleFresh(base, 10n, 30n)).toEqual({ allow: true });
    expect(checkOracleFresh({ ...base, slot: 111n }, 10n, 30n)).toMatchObject({ allow: false, gate: 'oracle', reason: 'oracle 11 slots old (max 10)' });
    expect(checkOracleFresh({ ...base, now: 1031n }, 10n, 30n)).toMatchObject({ allow: false, reason: 'oracle 31 s old (max 30)' });
    expect(checkOracleFresh({ ...base, slot: 99n }, 10n, 30n).allow).toBe(false);
  });
  it('withdraw health >= 80, non-finite denied', () => {
    expect(checkWithdrawHealth(80)).toEqual({ allow: true });
    expect(checkWithdrawHealth(79).allow).toBe(false);
    expect(checkWithdrawHealth(NaN).allow).toBe(false);
  });
  it('kill switch follows the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnh-kill-'));
    const file = join(dir, 'KILL');
    expect(checkKillSwitch(file)).toEqual({ allow: true });
    writeFileSync(file, '');
    const d = checkKillSwitch(file);
    expect(d).toMatchObject({ allow: false, gate: 'kill-switch' });
    expect(() => assertAllowed(d)).toThrow(SafetyRefusedError);
    rmSync(dir, { recursive: true });
  });
  it('the pre-live gate refuses without a report, or without knowing what runs, with a clear reason (verification: tests/engine/gate)', () => {
    expect(gateCheck({ configId: 'sol-2x' })).toMatchObject({ allow: false, gate: 'pre-live-gate', reason: expect.stringMatching(/no passing pre-live gate report .*run dnh gate/) });
    expect(gateCheck({ configId: 'sol-2x', report: {} })).toMatchObject({ allow: false, reason: expect.stringMatching(/cannot be verified/) });
    expect(() => requirePassingGate({ configId: 'sol-2x', reportPath: '/tmp/report.json' })).toThrow(/refused by pre-live-gate: .*sol-2x.*report \/tmp\/report.json/);
    try {
      requirePassingGate({ configId: 'x' });
    } catch (e) {
      expect(e).toBeInstanceOf(SafetyRefusedError);
      expect((e as SafetyRefusedError).name).toBe('SafetyRefusedError');
      expect((e as SafetyRefusedError).retryable).toBe(false);
    }
  });
});

describe('projectedHealthAfterWithdraw', () => {
  it("follows the SDK's getHealth formula on the figures of DRIFT-BANKRUN.md", async () => {
    const { projectedHealthAfterWithdraw } = await import('../../../../engine/drift/write/safety.js');
    // total collateral 998.499997, maintenance requirement 75 (10 SOL x $150 x 5%): health 92
    expect(projectedHealthAfterWithdraw(998_499_997n, 75_000_000n, 0n)).toBe(92);
    expect(projectedHealthAfterWithdraw(998_499_997n, 75_000_000n, 623_499_997n)).toBe(80); // 1 - 75/375 = 0.8
    expect(projectedHealthAfterWithdraw(998_499_997n, 75_000_000n, 700_000_000n)).toBe(75);
    expect(projectedHealthAfterWithdraw(998_499_997n, 0n, 998_499_997n)).toBe(100);
    expect(projectedHealthAfterWithdraw(998_499_997n, 75_000_000n, 998_499_997n)).toBe(0);
  });
});
