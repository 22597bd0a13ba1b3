/**
 * Loader for the canonical daily CSV (MODEL.md section 2):
 * `date,open,high,low,close,funding,lend_apy,borrow_apy`, one row per consecutive UTC day, optionally
 * followed by the four spot columns `spot_open,spot_high,spot_low,spot_close` (all or none, MODEL.md 10.2).
 * All-or-nothing: the first problem throws a `DataError` naming file, row (line), date and field.
 */
import { parseDecimal } from './decimal.js';
import { csvNumber } from '../format/number.js';
import { readDataText } from './read.js';
import { DataError } from '../errors.js';
import { CANONICAL_COLUMNS, ROW_FIELD_OF_COLUMN, SPOT_COLUMNS, SPOT_FIELD_OF_COLUMN, validateRows, type MarketRow } from './rows.js';

/** Read and validate a canonical CSV file. */
export function loadCanonicalCsv(file: string): MarketRow[] {
  const text = readDataText(file);
  return parseCanonicalCsv(text, file);
}

/**
 * Split canonical CSV text into records. The canonical format is unquoted by contract (dates and
 * numbers only), so a strict splitter suffices; a quote character is rejected rather than guessed at.
 * (csv-parse was measured at 75-150 ms of cold start here, most of `dnh backtest`'s 0.25 s budget.)
 */
function splitRecords(text: string, file: string): { line: number; fields: string[] }[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: { line: number; fields: string[] }[] = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.endsWith('\r') ? lines[i]!.slice(0, -1) : lines[i]!;
    if (raw.trim() === '') continue;
    if (raw.includes('"')) throw new DataError({ file, row: i + 1 }, 'quoted fields are not part of the canonical CSV format');
    out.push({ line: i + 1, fields: raw.split(',').map((f) => f.trim()) });
  }
  return out;
}

/** Parse and validate canonical CSV text; `file` names the source in errors. */
export function parseCanonicalCsv(text: string, file: string): MarketRow[] {
  const records = splitRecords(text, file);
  if (records.length === 0) throw new DataError({ file }, 'empty file: expected the header ' + CANONICAL_COLUMNS.join(','));
  const header = records[0]!.fields;
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    if (index.has(h)) throw new DataError({ file, row: records[0]!.line, field: h }, `duplicate column "${h}"`);
    if (!(CANONICAL_COLUMNS as readonly string[]).includes(h) && !(SPOT_COLUMNS as readonly string[]).includes(h)) {
      throw new DataError(
        { file, row: records[0]!.line, field: h },
        `unknown column "${h}" (expected ${CANONICAL_COLUMNS.join(',')}, optionally ${SPOT_COLUMNS.join(',')})`,
      );
    }
    index.set(h, i);
  });
  for (const col of CANONICAL_COLUMNS) {
    if (!index.has(col)) throw new DataError({ file, row: records[0]!.line, field: col }, `missing column "${col}"`);
  }
  const spotGiven = SPOT_COLUMNS.filter((c) => index.has(c));
  if (spotGiven.length > 0 && spotGiven.length < SPOT_COLUMNS.length) {
    const missing = SPOT_COLUMNS.find((c) => !index.has(c))!;
    throw new DataError({ file, row: records[0]!.line, field: missing }, `missing column "${missing}": the spot columns are all or none (${SPOT_COLUMNS.join(',')})`);
  }
  const rows: MarketRow[] = [];
  const lineOf: number[] = [];
  for (let i = 1; i < records.length; i++) {
    const rec = records[i]!.fields;
    const line = records[i]!.line;
    lineOf.push(line);
    const date = rec[index.get('date')!] ?? '';
    if (rec.length !== header.length) {
      throw new DataError({ file, row: line, date }, `expected ${header.length} fields, got ${rec.length}`);
    }
    const row: MarketRow = { date, open: 0, high: 0, low: 0, close: 0, funding: 0, lendApy: 0, borrowApy: 0 };
    for (const [col, key] of Object.entries(ROW_FIELD_OF_COLUMN)) {
      const raw = rec[index.get(col)!]!;
      const v = parseDecimal(raw);
      if (v === null) throw new DataError({ file, row: line, date, field: col }, `not a finite number: "${raw}" (a plain decimal, docs/bounds.md)`);
      row[key] = v;
    }
    if (spotGiven.length > 0) {
      for (const col of SPOT_COLUMNS) {
        const raw = rec[index.get(col)!]!;
        const v = parseDecimal(raw);
        if (v === null) throw new DataError({ file, row: line, date, field: col }, `not a finite number: "${raw}" (a plain decimal, docs/bounds.md)`);
        row[SPOT_FIELD_OF_COLUMN[col]] = v;
      }
    }
    rows.push(row);
  }
  validateRows(rows, file, (i) => lineOf[i]!);
  return rows;
}

/**
 * Write rows as canonical CSV, with the spot columns when the rows have them. Numbers are written with
 * at most 12 significant digits as plain decimals (engine/format/number.ts `csvNumber`, docs/number-format.md):
 * reading the file back gives every value to 12 significant digits, and writing it again gives the same bytes.
 */
export function formatCanonicalCsv(rows: readonly MarketRow[]): string {
  const spot = rows.length > 0 && rows[0]!.spotClose !== undefined;
  const lines = [[...CANONICAL_COLUMNS, ...(spot ? SPOT_COLUMNS : [])].join(',')];
  for (const r of rows) {
    const nums = [r.open, r.high, r.low, r.close, r.funding, r.lendApy, r.borrowApy];
    if (spot) nums.push(r.spotOpen!, r.spotHigh!, r.spotLow!, r.spotClose!);
    lines.push([r.date, ...nums.map(csvNumber)].join(','));
  }
  return lines.join('\n') + '\n';
}
