/**
 * The limits of `live.json` (maximum notional, maximum leverage, withdrawal health floor, oracle
 * staleness) enforced at send time: pure checks of one command against the account as read just before
 * it is journaled (`limitInputs.ts` reads it). Each denial names the limit by its `live.json` path, the
 * value the command would reach and the bound (`SafetyRefusedError.limit`). The gate report hashes the
 * same limits; these checks make them bind.
 *
 * Which command meets which limit (risk-reducing commands are never blocked by a risk limit):
 *
 * | command | oracle staleness | notional | leverage | withdrawal floor |
 * | --- | --- | --- | --- | --- |
 * | DEPOSIT | - | - | - | - |
 * | WITHDRAW | yes | - | yes (net value lowered by the amount) | yes (never below 80: `MIN_WITHDRAWAL_HEALTH`) |
 * | OPEN_POSITION | yes | yes (this market's position after) | yes (every perp position after) | - |
 * | CLOSE_POSITION, SETTLE_PNL | yes | - | - | - |
 *
 * Units: quote 1e6, base 1e9, price 1e6, leverage 1e4.
 *
 * @example limitChecks(sendLimits(config.limits), { type: 'WITHDRAW', amount: 5_000000n }, inputs)
 */
import { formatUnits, toVenueUnits } from './precision.js';
import { checkMaxLeverage, checkMaxNotional, projectedHealthAfterWithdraw, type WriteCheck } from './safety.js';
import type { DriftWriteCommand } from './validate.js';

export interface SendLimits {
  /** `limits.maxNotionalUsd`, quote 1e6 */
  maxNotionalQuote: bigint;
  /** `limits.maxLeverage`, 1e4 */
  maxLeverage: bigint;
  /** `limits.withdrawalHealthFloor`, health 0..100 */
  withdrawalHealthFloor: number;
  /** `limits.oracleStalenessSlots` */
  oracleStalenessSlots: bigint;
}

/** `live.json`'s `limits` in venue units, exactly (a value that does not convert, or is not finite, is refused). */
export function sendLimits(l: { maxNotionalUsd: number; maxLeverage: number; withdrawalHealthFloor: number; oracleStalenessSlots: number }): SendLimits {
  if (!Number.isFinite(l.withdrawalHealthFloor) || l.withdrawalHealthFloor < 0 || l.withdrawalHealthFloor > 100) throw new RangeError(`limits.withdrawalHealthFloor ${l.withdrawalHealthFloor} is not a health in [0, 100]`);
  if (!Number.isSafeInteger(l.oracleStalenessSlots) || l.oracleStalenessSlots < 0) throw new RangeError(`limits.oracleStalenessSlots ${l.oracleStalenessSlots} is not a whole number of slots`);
  return {
    maxNotionalQuote: toVenueUnits(l.maxNotionalUsd, 6, 'limits.maxNotionalUsd'),
    maxLeverage: toVenueUnits(l.maxLeverage, 4, 'limits.maxLeverage'),
    withdrawalHealthFloor: l.withdrawalHealthFloor,
    oracleStalenessSlots: BigInt(l.oracleStalenessSlots),
  };
}

/**
 * The rule: a withdrawal is refused before sending when the projected health after it falls
 * below 80, whatever the configuration says. `limits.withdrawalHealthFloor` can only make it stricter.
 */
export const MIN_WITHDRAWAL_HEALTH = 80;

/** The floor a withdrawal is checked against: the stricter of the 80 and the configuration's. */
export function withdrawalHealthFloor(limits: Pick<SendLimits, 'withdrawalHealthFloor'>): number {
  return Math.max(MIN_WITHDRAWAL_HEALTH, limits.withdrawalHealthFloor);
}

