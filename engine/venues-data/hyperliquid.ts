/**
 * Hyperliquid loaders: `fundingHistory` (hourly `fundingRate`, a fraction of notional per hour,
 * summed per UTC day) and `candleSnapshot` (daily candles `t, T, s, i, o, h, l, c`).
 *
 * @example parseHlFundingHistory(readText(f), f).days[0] // { day, rate, hours: 24, record }
 */
import { DataError } from '../errors.js';
import { assetOfSymbol } from './asset.js';
import { dayOfMs } from '../data/dates.js';
import { sumHourlyByDay, type HourlyRecord } from './hourly.js';
import {
  checkCandle,
  checkDaysIncreasing,
  integerField,
  isoOf,
  MS_PER_DAY,
  numberField,
  parseJsonRecords,
  sameEverywhere,
  stringField,
  type DailyCandle,
  type DailyFunding,
  type Loaded,
} from './records.js';

/** Parse a Hyperliquid `fundingHistory` response: `[{coin, fundingRate, premium, time}]`. */
export function parseHlFundingHistory(text: string, file: string): Loaded<DailyFunding> {
  const records = parseJsonRecords(text, file);
  records.forEach((r, i) => stringField(r, 'coin', { file, row: i + 1 }));
  const coin = sameEverywhere(records, 'coin', file);
  const hours: HourlyRecord[] = records.map((r, i) => {
    const at = { file, row: i + 1 };
    const ms = integerField(r, 'time', at);
    return { ms, rate: numberField(r, 'fundingRate', { ...at, date: isoOf(dayOfMs(ms)) }), record: i + 1 };
  });
  const asset = coin === null ? null : assetOfSymbol(coin);
  return {
    file, format: 'hyperliquid fundingHistory', days: sumHourlyByDay(hours, file, 'time'), lastMs: hours[hours.length - 1]!.ms, hourly: hours,
    ...(asset ? { asset: { asset, from: 'field coin' } } : {}),
  };
}

/** Parse a Hyperliquid `candleSnapshot` response with interval `1d`. */
export function parseHlCandles(text: string, file: string): Loaded<DailyCandle> {
  const records = parseJsonRecords(text, file);
  const symbol = sameEverywhere(records, 's', file);
  const days = records.map((r, i): DailyCandle => {
    const at = { file, row: i + 1 };
    const interval = stringField(r, 'i', at);
    if (interval !== '1d') throw new DataError({ ...at, field: 'i' }, `expected daily candles (i = "1d"), got "${interval}"`);
    const t = integerField(r, 't', at);
    const date = isoOf(dayOfMs(t));
    const T = integerField(r, 'T', { ...at, date });
    if (t % MS_PER_DAY !== 0) throw new DataError({ ...at, date, field: 't' }, `a daily candle must open at 00:00 UTC, got ${t}`);
    if (T < t || T >= t + MS_PER_DAY) throw new DataError({ ...at, date, field: 'T' }, `close time ${T} is not within the candle's day`);
    const c: DailyCandle = {
      day: dayOfMs(t),
      open: numberField(r, 'o', { ...at, date }),
      high: numberField(r, 'h', { ...at, date }),
      low: numberField(r, 'l', { ...at, date }),
      close: numberField(r, 'c', { ...at, date }),
      endMs: T,
      record: i + 1,
    };
    checkCandle(c, file);
    return c;
  });
  checkDaysIncreasing(days, file, 't');
  const asset = symbol === null ? null : assetOfSymbol(symbol);
  return { file, format: 'hyperliquid candleSnapshot', days, lastMs: null, ...(asset ? { asset: { asset, from: 'field s' } } : {}) };
}
