/**
 * freqtrade feather files (Apache Arrow IPC, LZ4-frame compressed buffers): columns `date`
 * (timestamp, UTC), `open, high, low, close, volume`. Two kinds, told apart by content:
 * - funding-rate files (`*-funding_rate.feather`): the rate per funding interval is in `open`, and
 *   `high, low, close, volume` are all 0. The interval is the file's most common spacing (1 h on
 *   Hyperliquid, 8 h on Binance/Bybit), so a complete day has `24 / interval` records;
 * - daily candle files (`*-1d-futures.feather`): one candle per UTC day opening at 00:00.
 * Read with `apache-arrow` and an `lz4js` codec, as `../shared/data/real/PROVENANCE.md` describes.
 */
import { compressionRegistry, tableFromIPC } from 'apache-arrow';
import lz4 from 'lz4js';
import { DataError } from '../errors.js';
import { dayOfMs } from '../data/dates.js';
import { sumHourlyByDay, type HourlyRecord } from './hourly.js';
import { checkCandle, checkDaysIncreasing, isoOf, MS_PER_DAY, MS_PER_HOUR, type DailyCandle, type DailyFunding, type Loaded } from './records.js';

const LZ4_FRAME = 0;
let codecRegistered = false;

function registerLz4(): void {
  if (codecRegistered) return;
  compressionRegistry.set(LZ4_FRAME, { decode: (b: Uint8Array) => Uint8Array.from(lz4.decompress(b)) });
  codecRegistered = true;
}

/** True when the bytes start with the Arrow IPC file magic. */
export function isFeather(bytes: Uint8Array): boolean {
  return bytes.length >= 6 && String.fromCharCode(...bytes.subarray(0, 6)) === 'ARROW1';
}

interface Columns {
  date: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  volume: number[];
}

function readColumns(bytes: Uint8Array, file: string): Columns {
  registerLz4();
  // An Arrow IPC file ends with the magic too: without it the file was cut short (a copy or a write stopped).
  const tail = bytes.length >= 12 ? String.fromCharCode(...bytes.subarray(bytes.length - 6)) : '';
  if (tail !== 'ARROW1') throw new DataError({ file }, `truncated or incomplete feather (Arrow IPC) file: ${bytes.length} bytes, no closing ARROW1 magic`);
  let table;
  try {
    table = tableFromIPC(bytes);
  } catch (e) {
    throw new DataError({ file }, `damaged feather (Arrow IPC) file, cannot be read: ${(e as Error).message}`);
  }
  const col = (name: keyof Columns): number[] => {
    const c = table.getChild(name);
    if (!c) throw new DataError({ file, field: name }, `missing column "${name}" (expected freqtrade's date, open, high, low, close, volume)`);
    try {
      return Array.from({ length: table.numRows }, (_, i) => Number(c.get(i)));
    } catch (e) {
      throw new DataError({ file, field: name }, `damaged feather (Arrow IPC) file, column cannot be read: ${(e as Error).message}`);
    }
  };
  if (table.numRows === 0) throw new DataError({ file }, 'no rows');
  return { date: col('date'), open: col('open'), high: col('high'), low: col('low'), close: col('close'), volume: col('volume') };
}

function finiteOrThrow(c: Columns, file: string, names: readonly (keyof Columns)[]): void {
  for (const n of names) {
    c[n].forEach((v, i) => {
      if (!Number.isFinite(v)) throw new DataError({ file, row: i + 1, date: Number.isFinite(c.date[i]) ? isoOf(dayOfMs(c.date[i]!)) : undefined, field: n }, `not a finite number: ${v}`);
    });
  }
}

function modalSpacingHours(ms: readonly number[]): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < ms.length; i++) {
    const h = Math.round((ms[i]! - ms[i - 1]!) / MS_PER_HOUR);
    counts.set(h, (counts.get(h) ?? 0) + 1);
  }
  let best = 1;
  let n = -1;
  for (const [h, k] of counts) if (k > n || (k === n && h < best)) [best, n] = [h, k];
  return best;
}

/** A freqtrade funding-rate feather as daily funding (sum of the day's interval rates). */
function fundingOf(c: Columns, file: string): Loaded<DailyFunding> {
  const interval = modalSpacingHours(c.date);
  if (!(interval >= 1 && 24 % interval === 0)) throw new DataError({ file, field: 'date' }, `funding interval of ${interval} h does not divide a day`);
  const hours: HourlyRecord[] = c.date.map((ms, i) => ({ ms, rate: c.open[i]!, record: i + 1 }));
  return {
    file,
    format: `freqtrade funding feather (${interval} h)`,
    days: sumHourlyByDay(hours, file, 'date'),
    lastMs: c.date[c.date.length - 1]!,
    hourly: hours,
    perDay: 24 / interval,
  };
}

function candlesOf(c: Columns, file: string): Loaded<DailyCandle> {
  const days = c.date.map((ms, i): DailyCandle => {
    if (ms % MS_PER_DAY !== 0) throw new DataError({ file, row: i + 1, date: isoOf(dayOfMs(ms)), field: 'date' }, 'a daily candle must open at 00:00 UTC');
    const candle: DailyCandle = { day: dayOfMs(ms), open: c.open[i]!, high: c.high[i]!, low: c.low[i]!, close: c.close[i]!, endMs: ms + MS_PER_DAY - 1, record: i + 1 };
    checkCandle(candle, file);
    return candle;
  });
  checkDaysIncreasing(days, file, 'date');
  return { file, format: 'freqtrade daily candles feather', days, lastMs: null };
}

/** Parse a freqtrade feather file as funding or as daily candles, by content. */
export function parseFreqtradeFeather(bytes: Uint8Array, file: string): { kind: 'funding'; loaded: Loaded<DailyFunding> } | { kind: 'candles'; loaded: Loaded<DailyCandle> } {
  const c = readColumns(bytes, file);
  finiteOrThrow(c, file, ['date', 'open', 'high', 'low', 'close']);
  const isFunding = c.high.every((v) => v === 0) && c.low.every((v) => v === 0) && c.close.every((v) => v === 0);
  return isFunding ? { kind: 'funding', loaded: fundingOf(c, file) } : { kind: 'candles', loaded: candlesOf(c, file) };
}
