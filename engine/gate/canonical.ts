/**
 * The canonical JSON the pre-live gate hashes (docs/gate.md, "Canonicalisation"): object keys sorted
 * by UTF-16 code unit at every level, no whitespace, strings and numbers as `JSON.stringify` writes
 * them (a number: JavaScript's shortest round-trip decimal), `undefined` members dropped, a non-finite
 * number written as its string ("NaN", "Infinity"). The same bytes as `harness/suite/hash.ts` gives.
 *
 * @example sha256Hex(canonicalJson({ b: 1, a: [0.1, 'x'] })) // over '{"a":[0.1,"x"],"b":1}'
 */
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : JSON.stringify(String(value));
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return '[' + value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',') + ']';
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return '{' + keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',') + '}';
  }
  throw new Error(`canonicalJson: cannot serialise a ${typeof value}`);
}

export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The hash of a gate report: over its canonical JSON without the `hash` and `meta` members. */
export function reportHash(report: Record<string, unknown>): string {
  const { hash: _h, meta: _m, ...content } = report;
  return sha256Hex(canonicalJson(content));
}
