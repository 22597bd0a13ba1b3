/**
 * `dnh data download` against recorded answers served on loopback (tests/harness/download/loopback.ts,
 * fixtures/download/): the four venues download and `dnh data align` turns the files into canonical rows
 * equal to sums computed here from the recorded answers (and, with ../shared, to the study's file);
 * pagination continues past a full page and a short page; a 429 with Retry-After waits what it says (on a
 * fake sleep); a malformed body stops with the venue, URL and problem and writes nothing; an interrupted
 * run resumes from the cache; retries are bounded and end in a typed error.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCanonicalCsv, parseCanonicalCsv } from '../../../engine/data/csv.js';
import { repoPath, sharedDir } from '../../../engine/paths.js';
import { dirCache } from '../../../harness/download/cache.js';
import { ResponseFormatError, RetriesExhaustedError } from '../../../harness/download/errors.js';
import { DEFAULT_RETRY } from '../../../harness/download/http.js';
import { downloadSources, type DownloadDeps } from '../../../harness/download/run.js';
import { windowOf } from '../../../harness/download/source.js';
import { DEFAULT_VENUE_OPTIONS, sourcesFor } from '../../../harness/download/venues.js';
import { makeDataDownload } from '../../../harness/cli/data-download.js';
import { runCli } from '../../../harness/cli/main.js';
import type { CliIo } from '../../../harness/cli/io.js';
import { startVenueServer, type VenueServer } from './loopback.js';

const FROM = '2025-01-01';
const TO = '2025-01-22';
const START = Date.UTC(2025, 0, 1);
/** A fixed "now" long after the window: every page is stable, hence cached. */
const NOW = Date.UTC(2026, 0, 1);

let server: VenueServer;
beforeAll(async () => {
  server = await startVenueServer(10);
});
afterAll(() => server.close());

const capture = () => {
  const io = { outText: '', errText: '', isTty: false, out: (t: string) => void (io.outText += t), err: (t: string) => void (io.errText += t) };
  return io as CliIo & { outText: string; errText: string };
};
const tmp = () => mkdtempSync(join(tmpdir(), 'dnh-download-'));
const fakeClock = () => {
  const sleeps: number[] = [];
  return { sleeps, http: () => ({ fetch: globalThis.fetch, sleep: async (ms: number) => void sleeps.push(ms), nowMs: () => NOW }) };
};
const deps = (cacheDir: string, sleeps: number[], maxAttempts = DEFAULT_RETRY.maxAttempts): DownloadDeps => ({
  fetch: globalThis.fetch, sleep: async (ms) => void sleeps.push(ms), nowMs: () => NOW, retry: { ...DEFAULT_RETRY, maxAttempts }, cache: dirCache(cacheDir),
});
const fx = (name: string) => JSON.parse(readFileSync(repoPath('fixtures', 'download', name), 'utf8'));
const download = (argv: string[], clock = fakeClock()) => {
  const io = capture();
  return makeDataDownload(clock.http, {})(argv, io).then((code) => ({ code, io, clock }));
};