/** The account just before the command, for the market the configuration trades. */
export interface LimitInputs {
  /** the chain's current slot */
  slot: bigint;
  /** the perp market's oracle: price (1e6) and the slot it was published at */
  oracle: { price6: bigint; publishSlot: bigint };
  /** signed base (1e9) of the position in that market */
  positionBase: bigint;
  /** |base| x oracle price (1e6) of the account's positions in every other perp market */
  otherPerpNotionalQuote: bigint;
  /**
   * USDC collateral (token amount, 1e6) plus unrealised PnL: the account's net value (1e6). Other spot
   * assets are not counted (leverage errs high for an account holding them; the strategy's holds USDC)
   */
  netValueQuote: bigint;
  /** `accountFigures`: maintenance total collateral and margin requirement (1e6) */
  totalCollateralMaintenance: bigint;
  maintenanceMarginRequirement: bigint;
}

const ALLOW: WriteCheck = { allow: true };
const abs = (x: bigint): bigint => (x < 0n ? -x : x);

function named(c: WriteCheck, limit: string, value: string, bound: string): WriteCheck {
  return c.allow ? c : { allow: false, gate: limit, reason: `${limit}: ${c.reason}`, limit: { limit, value, bound } };
}

export function checkOracleStaleness(inp: LimitInputs, maxSlots: bigint): WriteCheck {
  const age = inp.slot - inp.oracle.publishSlot;
  const breach = (why: string): WriteCheck => ({ allow: false, gate: 'limits.oracleStalenessSlots', reason: `limits.oracleStalenessSlots: ${why}`, limit: { limit: 'limits.oracleStalenessSlots', value: `${age} slots`, bound: `${maxSlots} slots` } });
  if (age < 0n) return breach(`oracle published at slot ${inp.oracle.publishSlot}, after the current slot ${inp.slot}`);
  if (age > maxSlots) return breach(`oracle ${age} slots old (published at slot ${inp.oracle.publishSlot}, now ${inp.slot}), above ${maxSlots}`);
  return ALLOW;
}

/** Every limit check for `cmd` (empty: none applies). */
export function limitChecks(limits: SendLimits, cmd: DriftWriteCommand, inp: LimitInputs): WriteCheck[] {
  if (cmd.type === 'DEPOSIT') return [];
  const out: WriteCheck[] = [checkOracleStaleness(inp, limits.oracleStalenessSlots)];
  const price = inp.oracle.price6;
  const lev = (notional: bigint, net: bigint) =>
    named(checkMaxLeverage(notional, net, limits.maxLeverage), 'limits.maxLeverage', net > 0n ? `${formatUnits((notional * 10_000n) / net, 4)}x` : 'unbounded', `${formatUnits(limits.maxLeverage, 4)}x`);
  if (cmd.type === 'OPEN_POSITION') {
    const after = inp.positionBase + (cmd.direction === 'long' ? cmd.baseAssetAmount : -cmd.baseAssetAmount);
    const notional = (abs(after) * price) / 1_000_000_000n;
    out.push(named(checkMaxNotional(abs(after), price, limits.maxNotionalQuote), 'limits.maxNotionalUsd', `${formatUnits(notional, 6)} USD`, `${formatUnits(limits.maxNotionalQuote, 6)} USD`));
    out.push(lev(notional + inp.otherPerpNotionalQuote, inp.netValueQuote));
  }
  if (cmd.type === 'WITHDRAW') {
    const notional = (abs(inp.positionBase) * price) / 1_000_000_000n;
    out.push(lev(notional + inp.otherPerpNotionalQuote, inp.netValueQuote - cmd.amount));
    const h = projectedHealthAfterWithdraw(inp.totalCollateralMaintenance, inp.maintenanceMarginRequirement, cmd.amount);
    const floor = withdrawalHealthFloor(limits);
    const why = floor > limits.withdrawalHealthFloor ? ` (the minimum ${MIN_WITHDRAWAL_HEALTH} applies: the configuration's ${limits.withdrawalHealthFloor} is lower)` : '';
    out.push(
      h >= floor
        ? ALLOW
        : { allow: false, gate: 'limits.withdrawalHealthFloor', reason: `limits.withdrawalHealthFloor: projected health after withdrawing ${formatUnits(cmd.amount, 6)} USDC is ${h}, below ${floor}${why}`, limit: { limit: 'limits.withdrawalHealthFloor', value: String(h), bound: String(floor) } },
    );
  }
  return out;
}
