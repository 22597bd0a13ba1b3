/**
 * A loopback stand-in for the four venues (node:http on 127.0.0.1, never the network), answering from the
 * recorded answers in fixtures/download/ the way the venues page them: Hyperliquid at most 500 funding
 * records from `startTime`, Binance at most `binanceCap` klines (a server that answers fewer than asked),
 * Drift one answer per day, DefiLlama the pool's whole history. `fault` scripts 429s, 5xx and bad bodies.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { repoPath } from '../../../engine/paths.js';

const fx = (name: string): unknown => JSON.parse(readFileSync(repoPath('fixtures', 'download', name), 'utf8'));

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export interface Hit {
  /** `fundingHistory@<startTime>`, `candleSnapshot@<startTime>`, `drift@2025/1/1`, `llama@<pool>`, `klines@<startTime>`. */
  key: string;
}

export interface VenueServer {
  base: string;
  hits: string[];
  fault: ((key: string, n: number) => Answer | undefined) | undefined;
  close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  let s = '';
  for await (const c of req) s += c;
  return s;
}

export async function startVenueServer(binanceCap = 10): Promise<VenueServer> {
  const funding = fx('hl-fundingHistory.json') as { time: number }[];
  const candles = fx('hl-candleSnapshot.json') as { t: number }[];
  const drift = fx('drift-fundingRates.json') as Record<string, unknown>;
  const klines = fx('binance-klines.json') as number[][];
  const pools: Record<string, unknown> = {
    '525b2dab-ea6a-4cbc-a07f-84ce561d1f83': fx('defillama-525b2dab-ea6a-4cbc-a07f-84ce561d1f83.json'),
    'd2141a59-c199-4be7-8d4b-c8223954836b': fx('defillama-d2141a59-c199-4be7-8d4b-c8223954836b.json'),
  };
  const counts = new Map<string, number>();
  const s: VenueServer = { base: '', hits: [], fault: undefined, close: async () => {} };
  const answer = (key: string): Answer => {
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    s.hits.push(key);
    return s.fault?.(key, n) ?? { status: 404, body: 'not found' };
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://x');
    const send = (a: Answer) => {
      res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
      res.end(a.body);
    };
    const ok = (doc: unknown): Answer => ({ status: 200, body: JSON.stringify(doc) });
    if (req.method === 'POST' && url.pathname === '/info') {
      const b = JSON.parse(await bodyOf(req));
      if (b.type === 'fundingHistory') {
        const key = `fundingHistory@${b.startTime}`;
        const a = answer(key);
        return send(a.status !== 404 ? a : ok(funding.filter((r) => r.time >= b.startTime && (b.endTime === undefined || r.time <= b.endTime)).slice(0, 500)));
      }
      if (b.type === 'candleSnapshot') {
        const key = `candleSnapshot@${b.req.startTime}`;
        const a = answer(key);
        return send(a.status !== 404 ? a : ok(candles.filter((c) => c.t >= b.req.startTime && c.t <= b.req.endTime).slice(0, 5000)));
      }
    }
    const m = /^\/market\/SOL-PERP\/fundingRates\/(\d+)\/(\d+)\/(\d+)$/.exec(url.pathname);
    if (m) {
      const key = `drift@${m[1]}/${m[2]}/${m[3]}`;
      const a = answer(key);
      const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
      return send(a.status !== 404 ? a : ok(drift[date] ?? { success: true, records: [] }));
    }
    const p = /^\/chartLendBorrow\/([\w-]+)$/.exec(url.pathname);
    if (p && pools[p[1]!]) {
      const a = answer(`llama@${p[1]}`);
      return send(a.status !== 404 ? a : ok(pools[p[1]!]));
    }
    if (url.pathname === '/api/v3/klines') {
      const start = Number(url.searchParams.get('startTime'));
      const end = Number(url.searchParams.get('endTime'));
      const limit = Math.min(Number(url.searchParams.get('limit')), binanceCap);
      const a = answer(`klines@${start}`);
      return send(a.status !== 404 ? a : ok(klines.filter((k) => k[0]! >= start && k[0]! <= end).slice(0, limit)));
    }
    send({ status: 404, body: 'no route' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  s.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  s.close = () => new Promise((r) => server.close(() => r()));
  return s;
}
