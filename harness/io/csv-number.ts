/**
 * CSV cells for files people open. Numbers use the one machine format of docs/number-format.md
 * (`csvNumber` of engine/format/number.ts: at most 12 significant digits, plain decimal, non-finite
 * refused); text fields are quoted when they need it.
 */
export { csvNumber } from '../../engine/format/number.js';

/** A text field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function csvText(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
