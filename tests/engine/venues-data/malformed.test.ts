/**
 * Every malformed kind (missing field, wrong type, unsorted, duplicate hour/date, mixed coins,
 * non-finite) is rejected by each loader with a DataError naming the file, the record and the field.
 * Each case mutates one record of a valid fixture, so the rejection can only come from that change.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../engine/errors.js';
import { repoPath } from '../../../engine/paths.js';
import { parseFunding, parsePrices } from '../../../engine/venues-data/detect.js';
import { parseDefiLlamaLendBorrow } from '../../../engine/venues-data/defillama.js';

type Rec = Record<string, unknown>;
const fixture = (name: string): Rec[] => JSON.parse(readFileSync(repoPath('fixtures', 'venues', name), 'utf8')) as Rec[];

interface Case {
  name: string;
  mutate: (recs: Rec[]) => Rec[];
  /** 1-based record named in the message, and the field. */
  row: number;
  field?: string;
  problem: RegExp;
}

const set = (i: number, patch: Rec) => (r: Rec[]) => r.map((x, j) => (j === i ? { ...x, ...patch } : x));
const drop = (i: number, field: string) => (r: Rec[]) => r.map((x, j) => (j === i ? Object.fromEntries(Object.entries(x).filter(([k]) => k !== field)) : x));
const swap = (i: number) => (r: Rec[]) => r.map((x, j) => (j === i ? r[i + 1]! : j === i + 1 ? r[i]! : x));
const INF = (json: string) => json.replace('"__INF__"', '1e999');

function expectRejected(parse: (text: string, file: string) => unknown, recs: Rec[], c: Case, file: string): void {
  let err: unknown;
  try {
    parse(INF(JSON.stringify(recs)), file);
  } catch (e) {
    err = e;
  }
  expect(err, c.name).toBeInstanceOf(DataError);
  const e = err as DataError;
  expect(e.where.file).toBe(file);
  expect(e.where.row, `${c.name}: ${e.message}`).toBe(c.row);
  if (c.field) expect(e.where.field, `${c.name}: ${e.message}`).toBe(c.field);
  expect(e.message).toMatch(c.problem);
  expect(e.message.startsWith(file)).toBe(true);
}

