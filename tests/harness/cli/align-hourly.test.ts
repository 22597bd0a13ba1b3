/**
 * `dnh data align --hourly` into `dnh paper --hourly`: from seeded synthetic Hyperliquid 1h candles,
 * hourly fundingHistory and DefiLlama rates, the hourly file loads in paper (exit 0), its hours of a
 * day sum to the funding `data align` (daily) gives for that day from the same funding file, each
 * row carries its candle's close and the day's APYs; gaps and daily candles are refused naming the file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { parseCanonicalCsv } from '../../../engine/data/csv.js';
import { parseHourlyCsv } from '../../../engine/paper/replay.js';
import { cli } from '../../helpers/cli.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 2, 1); // 2025-03-01T00:00Z
const DAYS = 12;

/** Venue files for DAYS days: 1h and 1d candles from one seeded path, hourly funding, daily rates. */
function venueFiles(opts: { dropHour?: number } = {}): Record<string, string> {
  const rng = seedrandom('dnh-align-hourly');
  const d = mkdtempSync(join(tmpdir(), 'dnh-hourly-'));
  let price = 140;
  const hours: { t: number; o: number; h: number; l: number; c: number }[] = [];
  for (let i = 0; i < DAYS * 24; i++) {
    const o = price;
    const c = Math.round(o * (1 + (rng() - 0.5) * 0.02) * 1000) / 1000;
    hours.push({ t: T0 + i * HOUR, o, c, h: Math.max(o, c) + Math.round(rng() * 500) / 1000, l: Math.min(o, c) - Math.round(rng() * 500) / 1000 });
    price = c;
  }
  const candle = (i: string, x: { t: number; o: number; h: number; l: number; c: number }, len: number) => ({ t: x.t, T: x.t + len - 1, s: 'SOL', i, o: String(x.o), c: String(x.c), h: String(x.h), l: String(x.l), v: '1', n: 1 });
  const daily = Array.from({ length: DAYS }, (_, k) => {
    const day = hours.slice(k * 24, k * 24 + 24);
    return candle('1d', { t: day[0]!.t, o: day[0]!.o, c: day.at(-1)!.c, h: Math.max(...day.map((x) => x.h)), l: Math.min(...day.map((x) => x.l)) }, 86_400_000);
  });
  const funding = hours.map((x, i) => ({ coin: 'SOL', fundingRate: (Math.round((rng() - 0.3) * 4e4) / 1e9).toFixed(9), premium: '0', time: x.t + HOUR + (i % 7) })).filter((_, i) => i !== opts.dropHour);
  const rates = (field: 'apyBase' | 'apyBaseBorrow') => Array.from({ length: DAYS }, (_, k) => ({ timestamp: new Date(T0 + k * 86_400_000 + 23 * HOUR).toISOString(), apyBase: 4 + k / 10, apyBaseBorrow: 9 - k / 10, [field]: (field === 'apyBase' ? 4 : 9) + k / 10 }));
  const files: Record<string, unknown> = { 'hourly.json': hours.map((x) => candle('1h', x, HOUR)), 'daily.json': daily, 'funding.json': funding, 'sol.json': rates('apyBase'), 'usdc.json': rates('apyBaseBorrow') };
  const out: Record<string, string> = { dir: d };
  for (const [name, doc] of Object.entries(files)) writeFileSync((out[name] = join(d, name)), JSON.stringify(doc));
  return out;
}

describe('dnh data align --hourly -> dnh paper --hourly', () => {
  it('round trip: paper reads the file; hourly funding sums to the daily aligner\'s; closes and APYs carried', async () => {
    const f = venueFiles();
    const hourlyOut = join(f.dir!, 'hourly.csv');
    const a = await cli('data', 'align', '--hourly', '--prices', f['hourly.json']!, '--funding', f['funding.json']!, '--lend', f['sol.json']!, '--borrow', f['usdc.json']!, '--out', hourlyOut);
    expect(a.code, a.err).toBe(0);
    expect(a.err).toMatch(/hourly window 2025-03-01T01:00:00Z \.\. 2025-03-12T23:00:00Z: 287 rows/);
    const text = readFileSync(hourlyOut, 'utf8');
    const steps = parseHourlyCsv(text, hourlyOut);
    expect(steps).toHaveLength(287);
    const p = await cli('paper', '--hourly', hourlyOut, '--json');
    expect(p.code, p.err).toBe(0);
    expect(JSON.parse(p.out).input).toMatchObject({ granularity: 'hourly', steps: 287 });
    const pr = await cli('paper', '--hourly', hourlyOut, '--from', '2025-03-03', '--to', '2025-03-05', '--json');
    expect(JSON.parse(pr.out).input).toMatchObject({ steps: 72, from: '2025-03-03T00:00Z', to: '2025-03-06T00:00Z' });

    const d = await cli('data', 'align', '--prices', f['daily.json']!, '--funding', f['funding.json']!, '--lend', f['sol.json']!, '--borrow', f['usdc.json']!);
    expect(d.code, d.err).toBe(0);
    const daily = parseCanonicalCsv(d.out, 'daily');
    const rows = text.trim().split('\n').slice(1).map((l) => l.split(','));
    for (const day of daily.slice(1)) {
      const of = rows.filter((r) => r[0]!.startsWith(day.date));
      expect(of).toHaveLength(24);
      expect(of.reduce((s, r) => s + Number(r[4]), 0)).toBeCloseTo(day.funding, 12);
      expect(Number(of.at(-1)![1])).toBe(day.close);
      expect(Math.max(...of.map((r) => Number(r[2])))).toBeGreaterThanOrEqual(day.high - 1e-9);
      for (const r of of) expect([Number(r[5]), Number(r[6])]).toEqual([day.lendApy, day.borrowApy].map((x) => Number(x.toPrecision(12))));
    }
  });

  it('a funding hour missing inside the window: exit 1 naming the funding file and the hour', async () => {
    const f = venueFiles({ dropHour: 100 });
    const r = await cli('data', 'align', '--hourly', '--prices', f['hourly.json']!, '--funding', f['funding.json']!, '--lend', f['sol.json']!, '--borrow', f['usdc.json']!);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/funding\.json.*funding of 2025-03-05T0[45]:00:00Z missing/);
  });

  it('daily candles with --hourly, or --hourly with --spot: refused with the reason', async () => {
    const f = venueFiles();
    const daily = await cli('data', 'align', '--hourly', '--prices', f['daily.json']!, '--funding', f['funding.json']!, '--lend', f['sol.json']!, '--borrow', f['usdc.json']!);
    expect(daily.code).toBe(1);
    expect(daily.err).toMatch(/daily\.json, row 1.*--hourly needs hourly candles \(i = "1h"\), got "1d"/);
    const spot = await cli('data', 'align', '--hourly', '--spot', f['daily.json']!, '--prices', f['hourly.json']!, '--funding', f['funding.json']!, '--lend', f['sol.json']!, '--borrow', f['usdc.json']!);
    expect(spot.code).toBe(2);
    expect(spot.err).toMatch(/--hourly takes neither --spot/);
  });
});
