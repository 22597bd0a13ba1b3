/**
 * The one number grammar of every CSV field, decimal string in a JSON record, and numeric flag
 * (docs/bounds.md): an optional `-`, digits, optionally `.` and digits, optionally an exponent
 * `e`/`E` with an optional sign and digits. No leading `+`, no leading or trailing `.`, no hex
 * (`0x`), binary (`0b`), octal (`0o`), `_` separators, `Infinity` or `NaN`; the value must be finite
 * (`1e999` is refused). Exponents stay: `String(x)` writes `5e-7` and `1.5e+21`, and files round-trip.
 *
 * @example parseDecimal('-5e-05') // -0.00005
 * @example parseDecimal('0xDA')   // null
 */
export const DECIMAL_GRAMMAR = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** The finite number `text` spells under the grammar above, or `null`. */
export function parseDecimal(text: string): number | null {
  if (!DECIMAL_GRAMMAR.test(text)) return null;
  const v = Number(text);
  return Number.isFinite(v) ? v : null;
}