describe('dnh data download -> dnh data align', () => {
  it('the four venues download and align into the canonical rows the recorded answers give', async () => {
    const out = tmp();
    server.hits.length = 0;
    for (const v of ['hl', 'defillama', 'binance']) {
      const r = await download([v, '--from', FROM, '--to', TO, '--out', out, '--base-url', server.base]);
      expect(r.code, r.io.errText).toBe(0);
    }
    // Hyperliquid funding: a full page of 500, a short page of 28 (pagination continued), an empty page ends it.
    const hl = server.hits.filter((h) => h.startsWith('fundingHistory@'));
    expect(hl).toHaveLength(3);
    expect(hl[0]).toBe(`fundingHistory@${START}`);
    // Binance: the loopback server answers 10 klines at most: 10 + 10 + 2, the short pages did not stop the paging.
    expect(server.hits.filter((h) => h.startsWith('klines@'))).toHaveLength(3);
    const files = readdirSync(out).filter((f) => !f.startsWith('.')).sort();
    expect(files).toEqual([
      'binance-SOLUSDT-1d.csv', 'defillama-borrow-d2141a59-c199-4be7-8d4b-c8223954836b.json', 'defillama-lend-525b2dab-ea6a-4cbc-a07f-84ce561d1f83.json', 'hl-SOL-candles-1d.json', 'hl-SOL-funding.json',
    ]);
    const io = capture();
    const f = (n: string) => join(out, n);
    const code = await runCli(['data', 'align', '--prices', f(files[3]!), '--funding', f(files[4]!), '--lend', f(files[2]!), '--borrow', f(files[1]!), '--spot', f(files[0]!)], io);
    expect(code, io.errText).toBe(0);
    const rows = parseCanonicalCsv(io.outText, 'aligned');
    expect(rows.map((r) => r.date)).toEqual(Array.from({ length: 22 }, (_, i) => new Date(START + i * 86_400_000).toISOString().slice(0, 10)));
    // Independently from the recorded answers: funding = the day's hourly rates summed in time order, close = the candle's c,
    // lend = apyBase / 100 of the day's snapshot, spot close = the kline's close.
    const funding = fx('hl-fundingHistory.json') as { time: number; fundingRate: string }[];
    const candles = fx('hl-candleSnapshot.json') as { t: number; c: string }[];
    const lend = (fx('defillama-525b2dab-ea6a-4cbc-a07f-84ce561d1f83.json') as { data: { timestamp: string; apyBase: number }[] }).data;
    const klines = fx('binance-klines.json') as (string | number)[][];
    for (const r of rows) {
      const t = Date.parse(`${r.date}T00:00:00Z`);
      const sum = funding.filter((x) => x.time >= t && x.time < t + 86_400_000).reduce((s, x) => s + Number(x.fundingRate), 0);
      expect(r.funding, r.date).toBe(Number(sum.toPrecision(12)));
      expect(r.close).toBe(Number(candles.find((c) => c.t === t)!.c));
      expect(r.lendApy).toBe(Number((lend.find((x) => x.timestamp.startsWith(r.date))!.apyBase / 100).toPrecision(12)));
      expect(r.spotClose).toBe(Number(klines.find((k) => k[0] === t)![4]));
    }
    const shared = sharedDir();
    if (shared) {
      // The study's aligned file holds the same days from the same sources.
      const study = loadCanonicalCsv(join(shared, 'data', 'sol-hl-study.csv')).filter((r) => r.date >= FROM && r.date <= TO);
      expect(rows.map(({ spotOpen: _a, spotHigh: _b, spotLow: _c, spotClose: _d, ...r }) => r)).toEqual(
        study.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toPrecision(12)) : v]))),
      );
    } else console.log('NOT RUN: the comparison with ../shared/data/sol-hl-study.csv (../shared absent)');
  });

  it('Drift: one page per day, the records align to the daily rates they were derived from', async () => {
    const out = tmp();
    server.hits.length = 0;
    // The base URL from the environment this time (DNH_DRIFT_BASE_URL), not --base-url.
    const io0 = capture();
    const clock = fakeClock();
    const r = { code: await makeDataDownload(clock.http, { DNH_DRIFT_BASE_URL: server.base })(['drift', '--from', FROM, '--to', '2025-01-06', '--out', out], io0), io: io0 };
    expect(r.code, r.io.errText).toBe(0);
    // Not a terminal: no progress bar, nothing on stderr.
    expect(r.io.errText).toBe('');
    expect(server.hits).toEqual(['drift@2025/1/1', 'drift@2025/1/2', 'drift@2025/1/3', 'drift@2025/1/4', 'drift@2025/1/5', 'drift@2025/1/6']);
    expect(r.io.outText).toMatch(/drift fundingRates +.*drift-SOL-PERP-funding\.json +144 records \(6 page\(s\) fetched, 0 from the cache\)/);
    const hlOut = tmp();
    for (const v of ['hl', 'defillama']) expect((await download([v, '--from', FROM, '--to', '2025-01-06', '--out', hlOut, '--base-url', server.base])).code).toBe(0);
    const io = capture();
    const code = await runCli(['data', 'align', '--prices', join(hlOut, 'hl-SOL-candles-1d.json'), '--funding', join(out, 'drift-SOL-PERP-funding.json'),
      '--lend', join(hlOut, `defillama-lend-${DEFAULT_VENUE_OPTIONS.lendPool}.json`), '--borrow', join(hlOut, `defillama-borrow-${DEFAULT_VENUE_OPTIONS.borrowPool}.json`)], io);
    expect(code, io.errText).toBe(0);
    const rows = parseCanonicalCsv(io.outText, 'aligned');
    expect(rows).toHaveLength(6);
    const daily = [0.0003647000508544274, -0.00022616606313579396];
    // fundingRate was written with 9 decimals: the day's sum agrees to ~1e-9 of a ~1e-4 rate.
    expect(rows[0]!.funding).toBeCloseTo(daily[0]!, 8);
    expect(rows[1]!.funding).toBeCloseTo(daily[1]!, 8);
  });
});

