/**
 * Which asset a venue file is about, from what a loader can see: a symbol or coin field of its
 * records (Hyperliquid `s` / `coin`, Drift `symbol`) or, failing that, a file name that spells a
 * trading pair (`ETHUSDT-1d.csv`, `SOL_USDC_USDC-1h-funding_rate.feather`). `data align` refuses
 * prices and funding of different assets (an ETH candle file with SOL funding gave plausible nonsense).
 *
 * @example assetOfSymbol('SOL-PERP')                 // 'SOL'
 * @example assetOfFileName('/d/ETHUSDT-1d-2025.csv') // 'ETH'
 * @example assetOfFileName('hl-candles.json')        // null (no pair in the name)
 */
import { basename } from 'node:path';
import { DataError } from '../errors.js';

/** Where an asset was read from, for messages. */
export interface AssetSource {
  asset: string;
  /** `field s`, `field coin`, `file name`. */
  from: string;
}

/** A record's symbol or coin as a base asset: upper case, without a `-PERP` / `/USDC` suffix. */
export function assetOfSymbol(symbol: string): string | null {
  const m = /^([A-Za-z0-9]{1,12})(?:[-/_](?:PERP|USDC?|USDT)\b.*)?$/i.exec(symbol.trim());
  return m ? m[1]!.toUpperCase() : null;
}

const PAIR = /^([A-Z][A-Z0-9]{1,9}?)[-_]?(USDT|USDC|BUSD|USD)(?![A-Z])/;

/** The base asset a file name spells as a pair, or null (most fixture names spell none). */
export function assetOfFileName(file: string): string | null {
  const m = PAIR.exec(basename(file).toUpperCase());
  return m ? m[1]! : null;
}

/** Refuse two sources whose known assets differ; `roles` pairs each source's file with its asset (or none). */
export function checkSameAsset(sources: readonly { role: string; file: string; asset?: AssetSource }[]): void {
  const known = sources.filter((s) => s.asset !== undefined);
  const first = known[0];
  if (!first) return;
  for (const s of known.slice(1)) {
    if (s.asset!.asset !== first.asset!.asset) {
      throw new DataError(
        { file: s.file },
        `${s.role} are for ${s.asset!.asset} (${s.asset!.from}) but ${first.role} in ${first.file} are for ${first.asset!.asset} (${first.asset!.from}): every input must be the same asset`,
      );
    }
  }
}
