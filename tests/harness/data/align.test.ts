/**
 * `alignVenueData` and `dnh data align`: the fixtures align to the hand-derived rows, every partial
 * day is flagged with its reason (and can be trimmed), a gap is an error naming the file and date,
 * and the CLI writes canonical CSV on stdout with the coverage report on stderr.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCanonicalCsv, parseCanonicalCsv } from '../../../engine/data/csv.js';
import type { MarketRow } from '../../../engine/data/rows.js';
import { DataError, UsageError } from '../../../engine/errors.js';
import { repoPath } from '../../../engine/paths.js';
import { alignVenueData } from '../../../engine/venues-data/align.js';
import { loadFunding, loadPrices, loadRates } from '../../../engine/venues-data/detect.js';
import { runCli } from '../../../harness/cli/main.js';
import type { CliIo } from '../../../harness/cli/io.js';

const fx = (name: string) => repoPath('fixtures', 'venues', name);
const capture = () => {
  const io = { outText: '', errText: '', isTty: false, out: (t: string) => void (io.outText += t), err: (t: string) => void (io.errText += t) };
  return io as CliIo & { outText: string; errText: string };
};
const inputs = (funding = 'hl-funding.json', prices = 'hl-candles.json') => ({
  prices: loadPrices(fx(prices)),
  funding: loadFunding(fx(funding)),
  lend: loadRates(fx('defillama-sol.json'), 'apyBase'),
  borrow: loadRates(fx('defillama-usdc.json'), 'apyBaseBorrow'),
});

/** A row's numbers as the CSV number format writes them (12 significant digits), independently of csvNumber. */
const to12 = (r: MarketRow): MarketRow =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toPrecision(12)) : v])) as unknown as MarketRow;

describe('alignVenueData on the fixtures', () => {
  it('aligns the four sources day by day (values from make-fixtures.mjs)', () => {
    const { rows, coverage } = alignVenueData(inputs());
    expect(rows.map((r) => r.date)).toEqual(['2025-01-17', '2025-01-18', '2025-01-19', '2025-01-20']);
    expect(rows[1]).toMatchObject({ open: 219.51, high: 271.18, low: 217.22, close: 262.2, lendApy: 4.65 / 100, borrowApy: 10.62 / 100 });
    expect(rows[1]!.funding).toBeCloseTo(12 * 0.00002 + 12 * 0.0000125, 17);
    expect(coverage).toMatchObject({ from: '2025-01-17', to: '2025-01-20', rows: 4, dropped: [] });
  });
  it('flags every partial day with its reason: short funding days and the unfinished last candle', () => {
    const { coverage } = alignVenueData(inputs());
    expect(coverage.partial.map((p) => p.date)).toEqual(['2025-01-17', '2025-01-20']);
    expect(coverage.partial[0]!.reasons).toEqual(['funding from 4 of 24 hours']);
    expect(coverage.partial[1]!.reasons[0]).toBe('funding from 11 of 24 hours');
    // The newest input time is the last DefiLlama snapshot, 12:01 on 2025-01-20: before the candle's end.
    expect(coverage.partial[1]!.reasons[1]).toMatch(/last of its file.*2025-01-20T12:01Z/);
  });
  it('--drop-partial trims the flagged edge days', () => {
    const { rows, coverage } = alignVenueData({ ...inputs(), dropPartial: true });
    expect(rows.map((r) => r.date)).toEqual(['2025-01-18', '2025-01-19']);
    expect(coverage.dropped).toEqual(['2025-01-17', '2025-01-20']);
  });
  it('a partial day inside the window cannot be dropped without a gap', () => {
    const inp = inputs();
    inp.funding.days[1]!.hours = 23;
    expect(() => alignVenueData({ ...inp, dropPartial: true })).toThrow(UsageError);
  });
  it('a day missing inside the window is a DataError naming the file and date (nothing filled)', () => {
    const inp = inputs();
    inp.lend.days.splice(1, 1);
    let err: unknown;
    try {
      alignVenueData(inp);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).where).toMatchObject({ file: fx('defillama-sol.json'), date: '2025-01-18' });
  });
  it('the window is the overlap of the sources, narrowed by --from/--to', () => {
    const drift = alignVenueData(inputs('drift-records.json'));
    expect([drift.coverage.from, drift.coverage.to]).toEqual(['2025-01-18', '2025-01-19']);
    expect(drift.coverage.partial).toEqual([]);
    expect(drift.rows[0]!.funding).toBeCloseTo(24 * (0.002 / 200), 17);
    const narrowed = alignVenueData({ ...inputs(), from: '2025-01-18', to: '2025-01-19' });
    expect(narrowed.rows.map((r) => r.date)).toEqual(['2025-01-18', '2025-01-19']);
  });
  it('daily funding files: the hour counts they record are checked too', () => {
    const { coverage } = alignVenueData(inputs('drift-daily.json', 'binance-klines.csv'));
    expect(coverage.partial.map((p) => [p.date, p.reasons[0]])).toEqual([['2025-01-20', 'funding from 16 of 24 hours']]);
  });
});