describe('rate limits, retries and bad answers', () => {
  const hlSources = (days = TO) => sourcesFor('hl', server.base, DEFAULT_VENUE_OPTIONS, windowOf(FROM, days));

  it('a 429 with Retry-After waits what it says, then succeeds', async () => {
    const sleeps: number[] = [];
    server.hits.length = 0;
    let n = 0;
    server.fault = (key) => (key === `candleSnapshot@${START}` && ++n === 1 ? { status: 429, headers: { 'retry-after': '7' }, body: '{"error":"rate limited"}' } : undefined);
    const out = tmp();
    try {
      await downloadSources(hlSources(), out, deps(tmp(), sleeps));
    } finally {
      server.fault = undefined;
    }
    expect(sleeps).toEqual([7000]);
    expect(server.hits.filter((h) => h === `candleSnapshot@${START}`)).toHaveLength(2);
    expect(existsSync(join(out, 'hl-SOL-candles-1d.json'))).toBe(true);
  });

  it('server errors back off exponentially; the retries are bounded and end in a typed error', async () => {
    const sleeps: number[] = [];
    server.hits.length = 0;
    server.fault = (key) => (key.startsWith('candleSnapshot@') ? { status: 503, body: 'unavailable' } : undefined);
    const out = tmp();
    const err = await downloadSources(hlSources(), out, deps(tmp(), sleeps)).catch((e: unknown) => e);
    server.fault = undefined;
    expect(err).toBeInstanceOf(RetriesExhaustedError);
    expect((err as RetriesExhaustedError).attempts).toBe(5);
    expect((err as Error).message).toMatch(/hyperliquid candleSnapshot: .*\/info.* gave up after 5 attempt\(s\), last: HTTP 503 unavailable/);
    expect(sleeps).toEqual([1000, 2000, 4000, 8000]);
    expect(server.hits).toHaveLength(5);
    expect(readdirSync(out)).toEqual([]);
  });

  it('a Retry-After longer than allowed stops at once, without waiting', async () => {
    const sleeps: number[] = [];
    server.fault = () => ({ status: 429, headers: { 'retry-after': '3600' }, body: '' });
    const err = await downloadSources(hlSources(), tmp(), deps(tmp(), sleeps)).catch((e: unknown) => e);
    server.fault = undefined;
    expect(err).toBeInstanceOf(RetriesExhaustedError);
    expect((err as Error).message).toMatch(/Retry-After 3600 s is longer than the 300 s allowed/);
    expect(sleeps).toEqual([]);
  });

  it('a malformed body: exit 1, one line naming the venue, the URL and what was wrong; no file written', async () => {
    server.fault = (key) => (key.startsWith('fundingHistory@') ? { status: 200, body: '{"error":"bad request"}' } : undefined);
    const out = tmp();
    const io = capture();
    const code = await runCli(['data', 'download', 'hl', '--from', FROM, '--to', TO, '--out', out, '--base-url', server.base], io);
    server.fault = undefined;
    expect(code).toBe(1);
    expect(io.errText.trim().split('\n')).toHaveLength(1);
    expect(io.errText).toMatch(/^dnh data: http:\/\/127\.0\.0\.1:\d+\/info \{"type":"fundingHistory".*\}: hyperliquid fundingHistory: unexpected response: expected a JSON array of funding records, got an object with keys error; no file was written\n$/);
    expect(readdirSync(out).filter((f) => !f.startsWith('.'))).toEqual([]);
    // A record with a bad field is named too.
    const bad = fx('hl-candleSnapshot.json');
    bad[3].c = 'oops';
    server.fault = (key) => (key.startsWith('candleSnapshot@') ? { status: 200, body: JSON.stringify(bad) } : undefined);
    const e = await downloadSources(hlSources(), tmp(), deps(tmp(), [])).catch((x: unknown) => x);
    server.fault = undefined;
    expect(e).toBeInstanceOf(ResponseFormatError);
    expect((e as Error).message).toMatch(/record 4: field c is not a number \("oops"\)/);
  });

  it('an interrupted run resumes from the cache: completed pages are not fetched again', async () => {
    const cache = tmp();
    const out = tmp();
    server.hits.length = 0;
    // The second funding page fails until the run gives up (2 attempts).
    server.fault = (key) => (key.startsWith('fundingHistory@') && key !== `fundingHistory@${START}` ? { status: 500, body: 'boom' } : undefined);
    const err = await downloadSources(hlSources(), out, deps(cache, [], 2)).catch((e: unknown) => e);
    server.fault = undefined;
    expect(err).toBeInstanceOf(RetriesExhaustedError);
    expect(readdirSync(out)).toEqual([]);
    const first = [...server.hits];
    expect(first.filter((h) => h === `fundingHistory@${START}`)).toHaveLength(1);
    server.hits.length = 0;
    const reports = await downloadSources(hlSources(), out, deps(cache, []));
    // The candle page and the first funding page came from the cache; only the rest was fetched.
    expect(server.hits).not.toContain(`fundingHistory@${START}`);
    expect(server.hits.filter((h) => h.startsWith('candleSnapshot@'))).toEqual([]);
    expect(reports.map((r) => [r.pagesCached, r.pagesFetched])).toEqual([[1, 0], [1, 2]]);
    expect(JSON.parse(readFileSync(join(out, 'hl-SOL-funding.json'), 'utf8'))).toHaveLength(528);
  });

  it('pages of a window that has not closed yet are not cached', async () => {
    const cache = tmp();
    const sleeps: number[] = [];
    const early: DownloadDeps = { ...deps(cache, sleeps), nowMs: () => Date.UTC(2025, 0, 10) };
    await downloadSources(hlSources(), tmp(), early);
    // Only the full funding page (500 records) can no longer change.
    expect(readdirSync(cache)).toHaveLength(1);
  });
});

