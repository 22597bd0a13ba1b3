/**
 * Collapsed repeats: with a reminder interval, an account alerts once per level change and then only
 * every `reminderMs` while the level holds (never closer than the cooldown). Checked by hand on an
 * hourly series and by a seeded property against an independent scan of the observation history.
 * Also: the default reminder equals the cooldown (the live monitor's behaviour is unchanged), and a
 * paper replay uses a 24 h reminder.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HealthAlerter, type HealthAlert } from '../../../engine/alerts/healthAlerts.js';
import { PAPER_ALERT_REMINDER_MS } from '../../../engine/drivers/paperDriver.js';
import { ManualClock } from '../../../engine/venue/clock.js';

const HOUR = 3_600_000;

describe('health alerts: one per level change, then a reminder', () => {
  it('an hourly series at warning for 30 hours alerts at hours 0 and 24 only; a change of level alerts at once', () => {
    const clock = new ManualClock(0);
    const a = new HealthAlerter(clock, { reminderMs: 24 * HOUR });
    const times: [number, string][] = [];
    for (let h = 0; h < 30; h++) {
      for (const x of a.observe('acc', 40)) times.push([x.time / HOUR, x.level]);
      clock.advance(HOUR);
    }
    expect(times).toEqual([[0, 'warning'], [24, 'warning']]);
    for (const x of a.observe('acc', 10)) times.push([x.time / HOUR, x.level]); // warning -> critical
    clock.advance(HOUR);
    for (const x of a.observe('acc', 40)) times.push([x.time / HOUR, x.level]); // critical -> warning: a change
    clock.advance(HOUR);
    for (const x of a.observe('acc', 80)) times.push([x.time / HOUR, x.level]); // healthy: nothing
    clock.advance(HOUR);
    for (const x of a.observe('acc', 40)) times.push([x.time / HOUR, x.level]); // ok -> warning: a change
    expect(times.slice(2)).toEqual([[30, 'critical'], [31, 'warning'], [33, 'warning']]);
  });

  it('the default reminder is the cooldown; a reminder shorter than the cooldown is refused; paper uses 24 h', () => {
    const clock = new ManualClock(0);
    const a = new HealthAlerter(clock);
    expect(a.observe('x', 40)).toHaveLength(1);
    clock.advance(60_000);
    expect(a.observe('x', 40)).toHaveLength(1);
    expect(() => new HealthAlerter(clock, { reminderMs: 1000 })).toThrow(/reminderMs >= cooldownMs/);
    expect(PAPER_ALERT_REMINDER_MS).toBe(24 * HOUR);
  });

  it('property: alert iff the level changed (cooldown permitting) or the reminder is due (seeded, 200 runs)', () => {
    const obs = fc.array(fc.record({ dt: fc.integer({ min: 0, max: 3 * HOUR }), account: fc.constantFrom('a', 'b'), health: fc.integer({ min: 0, max: 100 }) }), { maxLength: 80 });
    const reminder = 5 * HOUR;
    fc.assert(
      fc.property(obs, (steps) => {
        const clock = new ManualClock(0);
        const alerter = new HealthAlerter(clock, { reminderMs: reminder });
        const emitted: HealthAlert[] = [];
        const prev = new Map<string, string | null>();
        for (const s of steps) {
          clock.advance(s.dt);
          const out = alerter.observe(s.account, s.health);
          const level = s.health < 20 ? 'critical' : s.health < 50 ? 'warning' : null;
          const changed = (prev.get(s.account) ?? null) !== level || !prev.has(s.account);
          prev.set(s.account, level);
          const lastSame = emitted.filter((e) => e.account === s.account && e.level === level).map((e) => e.time).pop();
          const gap = lastSame === undefined ? Infinity : clock.now() - lastSame;
          const want = level !== null && (changed ? gap >= 60_000 : gap >= reminder);
          expect(out.length).toBe(want ? 1 : 0);
          emitted.push(...out);
        }
      }),
      { seed: 1414, numRuns: 200 },
    );
  });
});
