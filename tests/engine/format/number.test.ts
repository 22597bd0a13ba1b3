/**
 * The one number format (docs/number-format.md): people's money, percentages and drawdowns, checked
 * against Intl.NumberFormat (an independent implementation); machines' CSV numbers, checked by seeded
 * properties: at most 12 significant digits, never an exponent, round-trip stable, within 5e-12 relative.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../../engine/data/decimal.js';
import { csvNumber, drawdown, grouped, money, percent, price, signedMoney, signedPercent } from '../../../engine/format/number.js';

const intlUsd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });

describe('number format for people', () => {
  it('money: separators, cents, the minus before the dollar', () => {
    expect(money(10344.6)).toBe('$10,344.60');
    expect(money(-1234.564)).toBe('-$1,234.56');
    expect(money(-0.004)).toBe('$0.00');
    expect(money(1e9)).toBe('$1,000,000,000.00');
    expect(money(9459.6149, 0)).toBe('$9,460');
    expect(money(NaN)).toBe('invalid');
    expect(money(Infinity)).toBe('invalid');
    expect(signedMoney(12)).toBe('+$12.00');
    expect(signedMoney(-3.5)).toBe('-$3.50');
    expect(signedMoney(0.001)).toBe('$0.00');
  });

  it('money agrees with Intl.NumberFormat (en-US, USD) on seeded values', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        const x = cents / 100; // exact cents: no tie-rounding differences between the two
        expect(money(x)).toBe(intlUsd.format(x));
      }),
      { seed: 14, numRuns: 2000 },
    );
  });

  it('percentages have fixed precision; signed ones mark gains', () => {
    expect(percent(0.0417)).toBe('4.17%');
    expect(percent(-0.196, 1)).toBe('-19.6%');
    expect(percent(-0.00001, 2)).toBe('0.00%');
    expect(percent(1e308, 1)).toBe('1.0e+310%');
    expect(signedPercent(0.04)).toBe('+4.0%');
    expect(signedPercent(-0.196)).toBe('-19.6%');
    expect(signedPercent(0)).toBe('0.0%');
    expect(grouped(1234567.891, 1)).toBe('1,234,567.9');
    expect(price(189.44)).toBe('$189.44');
    expect(price(79.874)).toBe('$79.874');
    expect(price(100)).toBe('$100.00');
    expect(price(1234.567891)).toBe('$1,234.5679');
  });

  it('drawdown is printed as a loss', () => {
    expect(drawdown(0.0257)).toBe('-2.6%');
    expect(drawdown(0.5857242780922952, 2)).toBe('-58.57%');
    expect(drawdown(0)).toBe('0.0%');
    expect(drawdown(-0.026)).toBe('-2.6%');
    expect(drawdown(NaN)).toBe('invalid');
  });
});

describe('number format for machines (CSV)', () => {
  it('examples: artefacts rounded away, no exponent, no -0', () => {
    expect(csvNumber(0.21861830000000002)).toBe('0.2186183');
    expect(csvNumber(1.5e-7)).toBe('0.00000015');
    expect(csvNumber(1e-7)).toBe('0.0000001');
    expect(csvNumber(-5e-5)).toBe('-0.00005');
    expect(csvNumber(0.5857242780922952)).toBe('0.585724278092');
    expect(csvNumber(123456789012345.6)).toBe('123456789012000');
    expect(csvNumber(1.5e21)).toBe('1500000000000000000000');
    expect(csvNumber(-0)).toBe('0');
    expect(csvNumber(262.2)).toBe('262.2');
    expect(() => csvNumber(NaN)).toThrow(/not a finite number/);
  });

  it('at most 12 significant digits, plain decimal, parses under the one grammar, round-trip stable, within 5e-12', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e30, max: 1e30 }), (x) => {
        const s = csvNumber(x);
        expect(s).not.toMatch(/e/i);
        const sig = s.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
        expect(sig.length).toBeLessThanOrEqual(12);
        const back = parseDecimal(s);
        expect(back).not.toBeNull();
        expect(csvNumber(back!)).toBe(s);
        if (x !== 0 && Math.abs(x) > 1e-300) expect(Math.abs(back! - x) / Math.abs(x)).toBeLessThanOrEqual(5e-12);
      }),
      { seed: 1412, numRuns: 5000 },
    );
  });
});
