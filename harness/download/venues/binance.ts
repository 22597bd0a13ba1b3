/**
 * Binance spot klines: `GET {base}/api/v3/klines?symbol=S&interval=1d&startTime&endTime&limit=1000`
 * answers arrays `[openTime, open, high, low, close, volume, closeTime, quoteVolume, trades, takerBase,
 * takerQuote, ignore]`, at most 1,000 per answer, paged by `startTime = last open + 1 day` (an answer
 * shorter than asked does not end the paging: only an empty one or the window's end does). The file is the
 * headerless 12-column CSV of data.binance.vision, which `dnh data align --prices/--spot` reads.
 */
import { parseBinanceKlinesCsv } from '../../../engine/venues-data/binance.js';
import { parseDecimal } from '../../../engine/data/decimal.js';
import { MS_PER_DAY } from '../../../engine/venues-data/records.js';
import { ResponseFormatError } from '../errors.js';
import { arrayAnswer, describe, parseJsonAnswer } from '../read.js';
import type { Source, Window } from '../source.js';

export const BINANCE_BASE_URL = 'https://api.binance.com';
export const BINANCE_PAGE = 1000;

type Kline = (string | number)[];

export function binanceKlineSource(base: string, symbol: string, w: Window): Source<Kline> {
  const venue = 'binance klines';
  return {
    venue, file: `binance-${symbol}-1d.csv`, alignFlag: '--prices', start: w.startMs, end: w.endMs,
    request: (cursor) => ({ url: `${base}/api/v3/klines?symbol=${encodeURIComponent(symbol)}&interval=1d&startTime=${cursor}&endTime=${w.endMs}&limit=${BINANCE_PAGE}`, method: 'GET' }),
    read(text, req, cursor) {
      const rows = arrayAnswer(parseJsonAnswer(text, venue, req.url), venue, req.url, 'klines');
      let prev = -Infinity;
      return rows.map((k, i) => {
        if (!Array.isArray(k) || k.length < 7) throw new ResponseFormatError(venue, req.url, `kline ${i + 1} is not an array of at least 7 fields (${describe(k)})`);
        const open = Number(k[0]);
        if (!Number.isSafeInteger(open) || typeof k[0] === 'boolean') throw new ResponseFormatError(venue, req.url, `kline ${i + 1}: open time ${describe(k[0])} is not an integer`);
        if (open < cursor || open <= prev) throw new ResponseFormatError(venue, req.url, `kline ${i + 1}: open time ${open} is before the requested startTime ${cursor} or not after the previous one`);
        prev = open;
        for (const [j, name] of [[1, 'open'], [2, 'high'], [3, 'low'], [4, 'close']] as const) {
          if (parseDecimal(String(k[j]).trim()) === null) throw new ResponseFormatError(venue, req.url, `kline ${i + 1}: ${name} ${describe(k[j])} is not a number`);
        }
        if (!Number.isSafeInteger(Number(k[6]))) throw new ResponseFormatError(venue, req.url, `kline ${i + 1}: close time ${describe(k[6])} is not an integer`);
        return k as Kline;
      }).filter((k) => Number(k[0]) <= w.endMs);
    },
    next: (_c, rows) => (rows.length === 0 ? null : Number(rows.at(-1)![0]) + MS_PER_DAY > w.endMs ? null : Number(rows.at(-1)![0]) + MS_PER_DAY),
    stable: (_c, rows, now) => rows.length >= BINANCE_PAGE || w.endMs < now,
    assemble: (rows) => rows.map((k) => k.map(String).join(',')).join('\n') + '\n',
    check: (text, file) => void parseBinanceKlinesCsv(text, file),
  };
}
