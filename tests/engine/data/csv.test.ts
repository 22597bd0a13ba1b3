/**
 * Every rejection kind of the canonical CSV loader (MODEL.md section 2), each naming file, row, date
 * and field; and the accepted round trip (write, read back, same doubles).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCanonicalCsv, loadCanonicalCsv, parseCanonicalCsv } from '../../../engine/data/csv.js';
import { DataError } from '../../../engine/errors.js';

const HEADER = 'date,open,high,low,close,funding,lend_apy,borrow_apy';
const GOOD = [HEADER, '2025-01-01,100,110,95,105,0.0001,0.05,0.07', '2025-01-02,105,112,101,108,-0.0002,0.051,0.071', '2025-01-03,108,109,100,101,0,0.05,0.2'];

function reject(lines: string[]): DataError {
  try {
    parseCanonicalCsv(lines.join('\n') + '\n', 'rows.csv');
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError, the loader accepted the input');
}

function withRow(i: number, row: string): string[] {
  const l = [...GOOD];
  l[i] = row;
  return l;
}

describe('canonical CSV loader', () => {
  it('accepts a valid file and round-trips its doubles exactly', () => {
    const rows = parseCanonicalCsv(GOOD.join('\n'), 'rows.csv');
    expect(rows.length).toBe(3);
    expect(rows[1]).toEqual({ date: '2025-01-02', open: 105, high: 112, low: 101, close: 108, funding: -0.0002, lendApy: 0.051, borrowApy: 0.071 });
    expect(parseCanonicalCsv(formatCanonicalCsv(rows), 'again.csv')).toEqual(rows);
  });

  it('accepts columns in another order, CRLF line ends and a BOM', () => {
    const text = '\ufeffdate,close,open,high,low,funding,lend_apy,borrow_apy\r\n2025-01-01,105,100,110,95,0,0,0\r\n2025-01-02,106,105,107,104,0,0,0\r\n';
    expect(parseCanonicalCsv(text, 'x.csv').map((r) => r.close)).toEqual([105, 106]);
  });

  const cases: [string, string[], Partial<{ row: number; date: string; field: string }>, RegExp][] = [
    ['a missing column', [HEADER.replace(',funding', ''), '2025-01-01,100,110,95,105,0.05,0.07'], { row: 1, field: 'funding' }, /missing column/],
    ['an unknown column', [HEADER + ',volume', '2025-01-01,100,110,95,105,0,0,0,5'], { row: 1, field: 'volume' }, /unknown column/],
    ['a duplicate column', [HEADER + ',open'], { row: 1, field: 'open' }, /duplicate column/],
    ['a short row', withRow(2, '2025-01-02,105,112,101'), { row: 3, date: '2025-01-02' }, /expected 8 fields/],
    ['a non-numeric value', withRow(2, '2025-01-02,105,abc,101,108,0,0,0'), { row: 3, date: '2025-01-02', field: 'high' }, /finite/],
    ['an empty value', withRow(2, '2025-01-02,105,112,101,108,,0,0'), { row: 3, field: 'funding' }, /finite/],
    ['NaN', withRow(2, '2025-01-02,105,112,101,108,NaN,0,0'), { row: 3, field: 'funding' }, /finite/],
    ['Infinity', withRow(3, '2025-01-03,108,109,100,101,0,Infinity,0'), { row: 4, date: '2025-01-03', field: 'lend_apy' }, /finite/],
    ['a zero price', withRow(1, '2025-01-01,0,110,0,105,0,0,0'), { row: 2, date: '2025-01-01', field: 'open' }, /> 0/],
    ['a negative price', withRow(1, '2025-01-01,100,110,-1,105,0,0,0'), { row: 2, field: 'low' }, /> 0/],
    ['low above min(open, close)', withRow(2, '2025-01-02,105,112,106,108,0,0,0'), { row: 3, field: 'low' }, /above min/],
    ['high below max(open, close)', withRow(2, '2025-01-02,105,107,101,108,0,0,0'), { row: 3, field: 'high' }, /below max/],
    ['an APY at or below -100% (below the apy bound of docs/bounds.md)', withRow(2, '2025-01-02,105,112,101,108,0,0,-1'), { row: 3, field: 'borrow_apy' }, /must lie in \[0, 10\]/],
    ['a bad date', withRow(2, '2025-02-30,105,112,101,108,0,0,0'), { row: 3, field: 'date' }, /valid YYYY-MM-DD/],
    ['a date in another format', withRow(2, '02/01/2025,105,112,101,108,0,0,0'), { row: 3, field: 'date' }, /valid YYYY-MM-DD/],
    ['a duplicate date', withRow(2, '2025-01-01,105,112,101,108,0,0,0'), { row: 3, date: '2025-01-01', field: 'date' }, /duplicate date/],
    ['unsorted dates', [HEADER, GOOD[2]!, GOOD[1]!], { row: 3, date: '2025-01-01', field: 'date' }, /not sorted/],
    ['a gap', withRow(3, '2025-01-05,108,109,100,101,0,0,0'), { row: 4, date: '2025-01-05', field: 'date' }, /gap: 2 missing/],
    ['fewer than two rows', [HEADER, GOOD[1]!], {}, /at least 2/],
    ['an empty file', [''], {}, /empty file/],
    ['a quoted field', withRow(1, '"2025-01-01",100,110,95,105,0,0,0'), { row: 2 }, /quoted/],
  ];
  for (const [name, lines, where, message] of cases) {
    it(`rejects ${name}, naming file${where.row ? ', row' : ''}${where.date ? ', date' : ''}${where.field ? ', field' : ''}`, () => {
      const e = reject(lines);
      expect(e.where.file).toBe('rows.csv');
      expect(e.message.startsWith('rows.csv')).toBe(true);
      expect(e.message).toMatch(message);
      if (where.row !== undefined) expect(e.where.row).toBe(where.row);
      if (where.date !== undefined) expect(e.where.date).toBe(where.date);
      if (where.field !== undefined) {
        expect(e.where.field).toBe(where.field);
        expect(e.message).toContain(`field ${where.field}`);
      }
    });
  }

  it('names the line number of a row after blank lines', () => {
    const e = reject([HEADER, '', GOOD[1]!, GOOD[2]!.replace(',112,', ',1,')]);
    expect(e.where.row).toBe(4);
  });

  it('rejects a file that cannot be read, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnh-csv-'));
    expect(() => loadCanonicalCsv(join(dir, 'absent.csv'))).toThrow(/absent\.csv: cannot read: ENOENT/);
    const f = join(dir, 'ok.csv');
    writeFileSync(f, GOOD.join('\n'));
    expect(loadCanonicalCsv(f).length).toBe(3);
  });
});
