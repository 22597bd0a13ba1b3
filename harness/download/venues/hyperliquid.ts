/**
 * Hyperliquid info API (`POST {base}/info`), the two files `dnh data align` reads:
 * - `fundingHistory` `{coin, startTime, endTime}`: hourly `{coin, fundingRate, premium, time}`, at most
 *   500 per answer, paged by `startTime = last time + 1` until an empty page or the window's end;
 * - `candleSnapshot` `{req: {coin, interval: "1d", startTime, endTime}}`: daily candles `{t, T, s, i, o, c, h, l, v, n}`,
 *   at most 5,000 per answer, paged by `startTime = last t + 1 day`.
 * The files are the answers' records, concatenated as they came (JSON arrays).
 */
import { parseHlCandles, parseHlFundingHistory } from '../../../engine/venues-data/hyperliquid.js';
import { MS_PER_DAY } from '../../../engine/venues-data/records.js';
import { ResponseFormatError } from '../errors.js';
import { arrayAnswer, integerField, objectRecord, parseJsonAnswer, decimalField } from '../read.js';
import type { Source, Window } from '../source.js';

export const HL_BASE_URL = 'https://api.hyperliquid.xyz';
/** Most records one fundingHistory answer holds. */
export const HL_FUNDING_PAGE = 500;
export const HL_CANDLE_PAGE = 5000;

type Rec = Record<string, unknown>;

/** Records whose `timeField` rises strictly and starts at or after the cursor; else the cursor could loop. */
function checkTimes(records: readonly Rec[], timeField: string, cursor: number, venue: string, url: string): void {
  let prev = -Infinity;
  records.forEach((r, i) => {
    const t = integerField(r, timeField, venue, url, i + 1);
    if (t < cursor) throw new ResponseFormatError(venue, url, `record ${i + 1}: ${timeField} ${t} is before the requested startTime ${cursor}`);
    if (t <= prev) throw new ResponseFormatError(venue, url, `record ${i + 1}: ${timeField} ${t} does not follow ${prev} (not sorted)`);
    prev = t;
  });
}

export function hlFundingSource(base: string, coin: string, w: Window): Source<Rec> {
  const venue = 'hyperliquid fundingHistory';
  return {
    venue, file: `hl-${coin}-funding.json`, alignFlag: '--funding', start: w.startMs, end: w.endMs,
    request: (cursor) => ({ url: `${base}/info`, method: 'POST', body: { type: 'fundingHistory', coin, startTime: cursor, endTime: w.endMs } }),
    read(text, req, cursor) {
      const url = `${req.url} ${JSON.stringify(req.body)}`;
      const recs = arrayAnswer(parseJsonAnswer(text, venue, url), venue, url, 'funding records').map((r, i) => objectRecord(r, venue, url, i + 1));
      recs.forEach((r, i) => {
        if (r.coin !== coin) throw new ResponseFormatError(venue, url, `record ${i + 1}: coin ${JSON.stringify(r.coin)}, expected "${coin}"`);
        decimalField(r, 'fundingRate', venue, url, i + 1);
      });
      checkTimes(recs, 'time', cursor, venue, url);
      return recs.filter((r) => (r.time as number) <= w.endMs);
    },
    next: (_c, recs) => (recs.length === 0 ? null : (recs.at(-1)!.time as number) + 1 > w.endMs ? null : (recs.at(-1)!.time as number) + 1),
    stable: (_c, recs, now) => recs.length >= HL_FUNDING_PAGE || w.endMs < now,
    assemble: (recs) => JSON.stringify(recs) + '\n',
    check: (text, file) => void parseHlFundingHistory(text, file),
  };
}

export function hlCandleSource(base: string, coin: string, w: Window): Source<Rec> {
  const venue = 'hyperliquid candleSnapshot';
  return {
    venue, file: `hl-${coin}-candles-1d.json`, alignFlag: '--prices', start: w.startMs, end: w.endMs,
    request: (cursor) => ({ url: `${base}/info`, method: 'POST', body: { type: 'candleSnapshot', req: { coin, interval: '1d', startTime: cursor, endTime: w.endMs } } }),
    read(text, req, cursor) {
      const url = `${req.url} ${JSON.stringify(req.body)}`;
      const recs = arrayAnswer(parseJsonAnswer(text, venue, url), venue, url, 'candles').map((r, i) => objectRecord(r, venue, url, i + 1));
      recs.forEach((r, i) => {
        for (const f of ['o', 'h', 'l', 'c']) decimalField(r, f, venue, url, i + 1);
        integerField(r, 'T', venue, url, i + 1);
      });
      checkTimes(recs, 't', cursor, venue, url);
      return recs.filter((r) => (r.t as number) <= w.endMs);
    },
    next: (_c, recs) => (recs.length === 0 ? null : (recs.at(-1)!.t as number) + MS_PER_DAY > w.endMs ? null : (recs.at(-1)!.t as number) + MS_PER_DAY),
    stable: (_c, recs, now) => recs.length >= HL_CANDLE_PAGE || w.endMs < now,
    assemble: (recs) => JSON.stringify(recs) + '\n',
    check: (text, file) => void parseHlCandles(text, file),
  };
}
