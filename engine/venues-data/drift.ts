/**
 * Drift SOL-PERP funding loaders.
 *
 * Raw hourly records (`fundingRate`, `oraclePriceTwap`, `ts`): `fundingRate` is quote per base per
 * hour and becomes a fraction of notional once divided by `oraclePriceTwap` (MODEL.md section 2).
 * Two encodings exist: on-chain integers at their precisions (`FUNDING_RATE_PRECISION` 1e9,
 * `PRICE_PRECISION` 1e6, as in `@drift-labs/sdk`), and the Data API's de-scaled decimals. A file is
 * read as integers when every `oraclePriceTwap` is at least `RAW_PRICE_MIN` (1e5: no SOL price in
 * dollars comes close, while 1 dollar at PRICE_PRECISION is 1e6), as decimals when every one is
 * below, and rejected when it mixes both. `ts` is in seconds.
 *
 * Daily files (`[{date, rate, n_records?}]`, the study's derived form) are read as they are.
 */
import { DataError } from '../errors.js';
import { assetOfSymbol } from './asset.js';
import { dayOfMs, parseIsoDay } from '../data/dates.js';
import { sumHourlyByDay, type HourlyRecord } from './hourly.js';
import {
  checkBound,
  checkDaysIncreasing,
  integerField,
  isoOf,
  numberField,
  parseJsonRecords,
  sameEverywhere,
  stringField,
  type DailyFunding,
  type Loaded,
} from './records.js';

export const FUNDING_RATE_PRECISION = 1e9;
export const PRICE_PRECISION = 1e6;
export const RAW_PRICE_MIN = 1e5;

/** Parse raw hourly Drift funding-rate records. */
export function parseDriftFundingRecords(text: string, file: string): Loaded<DailyFunding> {
  const records = parseJsonRecords(text, file);
  sameEverywhere(records, 'marketIndex', file);
  const symbol = sameEverywhere(records, 'symbol', file);
  let raw: boolean | undefined;
  const hours: HourlyRecord[] = records.map((r, i) => {
    const at = { file, row: i + 1 };
    const ts = integerField(r, 'ts', at);
    const date = isoOf(dayOfMs(ts * 1000));
    const fundingRate = numberField(r, 'fundingRate', { ...at, date });
    const twap = numberField(r, 'oraclePriceTwap', { ...at, date });
    if (!(twap > 0)) throw new DataError({ ...at, date, field: 'oraclePriceTwap' }, `must be > 0, got ${twap}`);
    checkBound(twap >= RAW_PRICE_MIN ? twap / PRICE_PRECISION : twap, 'price', { ...at, date, field: 'oraclePriceTwap' });
    const isRaw = twap >= RAW_PRICE_MIN;
    if (raw === undefined) raw = isRaw;
    else if (raw !== isRaw) {
      throw new DataError({ ...at, date, field: 'oraclePriceTwap' }, `mixes integer (precision 1e6) and decimal prices: ${twap}`);
    }
    const rate = isRaw ? fundingRate / FUNDING_RATE_PRECISION / (twap / PRICE_PRECISION) : fundingRate / twap;
    return { ms: ts * 1000, rate, record: i + 1 };
  });
  const format = raw ? 'drift funding records (integer precisions)' : 'drift funding records (decimal)';
  const asset = symbol === null ? null : assetOfSymbol(symbol);
  return { file, format, days: sumHourlyByDay(hours, file, 'ts'), lastMs: hours[hours.length - 1]!.ms, hourly: hours, ...(asset ? { asset: { asset, from: 'field symbol' } } : {}) };
}

/** Parse daily Drift funding `[{date, rate, n_records?}]` (rate: fraction of notional per day). */
export function parseDriftDailyFunding(text: string, file: string): Loaded<DailyFunding> {
  const records = parseJsonRecords(text, file);
  const days = records.map((r, i): DailyFunding => {
    const at = { file, row: i + 1 };
    const date = stringField(r, 'date', at);
    const day = parseIsoDay(date);
    if (day === null) throw new DataError({ ...at, field: 'date' }, `not a valid YYYY-MM-DD date: "${date}"`);
    const rate = checkBound(numberField(r, 'rate', { ...at, date }), 'fundingDaily', { ...at, date, field: 'rate' });
    let hours: number | null = null;
    if (r.n_records !== undefined) {
      hours = integerField(r, 'n_records', { ...at, date });
      if (hours < 0 || hours > 24) throw new DataError({ ...at, date, field: 'n_records' }, `expected 0..24 hourly records, got ${hours}`);
    }
    return { day, rate, hours, record: i + 1 };
  });
  checkDaysIncreasing(days, file, 'date');
  return { file, format: 'drift daily funding', days, lastMs: null };
}
