/**
 * Seeded fuzz of `dnh paper` and `dnh study` in-process (500 runs each): daily and hourly CSVs with
 * extreme, malformed and misdated values, and the paper's flags (capital, leverage, trigger, APY
 * thresholds, lookback, exit health); the study over two generated series. Every run keeps the
 * refusal contract of harness.ts: paper never throws RangeError or BigInt(Infinity), study never a TypeError.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalCsvArb, dbl, flagsArb, fuzzParams, hourlyCsvArb, numText, rarely, runChecked, Tally } from './harness.js';

const paperFlags = flagsArb({
  capital: numText(dbl(100, 1e6)),
  leverage: numText(dbl(1, 4)),
  trigger: numText(dbl(4, 10)),
  'entry-apy': numText(dbl(-0.1, 0.5)),
  'stop-apy': numText(dbl(-0.1, 0.1)),
  'lookback-hours': numText(fc.integer({ min: 1, max: 200 }).map(Number)),
  'exit-health': numText(dbl(0, 100)),
});

describe('fuzz: dnh paper', () => {
  it('keeps the refusal contract on 500 generated replays and flag sets', async () => {
    const tally = new Tally();
    const input = fc.oneof(canonicalCsvArb(2, 30).map((csv) => ({ flag: '--data', csv })), hourlyCsvArb().map((csv) => ({ flag: '--hourly', csv })));
    await fc.assert(
      fc.asyncProperty(input, paperFlags, fc.boolean(), async ({ flag, csv }, f, json) => {
        tally.add(await runChecked({ files: { 'd.csv': csv }, argv: ['paper', flag, '@DIR/d.csv', ...f, ...(json ? ['--json'] : [])], json }));
      }),
      fuzzParams,
    );
    const seen = JSON.stringify([...tally.seen]);
    console.info(`fuzz dnh paper: exit statuses ${seen}`);
    expect(tally.seen.get(0) ?? 0, seen).toBeGreaterThan(20);
    expect((tally.seen.get(1) ?? 0) + (tally.seen.get(2) ?? 0), seen).toBeGreaterThan(20);
  });
});

describe('fuzz: dnh study', () => {
  it('keeps the refusal contract on 500 generated pairs of series', async () => {
    const tally = new Tally();
    await fc.assert(
      fc.asyncProperty(canonicalCsvArb(2, 15), rarely(canonicalCsvArb(2, 15), 0.5), fc.constantFrom('study', 'exact', 'both', 'neither'), fc.boolean(), async (hl, drift, convention, toFile) => {
        const files: Record<string, string> = { 'hl.csv': hl, ...(drift ? { 'drift.csv': drift } : {}) };
        const argv = ['study', '--hl', '@DIR/hl.csv', '--drift', drift ? '@DIR/drift.csv' : '@DIR/hl.csv', '--convention', convention, ...(toFile ? ['--out', '@DIR/study.txt'] : [])];
        tally.add(await runChecked({ files, argv, outputs: ['study.txt', 'study.txt.provenance.json'] }));
      }),
      fuzzParams,
    );
    const seen = JSON.stringify([...tally.seen]);
    console.info(`fuzz dnh study: exit statuses ${seen}`);
    expect(tally.seen.get(0) ?? 0, seen).toBeGreaterThan(20);
    expect((tally.seen.get(1) ?? 0) + (tally.seen.get(2) ?? 0), seen).toBeGreaterThan(20);
  });
});
