/**
 * Exact conversion of human amounts to Drift's integer venue units (STYLE.md habit 7): USDC quote 1e6,
 * SOL-PERP base 1e9. An amount that does not convert without loss is refused, never rounded; so is a size
 * that is not a multiple of the market's step. Inputs are decimal strings (preferred) or finite numbers
 * (converted through their shortest round-trip decimal form, `String(x)`).
 *
 * Example: `toVenueUnits('12.5', 6, 'amount')` -> `12_500_000n`; `toVenueUnits('0.0000001', 6, 'amount')` throws.
 */
import { InvalidInputError } from './errors.js';

export const QUOTE_DECIMALS = 6;
export const BASE_DECIMALS = 9;

const DECIMAL = /^([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/;

/** `value` x 10^decimals as a positive bigint, exactly, or an `InvalidInputError` naming `field`. */
export function toVenueUnits(value: string | number, decimals: number, field: string): bigint {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidInputError(field, `${value} is not a finite number`);
    text = String(value);
  } else text = value.trim();
  const m = DECIMAL.exec(text);
  if (!m) throw new InvalidInputError(field, `${JSON.stringify(String(value))} is not a positive decimal number`);
  const whole = m[1]!;
  const frac = m[2] ?? '';
  const exp = m[3] === undefined ? 0 : Number(m[3]);
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 100) throw new InvalidInputError(field, `exponent of ${text} out of range`);
  // digits x 10^(exp - frac.length + decimals)
  const digits = BigInt(whole + frac);
  const shift = exp - frac.length + decimals;
  let units: bigint;
  if (shift >= 0) units = digits * 10n ** BigInt(shift);
  else {
    const div = 10n ** BigInt(-shift);
    if (digits % div !== 0n) throw new InvalidInputError(field, `${text} has more than ${decimals} decimals (does not convert exactly to 1e${decimals} units)`);
    units = digits / div;
  }
  if (units <= 0n) throw new InvalidInputError(field, `${text} must be positive`);
  return units;
}

/** USDC amount -> quote units (1e6). */
export function usdcToQuote(value: string | number, field = 'amount'): bigint {
  return toVenueUnits(value, QUOTE_DECIMALS, field);
}

/** SOL (base) size -> base units (1e9), checked against the market's order step size (base units). */
export function sizeToBase(value: string | number, stepSize: bigint, field = 'size'): bigint {
  const base = toVenueUnits(value, BASE_DECIMALS, field);
  checkStep(base, stepSize, field);
  return base;
}

/** A base amount must be a positive multiple of the market's step. */
export function checkStep(base: bigint, stepSize: bigint, field = 'size'): void {
  if (stepSize <= 0n) throw new InvalidInputError('stepSize', `market step ${stepSize} must be positive`);
  if (base <= 0n) throw new InvalidInputError(field, `${base} must be positive`);
  if (base % stepSize !== 0n) throw new InvalidInputError(field, `${formatUnits(base, BASE_DECIMALS)} is not a multiple of the market step ${formatUnits(stepSize, BASE_DECIMALS)}`);
}

/**
 * A strategy's open size (base 1e9) rounded DOWN to the market's order step (never up: the order is
 * never larger than the strategy asked for); refused when it rounds to zero or below the market's
 * minimum order size. For sizes the strategy computes (`notional / price`); a size a person types is
 * refused when off the step instead (`sizeToBase`).
 *
 * Example: step 0.001 SOL: 13.3333333 SOL -> 13.333 SOL; 0.0009 SOL -> refused (rounds to 0).
 */
export function roundDownToStep(base: bigint, market: { orderStepSize: bigint; minOrderSize: bigint }, field = 'baseAssetAmount'): bigint {
  const step = market.orderStepSize;
  if (step <= 0n) throw new InvalidInputError('stepSize', `market step ${step} must be positive`);
  if (base <= 0n) throw new InvalidInputError(field, `${base} must be positive`);
  const rounded = base - (base % step);
  if (rounded === 0n) throw new InvalidInputError(field, `${formatUnits(base, BASE_DECIMALS)} rounds down to 0 at the market step ${formatUnits(step, BASE_DECIMALS)}`);
  if (rounded < market.minOrderSize) throw new InvalidInputError(field, `${formatUnits(base, BASE_DECIMALS)} rounds down to ${formatUnits(rounded, BASE_DECIMALS)}, below the market minimum ${formatUnits(market.minOrderSize, BASE_DECIMALS)}`);
  return rounded;
}

/** Integer units back to an exact decimal string (for messages and journals). */
export function formatUnits(units: bigint, decimals: number): string {
  const neg = units < 0n;
  const abs = neg ? -units : units;
  const s = abs.toString().padStart(decimals + 1, '0');
  const whole = s.slice(0, s.length - decimals);
  const frac = s.slice(s.length - decimals).replace(/0+$/, '');
  return `${neg ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}
