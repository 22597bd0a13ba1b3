/** Checks on venue answers shared by the download sources: each failure a ResponseFormatError naming venue, URL and problem. */
import { parseDecimal } from '../../engine/data/decimal.js';
import { ResponseFormatError } from './errors.js';

export function parseJsonAnswer(text: string, venue: string, url: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const head = text.slice(0, 60).replace(/\s+/g, ' ');
    throw new ResponseFormatError(venue, url, `not valid JSON (${(e as Error).message}); the body starts "${head}"`);
  }
}

export function arrayAnswer(doc: unknown, venue: string, url: string, what: string): unknown[] {
  if (!Array.isArray(doc)) throw new ResponseFormatError(venue, url, `expected a JSON array of ${what}, got ${describe(doc)}`);
  return doc;
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return `an object with keys ${Object.keys(v as object).slice(0, 5).join(', ') || '(none)'}`;
  if (typeof v === 'string') return `"${v.slice(0, 40)}"`;
  return `${typeof v} ${String(v)}`;
}

/** A record field that must be a finite decimal (number or decimal string). */
export function decimalField(rec: Record<string, unknown>, field: string, venue: string, url: string, row: number): number {
  const v = rec[field];
  const n = typeof v === 'number' ? v : typeof v === 'string' ? parseDecimal(v.trim()) : null;
  if (n === null || !Number.isFinite(n)) throw new ResponseFormatError(venue, url, `record ${row}: field ${field} is not a number (${v === undefined ? 'missing' : describe(v)})`);
  return n;
}

/** A record field that must be an integer (timestamps). */
export function integerField(rec: Record<string, unknown>, field: string, venue: string, url: string, row: number): number {
  const n = decimalField(rec, field, venue, url, row);
  if (!Number.isSafeInteger(n)) throw new ResponseFormatError(venue, url, `record ${row}: field ${field} is not an integer (${describe(rec[field])})`);
  return n;
}

export function objectRecord(r: unknown, venue: string, url: string, row: number): Record<string, unknown> {
  if (r === null || typeof r !== 'object' || Array.isArray(r)) throw new ResponseFormatError(venue, url, `record ${row} is not an object (${describe(r)})`);
  return r as Record<string, unknown>;
}
