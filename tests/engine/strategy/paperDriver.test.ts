/**
 * The paper driver end to end: the strategy over the bundled daily example and over generated hourly
 * data, through the safety gates into the paper venue and lending leg. Checks: a never-opening run keeps
 * capital exactly; the log is time-ordered and its counts match; the final total equals its parts; a perp
 * leg refused by the venue (12x > 10x cap) leaves the lending leg alone for exactly the hedge timeout; the hourly CSV parser rejects bad rows with file, row and field.
 */
import { describe, expect, it } from 'vitest';
import { loadCanonicalCsv } from '../../../engine/data/csv.js';
import { DataError } from '../../../engine/errors.js';
import { parseHourlyCsv, stepsFromDaily } from '../../../engine/paper/replay.js';
import { repoPath } from '../../../engine/paths.js';
import { runPaper } from '../../../engine/strategy/paperDriver.js';

const daily = stepsFromDaily(loadCanonicalCsv(repoPath('fixtures', 'example', 'sol-synthetic-410d.csv')));

/** 20 days of hours: price drifting 100 -> ~120, funding 0.002%/h then negative on the last days. */
function hourlyCsv(): string {
  const lines = ['time,price,funding,lend_apy,borrow_apy'];
  for (let h = 0; h < 20 * 24; h++) {
    const day = 1 + Math.floor(h / 24);
    const price = (100 * (1 + h / 2400)).toFixed(4);
    const funding = h < 16 * 24 ? 0.00002 : -0.00005;
    lines.push(`2025-03-${String(day).padStart(2, '0')}T${String(h % 24).padStart(2, '0')}:00:00Z,${price},${funding},0.06,0.07`);
  }
  return lines.join('\n') + '\n';
}

describe('paper driver', () => {
  it('a run that never opens keeps the capital to the micro-dollar', () => {
    const run = runPaper(daily, { capitalUsd: 10_000, strategy: { entryApy: 1e9 } });
    expect(run.final.totalEquity).toBe(10_000_000_000n);
    expect(run.final.counts.opens).toBe(0);
  });

  it('runs the daily example: ordered log, consistent counts, total = wallet + legs', () => {
    const run = runPaper(daily, { capitalUsd: 10_000 });
    for (let i = 1; i < run.events.length; i++) expect(run.events[i]!.time).toBeGreaterThanOrEqual(run.events[i - 1]!.time);
    expect(run.final.counts.opens).toBeGreaterThan(0);
    expect(run.final.counts.opens).toBe(run.events.filter((e) => e.kind === 'strategy' && e.text.startsWith('open:')).length);
    expect(run.final.counts.alerts).toBe(run.alerts.length);
    expect(run.final.totalEquity).toBe(run.final.wallet + run.final.perp.equity + run.final.spot.equity);
    expect(run.final.wallet >= 0n).toBe(true);
    // the ledger's fees and slippage are what the fills reported
    const fills = run.events.filter((e) => e.kind === 'command' && /slippage/.test(e.text));
    expect(fills.length).toBeGreaterThan(0);
  });

  it('closes a lone lending leg after the hedge timeout (5 min, inside the step) when the venue refuses the perp leg', () => {
    const run = runPaper(daily.slice(0, 30), { capitalUsd: 10_000, strategy: { leverage: 12, trigger: 999, exitHealth: 0 }, limits: { minHealthToOpen: 0, reduceBelowHealth: 0 } });
    const rejected = run.events.find((e) => e.kind === 'rejected' && /LeverageLimitError/.test(e.text));
    expect(rejected).toBeDefined();
    const timeout = run.events.find((e) => e.kind === 'strategy' && e.text.startsWith('hedge-timeout'));
    expect(timeout).toBeDefined();
    expect(timeout!.time - rejected!.time).toBe(5 * 60_000); // the replay stops at the timeout, not at the next close
    expect(run.events.some((e) => e.time === timeout!.time && e.kind === 'command' && /SPOT_CLOSE/.test(e.text))).toBe(true);
  });

  it('runs hourly data: decides every hour and exits on the funding stop', () => {
    const steps = parseHourlyCsv(hourlyCsv(), 'hourly.csv');
    const run = runPaper(steps, { capitalUsd: 5_000, strategy: { lookbackHours: 48, entryApy: 0.05 } });
    expect(run.final.counts.opens).toBeGreaterThan(0);
    const exit = run.events.find((e) => e.kind === 'strategy' && /funding stop/.test(e.text));
    expect(exit).toBeDefined();
    expect(exit!.time % 3_600_000).toBe(0);
    expect(exit!.time % 86_400_000).not.toBe(0); // an hourly decision, not a daily one
  });

  it('rejects malformed hourly CSVs with a DataError naming file, row and field', () => {
    const good = hourlyCsv().split('\n');
    const cases: [string, string][] = [
      [[good[0], good[1], good[3]].join('\n'), 'time'], // gap
      [[good[0], good[1], good[2]!.replace(/,[^,]+,0.06/, ',x,0.06')].join('\n'), 'funding'],
      [[good[0], good[1]!.replace(/Z,[^,]+,/, 'Z,-3,')].join('\n') + '\n' + good[2], 'price'],
    ];
    for (const [text, field] of cases) {
      try {
        parseHourlyCsv(text, 'h.csv');
        throw new Error('expected a DataError');
      } catch (e) {
        expect(e).toBeInstanceOf(DataError);
        expect((e as DataError).where.file).toBe('h.csv');
        expect((e as DataError).where.field).toBe(field);
        expect((e as DataError).where.row).toBeGreaterThan(1);
      }
    }
    expect(() => parseHourlyCsv('date,open\n', 'h.csv')).toThrow(DataError);
  });
});