const suites: { file: string; parse: (t: string, f: string) => unknown; cases: Case[] }[] = [
  {
    file: 'hl-funding.json',
    parse: parseFunding,
    cases: [
      { name: 'missing fundingRate', mutate: drop(5, 'fundingRate'), row: 6, field: 'fundingRate', problem: /missing field/ },
      { name: 'fundingRate wrong type', mutate: set(5, { fundingRate: true }), row: 6, field: 'fundingRate', problem: /expected a number/ },
      { name: 'fundingRate not a number string', mutate: set(5, { fundingRate: 'abc' }), row: 6, field: 'fundingRate', problem: /expected a number/ },
      { name: 'time wrong type', mutate: set(5, { time: '12:00' }), row: 6, field: 'time', problem: /expected a number/ },
      { name: 'unsorted', mutate: swap(10), row: 12, field: 'time', problem: /not sorted/ },
      { name: 'duplicate hour', mutate: set(11, { time: (fixture('hl-funding.json')[10]!.time as number) + 60_000 }), row: 12, field: 'time', problem: /duplicate hour/ },
      { name: 'mixed coins', mutate: set(20, { coin: 'BTC' }), row: 21, field: 'coin', problem: /mixed coins/ },
      { name: 'non-finite', mutate: set(7, { fundingRate: '__INF__' }), row: 8, field: 'fundingRate', problem: /not a finite number/ },
    ],
  },
  {
    file: 'hl-candles.json',
    parse: parsePrices,
    cases: [
      { name: 'missing close', mutate: drop(2, 'c'), row: 3, field: 'c', problem: /missing field/ },
      { name: 'close wrong type', mutate: set(2, { c: [1] }), row: 3, field: 'c', problem: /expected a number/ },
      { name: 'unsorted', mutate: swap(1), row: 3, field: 't', problem: /not sorted/ },
      { name: 'duplicate day', mutate: (r) => [r[0]!, r[0]!, ...r.slice(2)], row: 2, field: 't', problem: /duplicate date/ },
      { name: 'mixed coins', mutate: set(3, { s: 'ETH' }), row: 4, field: 's', problem: /mixed ss/ },
      { name: 'non-finite', mutate: set(1, { h: '__INF__' }), row: 2, field: 'h', problem: /not a finite number/ },
      { name: 'not daily', mutate: set(1, { i: '1h' }), row: 2, field: 'i', problem: /daily/ },
      { name: 'high below close', mutate: set(1, { h: '200' }), row: 2, field: 'high', problem: /below max/ },
    ],
  },
  {
    file: 'drift-records.json',
    parse: parseFunding,
    cases: [
      { name: 'missing oraclePriceTwap', mutate: drop(3, 'oraclePriceTwap'), row: 4, field: 'oraclePriceTwap', problem: /missing field/ },
      { name: 'fundingRate wrong type', mutate: set(3, { fundingRate: { v: 1 } }), row: 4, field: 'fundingRate', problem: /expected a number/ },
      { name: 'unsorted', mutate: swap(30), row: 32, field: 'ts', problem: /not sorted/ },
      { name: 'duplicate hour', mutate: set(4, { ts: String(Number(fixture('drift-records.json')[3]!.ts) + 60) }), row: 5, field: 'ts', problem: /duplicate hour/ },
      { name: 'mixed markets', mutate: set(9, { marketIndex: 1 }), row: 10, field: 'marketIndex', problem: /mixed marketIndexs/ },
      { name: 'non-finite', mutate: set(2, { fundingRate: '__INF__' }), row: 3, field: 'fundingRate', problem: /not a finite number/ },
      { name: 'mixed precisions', mutate: set(6, { oraclePriceTwap: '200.5' }), row: 7, field: 'oraclePriceTwap', problem: /mixes integer/ },
    ],
  },
  {
    file: 'drift-daily.json',
    parse: parseFunding,
    cases: [
      { name: 'missing rate', mutate: drop(1, 'rate'), row: 2, field: 'rate', problem: /missing field/ },
      { name: 'rate wrong type', mutate: set(1, { rate: null }), row: 2, field: 'rate', problem: /expected a number/ },
      { name: 'unsorted', mutate: swap(1), row: 3, field: 'date', problem: /not sorted/ },
      { name: 'duplicate date', mutate: set(2, { date: '2025-01-18' }), row: 3, field: 'date', problem: /duplicate date/ },
      { name: 'non-finite', mutate: set(0, { rate: '__INF__' }), row: 1, field: 'rate', problem: /not a finite number/ },
      { name: 'bad date', mutate: set(0, { date: '2025-02-30' }), row: 1, field: 'date', problem: /not a valid/ },
    ],
  },
  {
    file: 'defillama-sol.json',
    parse: (t, f) => parseDefiLlamaLendBorrow(t, f, 'apyBase'),
    cases: [
      { name: 'missing apyBase', mutate: drop(1, 'apyBase'), row: 2, field: 'apyBase', problem: /missing field/ },
      { name: 'null apyBase (never read as 0)', mutate: set(1, { apyBase: null }), row: 2, field: 'apyBase', problem: /expected a number/ },
      { name: 'timestamp wrong type', mutate: set(1, { timestamp: 1737241260 }), row: 2, field: 'timestamp', problem: /expected a string/ },
      { name: 'unsorted', mutate: swap(0), row: 2, field: 'timestamp', problem: /not sorted/ },
      { name: 'duplicate date', mutate: set(2, { timestamp: '2025-01-18T05:00:00.000Z' }), row: 3, field: 'timestamp', problem: /duplicate date/ },
      { name: 'non-finite', mutate: set(3, { apyBase: '__INF__' }), row: 4, field: 'apyBase', problem: /not a finite number/ },
    ],
  },
];

describe.each(suites)('$file', ({ file, parse, cases }) => {
  it.each(cases)('rejects: $name', (c) => {
    const recs = c.mutate(fixture(file));
    expectRejected(parse, recs, c, `bad-${file}`);
  });
  it('accepts the unmutated fixture (so each rejection comes from its mutation)', () => {
    expect(() => parse(JSON.stringify(fixture(file)), file)).not.toThrow();
  });
});

describe('Binance klines CSV', () => {
  const text = readFileSync(repoPath('fixtures', 'venues', 'binance-klines.csv'), 'utf8');
  const lines = text.trimEnd().split('\n');
  const withLine = (i: number, f: (cells: string[]) => string[]) =>
    lines.map((l, j) => (j === i ? f(l.split(',')).join(',') : l)).join('\n') + '\n';
  const cases: [string, string, number, string, RegExp][] = [
    ['missing column', lines.map((l) => l.split(',').filter((_c, k) => k !== 4).join(',')).join('\n'), 1, 'close', /missing column/],
    ['wrong type', withLine(2, (c) => { c[4] = 'abc'; return c; }), 3, 'close', /not a finite number/],
    ['non-finite', withLine(2, (c) => { c[2] = 'Infinity'; return c; }), 3, 'high', /not a finite number/],
    ['unsorted', [lines[0], lines[2], lines[1], lines[3], lines[4]].join('\n'), 3, 'open_time', /not sorted/],
    ['duplicate day', [lines[0], lines[1], lines[1], lines[3]].join('\n'), 3, 'open_time', /duplicate date/],
    ['close time outside its day', withLine(4, (c) => { c[6] = '17739647999994500'; return c; }), 5, 'close_time', /not within/],
    ['not at midnight', withLine(1, (c) => { c[0] = '2025-01-17 08:00:00+00:00'; return c; }), 2, 'open_time', /00:00 UTC/],
  ];
  it.each(cases)('rejects: %s', (_name, csv, row, field, problem) => {
    let err: unknown;
    try {
      parsePrices(csv, 'bad.csv');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).where).toMatchObject({ file: 'bad.csv', row, field });
    expect((err as DataError).message).toMatch(problem);
  });
});
