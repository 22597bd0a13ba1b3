/**
 * Exact conversion to venue units: every accepted amount converts without loss (checked against an
 * independent string construction), every lossy, non-positive or non-finite one is refused naming the
 * field, and sizes off the market step are refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../../engine/drift/write/errors.js';
import { checkStep, formatUnits, sizeToBase, toVenueUnits, usdcToQuote } from '../../../../engine/drift/write/precision.js';

describe('toVenueUnits', () => {
  it('converts exact decimals', () => {
    expect(usdcToQuote('12.5')).toBe(12_500_000n);
    expect(usdcToQuote('0.000001')).toBe(1n);
    expect(usdcToQuote(1000)).toBe(1_000_000_000n);
    expect(usdcToQuote(0.1)).toBe(100_000n);
    expect(usdcToQuote('1e3')).toBe(1_000_000_000n);
    expect(usdcToQuote('1.5E-5')).toBe(15n);
    expect(toVenueUnits('123456789.123456789', 9, 'size')).toBe(123456789123456789n);
    expect(usdcToQuote('0012.340000')).toBe(12_340_000n);
  });

  it('refuses amounts that do not convert exactly, naming the field', () => {
    for (const bad of ['0.0000001', '1.0000005', 1e-7, '1e-7', 0.1 + 0.2]) {
      expect(() => usdcToQuote(bad, 'amount')).toThrow(InvalidInputError);
      expect(() => usdcToQuote(bad, 'amount')).toThrow(/invalid amount: .*more than 6 decimals/);
    }
  });

  it('refuses non-positive, non-finite and malformed input', () => {
    for (const bad of [0, '0', '0.000', -1, '-1', NaN, Infinity, -Infinity, '', ' ', 'abc', '1,5', '0x10', '1.', '.5', '+1', '1e999999']) {
      expect(() => usdcToQuote(bad as string | number, 'amount'), String(bad)).toThrow(InvalidInputError);
    }
  });

  it('round-trips every integer unit count through its decimal text (seeded)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 20n }), fc.integer({ min: 0, max: 12 }), (units, decimals) => {
        expect(toVenueUnits(formatUnits(units, decimals), decimals, 'x')).toBe(units);
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});

describe('market step', () => {
  const step = 10_000_000n; // 0.01 SOL
  it('accepts multiples and refuses the rest', () => {
    expect(sizeToBase('1.23', step)).toBe(1_230_000_000n);
    expect(() => sizeToBase('1.234', step)).toThrow(/not a multiple of the market step 0.01/);
    expect(() => sizeToBase('0.0000000001', step)).toThrow(/more than 9 decimals/);
    expect(() => checkStep(5n, 0n)).toThrow(InvalidInputError);
  });
});