describe('dnh data align', () => {
  const args = ['data', 'align', '--prices', fx('hl-candles.json'), '--funding', fx('hl-funding.json'), '--lend', fx('defillama-sol.json'), '--borrow', fx('defillama-usdc.json')];
  it('writes canonical CSV on stdout and the coverage report on stderr', async () => {
    const io = capture();
    expect(await runCli(args, io)).toBe(0);
    const rows = parseCanonicalCsv(io.outText, 'stdout');
    // The CSV holds every value to 12 significant digits (docs/number-format.md): align -> load gives them back.
    const want = alignVenueData(inputs()).rows;
    expect(rows).toEqual(want.map(to12));
    for (const [i, r] of rows.entries()) {
      for (const k of ['open', 'high', 'low', 'close', 'funding', 'lendApy', 'borrowApy'] as const) {
        const rel = Math.abs(r[k] - want[i]![k]) / Math.max(Math.abs(want[i]![k]), 1e-300);
        expect(rel, `${r.date} ${k}`).toBeLessThanOrEqual(5e-12);
      }
    }
    // Written again, the loaded rows give the same bytes (round-trip stable).
    expect(formatCanonicalCsv(rows)).toBe(io.outText);
    expect(io.errText).toContain('window 2025-01-17 .. 2025-01-20: 4 rows');
    expect(io.errText).toMatch(/2025-01-17 +kept +funding from 4 of 24 hours/);
  });
  it('--drop-partial --out writes the trimmed rows to a file', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'dnh-align-')), 'rows.csv');
    const io = capture();
    expect(await runCli([...args, '--drop-partial', '--out', out], io)).toBe(0);
    expect(io.outText).toBe('');
    expect(parseCanonicalCsv(readFileSync(out, 'utf8'), out).map((r) => r.date)).toEqual(['2025-01-18', '2025-01-19']);
    expect(io.errText).toMatch(/2025-01-20 +DROPPED/);
  });
  it('a missing flag is a usage error (exit 2); a bad file is a data error (exit 1), one line each', async () => {
    const io = capture();
    expect(await runCli(args.slice(0, 4), io)).toBe(2);
    expect(io.errText).toMatch(/--funding FILE is required/);
    const bad = join(mkdtempSync(join(tmpdir(), 'dnh-align-')), 'bad.json');
    writeFileSync(bad, '[{"coin":"SOL","fundingRate":"x","time":1}]');
    const io2 = capture();
    expect(await runCli([...args.slice(0, 5), bad, ...args.slice(6)], io2)).toBe(1);
    expect(io2.errText.trim().split('\n')).toHaveLength(1);
    expect(io2.errText).toContain(`${bad}, row 1`);
  });
});
