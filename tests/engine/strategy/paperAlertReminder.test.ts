/**
 * The paper driver's alert log collapses repeats: with the warning threshold set above any health the
 * run sees (99), every hourly observation of an open position qualifies for a warning; the log holds
 * one warning per account when it first falls below, then one reminder per 24 h, not one per hour. The
 * expected count is computed here from the observation times the run reports.
 */
import { describe, expect, it } from 'vitest';
import { runPaper, PAPER_ALERT_REMINDER_MS } from '../../../engine/drivers/paperDriver.js';
import { parseHourlyCsv } from '../../../engine/paper/replay.js';

function hourlyCsv(days: number): string {
  const lines = ['time,price,funding,lend_apy,borrow_apy'];
  for (let h = 0; h < days * 24; h++) {
    const d = new Date(Date.UTC(2025, 4, 1) + h * 3_600_000).toISOString().slice(0, 19) + 'Z';
    lines.push(`${d},150,0.00003,0.06,0.07`);
  }
  return lines.join('\n') + '\n';
}

describe('paper alerts: one per level change, then a 24 h reminder', () => {
  it('ten days of hourly steps below the warning level: about one warning a day per account, not one an hour', async () => {
    const steps = parseHourlyCsv(hourlyCsv(10), 'hourly.csv');
    const run = await runPaper(steps, { capitalUsd: 5_000, strategy: { lookbackHours: 24 }, alerts: { warningBelow: 99, criticalBelow: 0 } });
    expect(run.final.counts.opens).toBe(1);
    for (const account of ['drift:paper', 'lending:paper']) {
      const times = run.alerts.filter((a) => a.account === account).map((a) => a.time);
      expect(times.length, account).toBeGreaterThanOrEqual(5);
      expect(times.length, account).toBeLessThanOrEqual(11);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(PAPER_ALERT_REMINDER_MS);
      run.alerts.filter((a) => a.account === account).forEach((a) => expect(a.level).toBe('warning'));
    }
    // The same run with the reminder at the cooldown (the monitor's default) repeats every hour.
    const noisy = await runPaper(steps, { capitalUsd: 5_000, strategy: { lookbackHours: 24 }, alerts: { warningBelow: 99, criticalBelow: 0, reminderMs: 60_000 } });
    expect(noisy.alerts.length).toBeGreaterThan(5 * run.alerts.length);
  });
});
