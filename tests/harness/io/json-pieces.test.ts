/**
 * Documents written in pieces (suite results can outgrow one string): `jsonPieces` joined equals
 * `JSON.stringify(v, null, 2)`, and the streamed content hash equals the sha256 of the one-string
 * canonical serialisation, on seeded random JSON values (non-finite numbers and undefined included).
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batched, jsonPieces } from '../../../harness/io/json-pieces.js';
import { canonicalJson, contentHash } from '../../../harness/suite/hash.js';

const value = fc.letrec((tie) => ({
  leaf: fc.oneof(fc.constant(null), fc.boolean(), fc.double(), fc.integer(), fc.string(), fc.constant(undefined)),
  node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 5 }), fc.dictionary(fc.string({ maxLength: 6 }), tie('node'), { maxKeys: 5 })),
})).node;

describe('JSON in pieces', () => {
  it('jsonPieces joined is JSON.stringify(v, null, 2)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(value), fc.dictionary(fc.string(), value)), (v) => {
        expect([...jsonPieces(v)].join('')).toBe(JSON.stringify(v, null, 2));
        expect([...batched(jsonPieces(v), 7)].join('')).toBe(JSON.stringify(v, null, 2));
      }),
      { seed: 8_2026, numRuns: 500 },
    );
  });
  it('the streamed content hash is the sha256 of canonicalJson', () => {
    fc.assert(
      fc.property(value.filter((v) => v !== undefined), (v) => {
        expect(contentHash(v)).toBe(createHash('sha256').update(canonicalJson(v)).digest('hex'));
      }),
      { seed: 8_2027, numRuns: 300 },
    );
  });
});
