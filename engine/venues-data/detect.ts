/**
 * Load a venue file by recognising its format from its content (not its name):
 * prices are Hyperliquid `candleSnapshot` JSON, Binance klines CSV or freqtrade 1d feather; funding is Hyperliquid
 * `fundingHistory`, raw Drift records or daily Drift `{date, rate}`; rates are DefiLlama
 * `chartLendBorrow`; freqtrade feather files (funding or daily candles) are recognised by their Arrow
 * magic bytes. An unrecognised layout is a `DataError` listing what was expected.
 */
import { DataError } from '../errors.js';
import { assetOfFileName } from './asset.js';
import { parseBinanceKlinesCsv } from './binance.js';
import { parseDefiLlamaLendBorrow, type LendBorrowField } from './defillama.js';
import { parseDriftDailyFunding, parseDriftFundingRecords } from './drift.js';
import { parseHlCandles, parseHlFundingHistory } from './hyperliquid.js';
import { isFeather, parseFreqtradeFeather } from './feather.js';
import { parseJsonRecords, readBytes, readText, type DailyCandle, type DailyFunding, type DailyRate, type Loaded } from './records.js';

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

/** The asset a file's records did not name, from its file name when that spells a pair. */
function withAsset<T>(l: Loaded<T>): Loaded<T> {
  if (l.asset) return l;
  const asset = assetOfFileName(l.file);
  return asset ? { ...l, asset: { asset, from: 'file name' } } : l;
}

export function loadPrices(file: string): Loaded<DailyCandle> {
  const bytes = readBytes(file);
  if (!isFeather(bytes)) return withAsset(parsePrices(bytes.toString('utf8'), file));
  const f = parseFreqtradeFeather(bytes, file);
  if (f.kind !== 'candles') throw new DataError({ file }, 'this feather file holds funding rates, not candles (give it to --funding)');
  return withAsset(f.loaded);
}

export function loadFunding(file: string): Loaded<DailyFunding> {
  const bytes = readBytes(file);
  if (!isFeather(bytes)) return withAsset(parseFunding(bytes.toString('utf8'), file));
  const f = parseFreqtradeFeather(bytes, file);
  if (f.kind !== 'funding') throw new DataError({ file }, 'this feather file holds candles, not funding rates (give it to --prices)');
  return withAsset(f.loaded);
}

export function loadRates(file: string, field: LendBorrowField): Loaded<DailyRate> {
  return parseDefiLlamaLendBorrow(readText(file), file, field);
}
