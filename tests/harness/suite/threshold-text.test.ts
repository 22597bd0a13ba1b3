/**
 * Failed thresholds print as people read them (docs/number-format.md): fractions as percentages with
 * just enough decimals for value and bound to differ, counts as numbers, never a 17-digit float.
 */
import { describe, expect, it } from 'vitest';
import { breachText, pairText } from '../../../harness/suite/threshold-text.js';

describe('breachText', () => {
  it('the issue\'s example: maxDrawdown 0.5857242780922952 > max 0.5', () => {
    expect(breachText('maxDrawdown', 0.5857242780922952, { max: 0.5 })).toBe('maxDrawdown 58.57% > max 50.00%');
  });
  it('returns below a minimum, probabilities above a maximum', () => {
    expect(breachText('return.p5', -0.0731, { min: -0.05 })).toBe('return.p5 -7.31% < min -5.00%');
    expect(breachText('probRuin', 0.0125, { max: 0.01 })).toBe('probRuin 1.25% > max 1.00%');
  });
  it('adds decimals until value and bound differ', () => {
    expect(breachText('maxDrawdown', 0.50001, { max: 0.5 })).toBe('maxDrawdown 50.001% > max 50.000%');
    expect(pairText('return', 0.1 + 1e-13, 0.1)).toEqual(['10.0000000000%', '10.0000000000%']);
  });
  it('counts stay counts', () => {
    expect(breachText('liquidations', 3, { max: 2 })).toBe('liquidations 3 > max 2');
    expect(breachText('expectedLiquidations', 0.4375, { max: 0.25 })).toBe('expectedLiquidations 0.44 > max 0.25');
  });
  it('within the bound: null; not finite: invalid', () => {
    expect(breachText('maxDrawdown', 0.1, { max: 0.5 })).toBeNull();
    expect(breachText('maxDrawdown', NaN, { max: 0.5 })).toBe('maxDrawdown invalid');
  });
});
