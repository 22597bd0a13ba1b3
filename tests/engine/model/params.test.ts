/**
 * Parameter resolution: presets per convention, and the non-throwing `tryResolveParams` (used by grids)
 * agreeing with `resolveParams` on what is valid and on the message naming what is not.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../engine/errors.js';
import { resolveParams, tryResolveParams } from '../../../engine/model/params.js';
import type { ParamOverrides } from '../../../engine/model/types.js';

describe('parameters', () => {
  it('applies the section 3 presets under exact and the section 9 presets under study', () => {
    const hl = resolveParams({ venue: 'hl' });
    expect([hl.perp.feeBps, hl.perp.maintenance, hl.long.maintenance, hl.transferCost, hl.trigger]).toEqual([4.5, 0.025, 0.15, 3, 4]);
    const drift = resolveParams({ venue: 'drift', leverage: 3 });
    expect([drift.perp.feeBps, drift.perp.maintenance, drift.perp.penalty, drift.transferCost, drift.trigger]).toEqual([3.5, 0.03, { kind: 'notional', rate: 0.025 }, 0.01, 6]);
    const study = resolveParams({ venue: 'hl', convention: 'study' });
    expect([study.perp.feeBps, study.long.maintenance, study.long.penalty, study.gas]).toEqual([3.5, 0.05, { kind: 'equity', rate: 0.5 }, 2]);
  });

  const cases: ParamOverrides[] = [
    { leverage: 3 },
    { leverage: 5 },
    { leverage: 2, trigger: 2.3 },
    { leverage: 0.5 },
    { capital: -1 },
    { capital: Number.NaN },
    { long: { maintenance: 1.2 } },
    { perp: { penalty: { kind: 'equity', rate: 2 } } },
    { transferCost: -3 },
    { convention: 'study', model: 'static' },
    { convention: 'study', long: { closeFeeBps: 5 } },
    { leverage: 3, trigger: 3.6 },
  ];
  for (const o of cases) {
    it(`tryResolveParams agrees with resolveParams on ${JSON.stringify(o)}`, () => {
      const r = tryResolveParams(o);
      let thrown: unknown = null;
      let resolved: unknown = null;
      try {
        resolved = resolveParams(o);
      } catch (e) {
        thrown = e;
      }
      if (r.params) {
        expect(thrown).toBeNull();
        expect(r.params).toEqual(resolved);
      } else {
        expect(thrown).toBeInstanceOf(UsageError);
        expect(r.problem).toBe((thrown as Error).message);
      }
    });
  }
});
