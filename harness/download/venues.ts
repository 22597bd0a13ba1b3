/**
 * The venues `dnh data download` knows, each with its default base URL (overridable by `--base-url` or the
 * environment variable named here, so tests serve recorded answers on loopback) and the files it writes.
 */
import { UsageError } from '../../engine/errors.js';
import { BINANCE_BASE_URL, binanceKlineSource } from './venues/binance.js';
import { DEFILLAMA_BASE_URL, defiLlamaSource, KAMINO_SOL_POOL, KAMINO_USDC_POOL } from './venues/defillama.js';
import { DRIFT_BASE_URL, driftFundingSource } from './venues/drift.js';
import { HL_BASE_URL, hlCandleSource, hlFundingSource } from './venues/hyperliquid.js';
import type { Source, Window } from './source.js';

export const DOWNLOAD_VENUES = ['hl', 'drift', 'defillama', 'binance'] as const;
export type DownloadVenue = (typeof DOWNLOAD_VENUES)[number];

export const BASE_URL_ENV: Record<DownloadVenue, string> = {
  hl: 'DNH_HL_BASE_URL',
  drift: 'DNH_DRIFT_BASE_URL',
  defillama: 'DNH_DEFILLAMA_BASE_URL',
  binance: 'DNH_BINANCE_BASE_URL',
};

export const DEFAULT_BASE_URL: Record<DownloadVenue, string> = { hl: HL_BASE_URL, drift: DRIFT_BASE_URL, defillama: DEFILLAMA_BASE_URL, binance: BINANCE_BASE_URL };

export interface VenueOptions {
  coin: string;
  market: string;
  symbol: string;
  lendPool: string;
  borrowPool: string;
}

export const DEFAULT_VENUE_OPTIONS: VenueOptions = { coin: 'SOL', market: 'SOL-PERP', symbol: 'SOLUSDT', lendPool: KAMINO_SOL_POOL, borrowPool: KAMINO_USDC_POOL };

/** `--base-url`, else the environment variable, else the public endpoint; without a trailing slash. */
export function baseUrlFor(venue: DownloadVenue, flag: string | undefined, env: Record<string, string | undefined>): string {
  const url = flag ?? env[BASE_URL_ENV[venue]] ?? DEFAULT_BASE_URL[venue];
  if (!/^https?:\/\/[^\s/]+/.test(url)) throw new UsageError(`--base-url: expected http(s)://host[:port][/path], got "${url}"`);
  return url.replace(/\/+$/, '');
}

export function sourcesFor(venue: DownloadVenue, base: string, o: VenueOptions, w: Window): Source<unknown>[] {
  switch (venue) {
    case 'hl':
      return [hlCandleSource(base, o.coin, w), hlFundingSource(base, o.coin, w)] as Source<unknown>[];
    case 'drift':
      return [driftFundingSource(base, o.market, w)] as Source<unknown>[];
    case 'defillama':
      return [defiLlamaSource(base, o.lendPool, 'apyBase', w), defiLlamaSource(base, o.borrowPool, 'apyBaseBorrow', w)] as Source<unknown>[];
    case 'binance':
      return [binanceKlineSource(base, o.symbol, w)] as Source<unknown>[];
  }
}
