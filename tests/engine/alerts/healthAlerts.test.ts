/**
 * Health alerts: thresholds (warning below 50, critical below 20, strict), the 60 s cooldown per level
 * and per account on a fake clock, and seeded properties: alerts of one level are never closer than the
 * cooldown, and an observation below a threshold always alerts unless that level alerted within the
 * cooldown (checked against an independent scan of the observation history).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HealthAlerter, type HealthAlert } from '../../../engine/alerts/healthAlerts.js';
import { ManualClock } from '../../../engine/venue/clock.js';

describe('health alerts', () => {
  it('warning below 50, critical below 20, nothing at 50 or above', () => {
    const clock = new ManualClock(0);
    const a = new HealthAlerter(clock);
    expect(a.observe('x', 50)).toEqual([]);
    expect(a.observe('x', 49)).toEqual([{ type: 'HEALTH_ALERT', level: 'warning', account: 'x', health: 49, threshold: 50, time: 0 }]);
    expect(a.observe('y', 20)[0]?.level).toBe('warning');
    expect(a.observe('z', 19)).toEqual([{ type: 'HEALTH_ALERT', level: 'critical', account: 'z', health: 19, threshold: 20, time: 0 }]);
  });

  it('one alert per level per 60 s, per account; levels are independent', () => {
    const clock = new ManualClock(1_000_000);
    const a = new HealthAlerter(clock);
    expect(a.observe('x', 40)).toHaveLength(1);
    clock.advance(59_999);
    expect(a.observe('x', 30)).toHaveLength(0);
    expect(a.observe('other', 30)).toHaveLength(1);
    expect(a.observe('x', 10)[0]?.level).toBe('critical'); // critical has its own cooldown
    clock.advance(1);
    expect(a.observe('x', 30)[0]?.time).toBe(1_060_000);
  });

  it('rejects health outside [0, 100] and inconsistent configs', () => {
    const a = new HealthAlerter(new ManualClock(0));
    expect(() => a.observe('x', 101)).toThrow(RangeError);
    expect(() => a.observe('x', Number.NaN)).toThrow(RangeError);
    expect(() => new HealthAlerter(new ManualClock(0), { criticalBelow: 60 })).toThrow(RangeError);
  });

  it('property: cooldown respected and no alert missed (seeded, 200 runs)', () => {
    const obs = fc.array(fc.record({ dt: fc.integer({ min: 0, max: 90_000 }), account: fc.constantFrom('a', 'b'), health: fc.integer({ min: 0, max: 100 }) }), { maxLength: 80 });
    fc.assert(
      fc.property(obs, (steps) => {
        const clock = new ManualClock(0);
        const alerter = new HealthAlerter(clock);
        const emitted: HealthAlert[] = [];
        for (const s of steps) {
          clock.advance(s.dt);
          const out = alerter.observe(s.account, s.health);
          expect(out.length).toBeLessThanOrEqual(1);
          const level = s.health < 20 ? 'critical' : s.health < 50 ? 'warning' : null;
          const recent = emitted.some((e) => e.account === s.account && e.level === level && clock.now() - e.time < 60_000);
          // independent expectation: alert iff below a threshold and that level did not alert within 60 s
          expect(out.length).toBe(level !== null && !recent ? 1 : 0);
          if (out[0] !== undefined) {
            expect(out[0].level).toBe(level);
            expect(out[0].time).toBe(clock.now());
          }
          emitted.push(...out);
        }
        for (const acc of ['a', 'b']) for (const lvl of ['warning', 'critical']) {
          const times = emitted.filter((e) => e.account === acc && e.level === lvl).map((e) => e.time);
          for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(60_000);
        }
      }),
      { seed: 5060, numRuns: 200 },
    );
  });
});
