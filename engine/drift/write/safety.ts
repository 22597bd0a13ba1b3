/**
 * Safety checks before anything is signed (STYLE.md habit 4): pure functions returning `Allow | Deny`
 * with the reason, plus the kill-switch file probe (the only one that reads the filesystem, through an
 * injected `exists`). `assertAllowed` turns a denial into a `SafetyRefusedError`.
 *
 * Units: quote 1e6, base 1e9, price 1e6, leverage 1e4 (Drift's precisions).
 */
import { existsSync } from 'node:fs';
import { SafetyRefusedError, type LimitBreach } from './errors.js';

export type WriteCheck = { allow: true } | { allow: false; gate: string; reason: string; limit?: LimitBreach };

const ALLOW: WriteCheck = { allow: true };
const deny = (gate: string, reason: string): WriteCheck => ({ allow: false, gate, reason });

/** Throws the denial as a typed error; returns on allow. */
export function assertAllowed(check: WriteCheck): void {
  if (!check.allow) throw new SafetyRefusedError(check.gate, check.reason, check.limit ?? null);
}

/** The kill switch: while the file exists, nothing is signed. */
export function checkKillSwitch(path: string, exists: (p: string) => boolean = existsSync): WriteCheck {
  return exists(path) ? deny('kill-switch', `kill switch file ${path} exists: remove it to allow commands`) : ALLOW;
}

/** Order notional |base| x price (quote 1e6) at most `maxNotionalQuote`. */
export function checkMaxNotional(baseAbs: bigint, price6: bigint, maxNotionalQuote: bigint): WriteCheck {
  if (baseAbs < 0n || price6 <= 0n) return deny('notional', `size ${baseAbs} and price ${price6} must be non-negative and positive`);
  const notional = (baseAbs * price6) / 1_000_000_000n;
  return baseAbs * price6 <= maxNotionalQuote * 1_000_000_000n ? ALLOW : deny('notional', `order notional ${notional} above the maximum ${maxNotionalQuote} (quote 1e6)`);
}

/**
 * Account leverage after the command, total perp notional / net account value (1e4), at most
 * `maxLeverage`. A net value of zero or less is unbounded leverage and is denied.
 */
export function checkMaxLeverage(notionalAfterQuote: bigint, netValueAfterQuote: bigint, maxLeverage: bigint): WriteCheck {
  if (notionalAfterQuote < 0n) return deny('leverage', `notional ${notionalAfterQuote} must be non-negative`);
  if (netValueAfterQuote <= 0n) return notionalAfterQuote === 0n ? ALLOW : deny('leverage', `net account value ${netValueAfterQuote} leaves leverage unbounded`);
  // exact comparison (no rounding lets a hair over the cap through)
  const leverage = (notionalAfterQuote * 10_000n) / netValueAfterQuote;
  return notionalAfterQuote * 10_000n <= maxLeverage * netValueAfterQuote ? ALLOW : deny('leverage', `leverage after the command ${Number(leverage) / 1e4}x above ${Number(maxLeverage) / 1e4}x`);
}

/**
 * Oracle freshness by slots and by seconds: both ages must be known, non-negative and within bounds.
 * (Drift's own AMM check is slot-based; the seconds bound also catches a halted cluster.)
 */
export function checkOracleFresh(o: { publishSlot: bigint; slot: bigint; publishTime: bigint; now: bigint }, maxSlots: bigint, maxSeconds: bigint): WriteCheck {
  const slots = o.slot - o.publishSlot;
  const secs = o.now - o.publishTime;
  if (slots < 0n || secs < 0n) return deny('oracle', `oracle published in the future (slot age ${slots}, ${secs} s)`);
  if (slots > maxSlots) return deny('oracle', `oracle ${slots} slots old (max ${maxSlots})`);
  if (secs > maxSeconds) return deny('oracle', `oracle ${secs} s old (max ${maxSeconds})`);
  return ALLOW;
}

/** Projected health after a withdrawal at or above the minimum (80 by default in the issue). */
export function checkWithdrawHealth(healthAfter: number, minHealth = 80): WriteCheck {
  if (!Number.isFinite(healthAfter)) return deny('health', `projected health ${healthAfter} is not finite`);
  return healthAfter >= minHealth ? ALLOW : deny('health', `projected health after the withdrawal ${healthAfter} below ${minHealth}`);
}

/**
 * Health after withdrawing `amount` USDC (quote 1e6), by the SDK's `getHealth` formula with the
 * maintenance total collateral lowered by the amount: USDC is the quote market and counts at weight 1,
 * and a withdrawal changes no margin requirement. Inputs are the figures before the withdrawal
 * (`getTotalCollateral('Maintenance')`, `getMaintenanceMarginRequirement()`).
 */
export function projectedHealthAfterWithdraw(totalCollateralMaintenance: bigint, maintenanceMarginRequirement: bigint, amount: bigint): number {
  const tc = totalCollateralMaintenance - amount;
  if (maintenanceMarginRequirement === 0n && tc >= 0n) return 100;
  if (tc <= 0n) return 0;
  return Math.round(Math.min(100, Math.max(0, (1 - Number(maintenanceMarginRequirement) / Number(tc)) * 100)));
}
