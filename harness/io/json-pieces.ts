/**
 * JSON written in pieces, so a document larger than the longest string V8 can hold (~512 MB) can still
 * be written to a file or stdout: `jsonPieces(v)` joined is exactly `JSON.stringify(v, null, 2)` for
 * plain data (objects, arrays, strings, finite or non-finite numbers, booleans, null; no `toJSON`, no
 * bigint), tested against it. `batched` groups small pieces into ~1 MB strings for fewer writes.
 *
 * @example for (const s of batched(jsonPieces(doc))) out.write(s)
 */

export function* jsonPieces(value: unknown, indent = ''): Generator<string> {
  if (value === null || typeof value !== 'object') {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return void (yield '[]');
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      yield inner;
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') yield 'null';
      else yield* jsonPieces(v, inner);
      yield i < value.length - 1 ? ',\n' : '\n';
    }
    yield indent + ']';
    return;
  }
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined && typeof o[k] !== 'function' && typeof o[k] !== 'symbol');
  if (keys.length === 0) return void (yield '{}');
  yield '{\n';
  for (let i = 0; i < keys.length; i++) {
    yield `${inner}${JSON.stringify(keys[i])}: `;
    yield* jsonPieces(o[keys[i]!], inner);
    yield i < keys.length - 1 ? ',\n' : '\n';
  }
  yield indent + '}';
}

/** Pieces regrouped into strings of at least `size` characters (the last one may be shorter). */
export function* batched(pieces: Iterable<string>, size = 1 << 20): Generator<string> {
  let buf = '';
  for (const p of pieces) {
    buf += p;
    if (buf.length >= size) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}