describe('dnh data download usage', () => {
  it('--help lists every option with a description and an example; bad usage exits 2 with one line', async () => {
    const io = capture();
    expect(await runCli(['data', 'download', '--help'], io)).toBe(0);
    for (const o of ['--from', '--to', '--out', '--cache', '--base-url', '--max-attempts']) expect(io.outText).toContain(o);
    expect(io.outText).toMatch(/\$ dnh data download hl/);
    for (const argv of [['data', 'download'], ['data', 'download', 'kraken', '--from', FROM, '--to', TO], ['data', 'download', 'hl', '--from', FROM], ['data', 'download', 'hl', '--from', '2025-02-01', '--to', FROM], ['data', 'download', 'hl', '--from', FROM, '--to', TO, '--bogus']]) {
      const e = capture();
      expect(await runCli(argv, e), argv.join(' ')).toBe(2);
      expect(e.errText.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('dnh data download declaration', () => {
  it("shows as defaults the constants the download really uses", async () => {
    const { DOWNLOAD_OPTIONS } = await import('../../../harness/cli/specs/scenario.js');
    const { DEFAULT_VENUE_OPTIONS, BASE_URL_ENV } = await import('../../../harness/download/venues.js');
    const { DEFAULT_RETRY } = await import('../../../harness/download/http.js');
    expect(DOWNLOAD_OPTIONS.coin.def).toBe(DEFAULT_VENUE_OPTIONS.coin);
    expect(DOWNLOAD_OPTIONS.market.def).toBe(DEFAULT_VENUE_OPTIONS.market);
    expect(DOWNLOAD_OPTIONS.symbol.def).toBe(DEFAULT_VENUE_OPTIONS.symbol);
    expect(DOWNLOAD_OPTIONS['lend-pool'].def).toBe(DEFAULT_VENUE_OPTIONS.lendPool);
    expect(DOWNLOAD_OPTIONS['borrow-pool'].def).toBe(DEFAULT_VENUE_OPTIONS.borrowPool);
    expect(DOWNLOAD_OPTIONS['max-attempts'].def).toBe(String(DEFAULT_RETRY.maxAttempts));
    for (const env of Object.values(BASE_URL_ENV)) expect(DOWNLOAD_OPTIONS['base-url'].def).toContain(env);
  });
});
