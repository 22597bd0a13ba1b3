/**
 * DefiLlama yields, one pool's history: `GET {base}/chartLendBorrow/{pool}` answers
 * `{status: "success", data: [{timestamp, apyBase, apyBaseBorrow, ...}]}` (percent APYs, one snapshot a
 * day). One page holds the pool's whole history; the file keeps the window's days, in the answer's shape.
 * Defaults: the Kamino pools of the feasibility study (SOL supply for --lend, USDC borrow for --borrow).
 */
import { parseDefiLlamaLendBorrow, isoTimestampMs, type LendBorrowField } from '../../../engine/venues-data/defillama.js';
import { ResponseFormatError } from '../errors.js';
import { describe, objectRecord, parseJsonAnswer } from '../read.js';
import type { Source, Window } from '../source.js';

export const DEFILLAMA_BASE_URL = 'https://yields.llama.fi';
export const KAMINO_SOL_POOL = '525b2dab-ea6a-4cbc-a07f-84ce561d1f83';
export const KAMINO_USDC_POOL = 'd2141a59-c199-4be7-8d4b-c8223954836b';

type Rec = Record<string, unknown>;

export function defiLlamaSource(base: string, pool: string, field: LendBorrowField, w: Window): Source<Rec> {
  const venue = 'defillama chartLendBorrow';
  const role = field === 'apyBase' ? 'lend' : 'borrow';
  return {
    venue, file: `defillama-${role}-${pool}.json`, alignFlag: role === 'lend' ? '--lend' : '--borrow', start: 0, end: 1,
    request: () => ({ url: `${base}/chartLendBorrow/${encodeURIComponent(pool)}`, method: 'GET' }),
    read(text, req) {
      const doc = parseJsonAnswer(text, venue, req.url);
      const data = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Rec).data : undefined;
      if (!Array.isArray(data)) throw new ResponseFormatError(venue, req.url, `expected {status, data: [...]}, got ${describe(doc)}`);
      return data.map((r, i) => {
        const rec = objectRecord(r, venue, req.url, i + 1);
        const ms = typeof rec.timestamp === 'string' ? isoTimestampMs(rec.timestamp) : null;
        if (ms === null) throw new ResponseFormatError(venue, req.url, `record ${i + 1}: timestamp ${describe(rec.timestamp)} is not a UTC ISO timestamp`);
        return rec;
      }).filter((r) => {
        const ms = isoTimestampMs(r.timestamp as string)!;
        return ms >= w.startMs && ms <= w.endMs;
      });
    },
    next: () => null,
    stable: (_c, _r, now) => w.endMs < now,
    assemble: (recs) => JSON.stringify({ status: 'success', data: recs }) + '\n',
    check: (text, file) => void parseDefiLlamaLendBorrow(text, file, field),
  };
}
