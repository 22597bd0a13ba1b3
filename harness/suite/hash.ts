/**
 * Content hash of a suite result: sha256 over a canonical JSON serialisation (object keys sorted at
 * every level, numbers as JavaScript prints them: the shortest round-trip decimal, the same on every
 * machine). Non-finite numbers serialise as strings ("NaN", "Infinity") so they hash distinctly.
 */
import { createHash } from 'node:crypto';
import { batched } from '../io/json-pieces.js';

/** The canonical serialisation in pieces (a result with very many failing scenarios may exceed one string). */
export function* canonicalPieces(value: unknown): Generator<string> {
  if (value === null) return void (yield 'null');
  if (typeof value === 'number') return void (yield Number.isFinite(value) ? JSON.stringify(value) : JSON.stringify(String(value)));
  if (typeof value === 'string' || typeof value === 'boolean') return void (yield JSON.stringify(value));
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      if (value[i] === undefined) yield 'null';
      else yield* canonicalPieces(value[i]);
    }
    return void (yield ']');
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    yield '{';
    for (let i = 0; i < keys.length; i++) {
      yield `${i > 0 ? ',' : ''}${JSON.stringify(keys[i])}:`;
      yield* canonicalPieces(o[keys[i]!]);
    }
    return void (yield '}');
  }
  throw new Error(`canonicalJson: cannot serialise a ${typeof value}`);
}

export function canonicalJson(value: unknown): string {
  return [...canonicalPieces(value)].join('');
}

export function contentHash(value: unknown): string {
  const h = createHash('sha256');
  for (const piece of batched(canonicalPieces(value), 1 << 16)) h.update(piece);
  return h.digest('hex');
}
