/**
 * Numbers in CSV files people open: at most 12 significant digits (the machine format of issue 14;
 * `0.1 + 0.2` is written `0.3`, not `0.30000000000000004`). A non-finite number is never written as a
 * figure: it throws (the run was invalid and should have been refused before; harness/verdict/finite.ts).
 *
 * @example csvNumber(9985.762686265647) === '9985.76268627'
 */
export function csvNumber(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`csvNumber: ${x} is not a finite number`);
  if (x === 0) return '0';
  return String(Number(x.toPrecision(12)));
}

/** A text field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function csvText(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
