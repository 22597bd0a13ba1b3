/**
 * Plain tables rendered as aligned text or Markdown, and the number formats reports use. A value that
 * is not a finite number (or a JSON `null` read back) is printed `invalid`, never as a number
 * (harness/verdict/finite.ts).
 */
import { grouped, money } from '../../engine/format/number.js';
import { NEVER_TRIGGER } from '../../engine/model/params.js';
import { INVALID_MARK, percentText } from '../verdict/finite.js';

export interface Table {
  columns: string[];
  rows: string[][];
  /** First `textColumns` columns are left-aligned (labels); the rest right-aligned. Default 1. */
  textColumns?: number;
}

export function textTable(t: Table): string {
  const left = t.textColumns ?? 1;
  const widths = t.columns.map((c, j) => Math.max(c.length, ...t.rows.map((r) => (r[j] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, j) => (j < left ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ').trimEnd();
  return [line(t.columns), widths.map((w) => '-'.repeat(w)).join('  '), ...t.rows.map(line)].join('\n') + '\n';
}

export function mdTable(t: Table): string {
  const left = t.textColumns ?? 1;
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const head = `| ${t.columns.map(esc).join(' | ')} |`;
  const sep = `| ${t.columns.map((_c, j) => (j < left ? '---' : '---:')).join(' | ')} |`;
  return [head, sep, ...t.rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n') + '\n';
}

/** `$9,459.61` (cents) or `$9,460` with `digits = 0`: the one money format (engine/format/number.ts). */
export const usd = money;

/** A fraction as a signed percentage: `+4.0%`, `-19.6%`. */
export function pct(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return INVALID_MARK;
  const s = percentText(x, digits);
  return (x >= 0 && !s.startsWith('-') ? '+' : '') + s + '%';
}

/** A plain number with separators (`1,234.57`), `invalid` when not finite. */
export const num = grouped;

export function triggerText(t: number): string {
  return t >= NEVER_TRIGGER ? 'never' : String(t);
}
