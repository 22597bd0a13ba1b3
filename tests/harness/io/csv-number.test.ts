/** csvNumber: at most 12 significant digits, shortest form, round trip within 12 digits; never a non-finite figure. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvNumber, csvText } from '../../../harness/io/csv-number.js';

describe('csvNumber', () => {
  it('writes the examples as people expect', () => {
    expect(csvNumber(0.1 + 0.2)).toBe('0.3');
    expect(csvNumber(9985.762686265647)).toBe('9985.76268627');
    expect(csvNumber(-0)).toBe('0');
    expect(csvNumber(-159.29)).toBe('-159.29');
    expect(csvNumber(0.0000125)).toBe('0.0000125');
    expect(csvNumber(123456789012345)).toBe('123456789012000');
  });
  it('refuses NaN and infinities', () => {
    for (const x of [NaN, Infinity, -Infinity]) expect(() => csvNumber(x)).toThrow(RangeError);
  });
  it('any finite double: <= 12 significant digits, and equal to the value rounded to 12 digits (seeded)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const s = csvNumber(x);
        const mantissa = s.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
        expect(mantissa.length).toBeLessThanOrEqual(12);
        expect(Number(s)).toBe(x === 0 ? 0 : Number(x.toPrecision(12)));
      }),
      { seed: 14, numRuns: 2000 },
    );
  });
  it('quotes text fields only when they need it', () => {
    expect(csvText('open: net APY 14.75%')).toBe('open: net APY 14.75%');
    expect(csvText('a, "b"')).toBe('"a, ""b"""');
  });
});
