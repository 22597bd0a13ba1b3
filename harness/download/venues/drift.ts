/**
 * Drift Data API, funding per UTC day: `GET {base}/market/{MARKET}/fundingRates/{y}/{m}/{d}` answers
 * `{success: true, records: [{ts, fundingRate, oraclePriceTwap, ...}]}` (the route the feasibility study's
 * `fetch_drift_funding.py` used; de-scaled decimals, `ts` in seconds). One page per day; the file is every
 * day's records in time order (a JSON array: raw Drift records for `dnh data align --funding`).
 * A day with no records is kept empty (the align coverage report then names the gap).
 */
import { parseDriftFundingRecords } from '../../../engine/venues-data/drift.js';
import { isoOf, MS_PER_DAY } from '../../../engine/venues-data/records.js';
import { ResponseFormatError } from '../errors.js';
import { decimalField, describe, integerField, objectRecord, parseJsonAnswer } from '../read.js';
import type { Source, Window } from '../source.js';

export const DRIFT_BASE_URL = 'https://data.api.drift.trade';

type Rec = Record<string, unknown>;

export function driftFundingSource(base: string, market: string, w: Window): Source<Rec> {
  const venue = 'drift fundingRates';
  const dayUrl = (day: number) => {
    const [y, m, d] = isoOf(day).split('-').map(Number);
    return `${base}/market/${encodeURIComponent(market)}/fundingRates/${y}/${m}/${d}`;
  };
  return {
    venue, file: `drift-${market}-funding.json`, alignFlag: '--funding', start: w.fromDay, end: w.toDay + 1,
    request: (day) => ({ url: dayUrl(day), method: 'GET' }),
    read(text, req) {
      const doc = parseJsonAnswer(text, venue, req.url);
      if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new ResponseFormatError(venue, req.url, `expected {success, records}, got ${describe(doc)}`);
      const o = doc as Rec;
      if (o.success !== true) throw new ResponseFormatError(venue, req.url, `success is ${describe(o.success)}, not true${typeof o.message === 'string' ? ` (${o.message})` : ''}`);
      if (!Array.isArray(o.records)) throw new ResponseFormatError(venue, req.url, `records is ${o.records === undefined ? 'missing' : describe(o.records)}, expected an array`);
      const recs = o.records.map((r, i) => objectRecord(r, venue, req.url, i + 1));
      recs.forEach((r, i) => {
        integerField(r, 'ts', venue, req.url, i + 1);
        decimalField(r, 'fundingRate', venue, req.url, i + 1);
        decimalField(r, 'oraclePriceTwap', venue, req.url, i + 1);
      });
      // Sort before emitting (STYLE.md habit 9): the answer's order is not promised.
      return recs.sort((a, b) => Number(a.ts) - Number(b.ts));
    },
    next: (day) => (day + 1 > w.toDay ? null : day + 1),
    stable: (day, _r, now) => (day + 1) * MS_PER_DAY <= now,
    assemble(recs) {
      const seen = new Set<number>();
      return JSON.stringify(recs.filter((r) => !seen.has(Number(r.ts)) && seen.add(Number(r.ts)))) + '\n';
    },
    check: (text, file) => void parseDriftFundingRecords(text, file),
  };
}
