/**
 * Load a venue file by recognising its format from its content (not its name):
 * prices are Hyperliquid `candleSnapshot` JSON or Binance klines CSV; funding is Hyperliquid
 * `fundingHistory`, raw Drift records or daily Drift `{date, rate}`; rates are DefiLlama
 * `chartLendBorrow`. An unrecognised layout is a `DataError` listing what was expected.
 */
import { DataError } from '../errors.js';
import { parseBinanceKlinesCsv } from './binance.js';
import { parseDefiLlamaLendBorrow, type LendBorrowField } from './defillama.js';
import { parseDriftDailyFunding, parseDriftFundingRecords } from './drift.js';
import { parseHlCandles, parseHlFundingHistory } from './hyperliquid.js';
import { parseJsonRecords, readText, type DailyCandle, type DailyFunding, type DailyRate, type Loaded } from './records.js';

function looksJson(text: string): boolean {
  const t = text.trimStart();
  return t.startsWith('[') || t.startsWith('{');
}

/** Daily prices from Hyperliquid candles (JSON) or Binance klines (CSV). */
export function parsePrices(text: string, file: string): Loaded<DailyCandle> {
  if (!looksJson(text)) return parseBinanceKlinesCsv(text, file);
  const first = parseJsonRecords(text, file)[0]!;
  if ('t' in first && 'o' in first) return parseHlCandles(text, file);
  throw new DataError({ file, row: 1 }, 'unrecognised price records: expected Hyperliquid candleSnapshot ({t, T, s, i, o, h, l, c}) or Binance klines CSV');
}

/** Daily funding from Hyperliquid fundingHistory, raw Drift records or daily Drift files. */
export function parseFunding(text: string, file: string): Loaded<DailyFunding> {
  const first = parseJsonRecords(text, file)[0]!;
  if ('oraclePriceTwap' in first || 'ts' in first) return parseDriftFundingRecords(text, file);
  if ('time' in first || 'coin' in first) return parseHlFundingHistory(text, file);
  if ('date' in first && 'rate' in first) return parseDriftDailyFunding(text, file);
  throw new DataError(
    { file, row: 1 },
    'unrecognised funding records: expected Hyperliquid fundingHistory ({coin, fundingRate, time}), Drift records ({fundingRate, oraclePriceTwap, ts}) or daily {date, rate}',
  );
}

export function loadPrices(file: string): Loaded<DailyCandle> {
  return parsePrices(readText(file), file);
}

export function loadFunding(file: string): Loaded<DailyFunding> {
  return parseFunding(readText(file), file);
}

export function loadRates(file: string, field: LendBorrowField): Loaded<DailyRate> {
  return parseDefiLlamaLendBorrow(readText(file), file, field);
}
