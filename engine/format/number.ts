/**
 * One number format (docs/number-format.md), two audiences.
 *
 * For people (terminal text, logs, tables):
 * - money: thousands separators, two decimals, the minus before the dollar: `-$1,234.56`;
 * - percentages: a fraction times 100 with a fixed number of decimals: `4.17%`, `-19.60%`;
 *   `signedPercent` adds `+` to gains (`+4.0%`);
 * - drawdown: a loss, printed as a negative percentage of the peak: `-2.6%` (never `+2.6%`); 0 is `0.0%`;
 * - a figure that is not a finite number prints as `invalid`, never as a number (issue 8).
 *
 * For machines (CSV cells): `csvNumber` writes at most 12 significant digits as a plain decimal (never an
 * exponent: `1e-7` is written `0.0000001`), `-0` as `0`. Reading the cell back and writing it again gives
 * the same text (round-trip stable); the value read back is within half a unit of the 12th digit of the
 * original (relative error <= 5e-12). JSON is left to `JSON.stringify` (every double exactly).
 *
 * No `Intl` (its first use costs ~30 ms of a cold process, most of `dnh backtest`'s budget).
 *
 * @example money(-1234.564)      // '-$1,234.56'
 * @example drawdown(0.0257)      // '-2.6%'
 * @example csvNumber(0.21861830000000002) // '0.2186183'
 * @example csvNumber(1.5e-7)     // '0.00000015'
 */

/** What a non-finite figure prints as, wherever a number would stand. */
export const NOT_A_NUMBER_MARK = 'invalid';

/** Significant digits of a CSV number. */
export const CSV_SIGNIFICANT_DIGITS = 12;

/** `1234567.891` with `digits` decimals and thousands separators: `1,234,567.89`; a value that rounds to 0 has no minus. */
export function grouped(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return NOT_A_NUMBER_MARK;
  const fixed = Math.abs(x).toFixed(digits);
  const [int, frac] = fixed.split('.');
  const sign = x < 0 && Number(fixed) !== 0 ? '-' : '';
  return sign + int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? '.' + frac : '');
}

/** Dollars: `$1,234.56`, `-$1,234.56` (`digits` decimals, default cents). */
export function money(x: number, digits = 2): string {
  const s = grouped(x, digits);
  if (s === NOT_A_NUMBER_MARK) return s;
  return s.startsWith('-') ? `-$${s.slice(1)}` : `$${s}`;
}

/** Dollars with an explicit sign on gains: `+$12.00`, `-$3.50`, `$0.00`. */
export function signedMoney(x: number, digits = 2): string {
  const s = money(x, digits);
  return s !== NOT_A_NUMBER_MARK && !s.startsWith('-') && Number(Math.abs(x).toFixed(digits)) !== 0 ? `+${s}` : s;
}

/** A price in dollars with 2 to 4 decimals (trailing zeros beyond 2 dropped): `$189.44`, `$79.874`, `$1,234.5679`. */
export function price(x: number): string {
  const s = money(x, 4);
  return s === NOT_A_NUMBER_MARK ? s : s.replace(/(\.\d\d\d*?)0+$/, '$1');
}

/** A fraction as a percentage: `0.0417` -> `4.17%` (`digits` decimals); a value that rounds to 0 has no minus. */
export function percent(fraction: number, digits = 2): string {
  if (!Number.isFinite(fraction)) return NOT_A_NUMBER_MARK;
  const y = fraction * 100;
  if (!Number.isFinite(y)) {
    // A finite fraction whose percentage overflows keeps its magnitude in exponent form (1.0e+310%).
    const [m, e] = fraction.toExponential(digits).split('e');
    return `${m}e${Number(e) >= -2 ? '+' : ''}${Number(e) + 2}%`;
  }
  const t = y.toFixed(digits);
  return (Number(t) === 0 ? t.replace(/^-/, '') : t) + '%';
}

/** A fraction as a percentage with a sign on gains: `+4.0%`, `-19.6%`, `0.0%`. */
export function signedPercent(fraction: number, digits = 1): string {
  const s = percent(fraction, digits);
  return s !== NOT_A_NUMBER_MARK && !s.startsWith('-') && Number(s.slice(0, -1)) !== 0 ? `+${s}` : s;
}

/**
 * A drawdown (a loss from the running peak, given as a non-negative fraction, `0.026`) printed as the loss
 * it is: `-2.6%`. No drawdown is `0.0%`. (A negative input is printed as its loss too: the sign of the
 * stored figure is a convention, the printed one is always a loss.)
 */
export function drawdown(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return NOT_A_NUMBER_MARK;
  return percent(-Math.abs(fraction), digits);
}

/** A plain number with `digits` decimals and separators (`1,234.5`), `invalid` when not finite. */
export function fixed(x: number, digits = 2): string {
  return grouped(x, digits);
}

/** A finite number as a plain decimal (no exponent), from its shortest round-trip form. */
function plainDecimal(x: number): string {
  const s = String(x);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, rest = '', expText] = m;
  const digits = lead! + rest;
  const exp = Number(expText);
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intLen = exp + 1;
  return digits.length <= intLen ? `${sign}${digits}${'0'.repeat(intLen - digits.length)}` : `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
}

/**
 * A CSV cell for a number: at most 12 significant digits, plain decimal, no trailing zeros, `-0` as `0`.
 * Throws on a non-finite value (a CSV a loader reads must never hold one; callers validate first).
 */
export function csvNumber(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`csvNumber: not a finite number: ${x}`);
  if (x === 0) return '0';
  const rounded = Number(x.toPrecision(CSV_SIGNIFICANT_DIGITS));
  return plainDecimal(rounded === 0 ? 0 : rounded);
}
