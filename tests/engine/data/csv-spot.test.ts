/**
 * The canonical CSV's optional spot columns (MODEL.md 10.2): all four or none, checked like the
 * perp candle (finite, > 0, low <= min(open, close), high >= max(open, close)), each rejection
 * naming file, row, date and field; and the round trip keeps them bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { formatCanonicalCsv, parseCanonicalCsv } from '../../../engine/data/csv.js';
import { DataError } from '../../../engine/errors.js';

const HEADER = 'date,open,high,low,close,funding,lend_apy,borrow_apy,spot_open,spot_high,spot_low,spot_close';
const GOOD = [HEADER, '2025-01-01,100,110,95,105,0.0001,0.05,0.07,100.1,110.5,96,105.2', '2025-01-02,105,112,101,108,-0.0002,0.051,0.071,105.2,120,99.5,108.3'];

function reject(lines: string[]): DataError {
  try {
    parseCanonicalCsv(lines.join('\n') + '\n', 'spot.csv');
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError, the loader accepted the input');
}

describe('canonical CSV spot columns', () => {
  it('reads the four spot columns and round-trips them exactly', () => {
    const rows = parseCanonicalCsv(GOOD.join('\n'), 'spot.csv');
    expect(rows[1]).toMatchObject({ spotOpen: 105.2, spotHigh: 120, spotLow: 99.5, spotClose: 108.3 });
    const text = formatCanonicalCsv(rows);
    expect(text.split('\n')[0]).toBe(HEADER);
    expect(parseCanonicalCsv(text, 'again.csv')).toEqual(rows);
  });

  it('files without them load as before (no spot fields)', () => {
    const rows = parseCanonicalCsv(GOOD.map((l) => l.split(',').slice(0, 8).join(',')).join('\n'), 'plain.csv');
    expect('spotClose' in rows[0]!).toBe(false);
  });

  it('rejects some but not all spot columns, naming the missing one', () => {
    const e = reject(GOOD.map((l) => l.split(',').slice(0, 11).join(',')));
    expect(e.message).toMatch(/spot\.csv/);
    expect(e.message).toMatch(/spot_close/);
    expect(e.message).toMatch(/all or none/);
  });

  it.each([
    ['a non-finite spot price', '2025-01-02,105,112,101,108,0,0,0,105.2,NaN,99.5,108.3', 'spot_high', /finite/],
    ['an empty spot cell', '2025-01-02,105,112,101,108,0,0,0,,120,99.5,108.3', 'spot_open', /finite/],
    ['a non-positive spot price', '2025-01-02,105,112,101,108,0,0,0,105.2,120,0,108.3', 'spot_low', /> 0/],
    ['spot_low above min(spot_open, spot_close)', '2025-01-02,105,112,101,108,0,0,0,105.2,120,106,108.3', 'spot_low', /above min/],
    ['spot_high below max(spot_open, spot_close)', '2025-01-02,105,112,101,108,0,0,0,105.2,107,99.5,108.3', 'spot_high', /below max/],
  ])('rejects %s, naming row, date and field', (_name, row, field, msg) => {
    const e = reject([GOOD[0]!, GOOD[1]!, row]);
    expect(e.message).toMatch(msg);
    expect(e.message).toContain(field);
    expect(e.message).toContain('2025-01-02');
    expect(e.message).toMatch(/spot\.csv/);
    expect(e.message).toMatch(/3/);
  });
});
