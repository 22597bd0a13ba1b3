/**
 * The bounds table in docs/bounds.md is exactly the table engine/bounds.ts checks (one table, one
 * place), and a value at each bound is accepted while one just outside is refused.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOUNDS, boundProblem, boundsTableMarkdown, type BoundKey } from '../../../engine/bounds.js';
import { parseDecimal } from '../../../engine/data/decimal.js';
import { repoPath } from '../../../engine/paths.js';

describe('docs/bounds.md', () => {
  it('holds the table of engine/bounds.ts line for line', () => {
    const doc = readFileSync(repoPath('docs', 'bounds.md'), 'utf8');
    expect(doc).toContain(boundsTableMarkdown());
  });
});

describe('boundProblem', () => {
  it.each(Object.keys(BOUNDS) as BoundKey[])('%s: the bounds are in, just outside is out, non-finite is out', (k) => {
    const b = BOUNDS[k] as { min: number; max: number; integer?: boolean };
    expect(boundProblem(k, b.min)).toBeNull();
    expect(boundProblem(k, b.max)).toBeNull();
    const step = b.integer ? 1 : Math.max(Math.abs(b.min), Math.abs(b.max), 1) * 1e-6;
    expect(boundProblem(k, b.min - step)).toMatch(/must lie in .*docs\/bounds\.md.*got/);
    if (b.max < Number.MAX_SAFE_INTEGER) expect(boundProblem(k, b.max + step)).toMatch(/must lie in/);
    for (const v of [NaN, Infinity, -Infinity]) expect(boundProblem(k, v)).not.toBeNull();
  });
});

describe('parseDecimal: the one grammar', () => {
  it.each([['0', 0], ['-0.5', -0.5], ['5e-05', 5e-5], ['1.5E+21', 1.5e21], ['007', 7]])('accepts %s', (t, v) => expect(parseDecimal(t)).toBe(v));
  it.each(['', ' 1', '+1', '.5', '5.', '0x10', '0b1', '0o7', '1_0', 'Infinity', 'NaN', '1e999', '1e', '--1', '1,5'])('refuses "%s"', (t) => expect(parseDecimal(t)).toBeNull());
  it('round-trips every String(x) of a finite double', () => {
    for (const x of [1e-7, 123.456, -9.87e-300, 1.7976931348623157e308, 5e-324, 0.1 + 0.2]) expect(parseDecimal(String(x))).toBe(x);
  });
});
