/**
 * `dnh data download hl|drift|defillama|binance --from D --to D [--out DIR]`: fetch the public endpoints
 * the loaders read and write the raw files `dnh data align` takes (docs/data-download.md): bounded
 * retries with backoff, HTTP 429 / Retry-After honoured, pagination, a page cache so a rerun resumes,
 * every file written atomically at the end or not at all, a progress bar on a terminal.
 * The options are declared once, with their help, in harness/cli/specs/scenario.ts.
 */
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import cliProgress from 'cli-progress';
import { DataError, UsageError } from '../../engine/errors.js';
import { dirCache } from '../download/cache.js';
import { isDownloadError } from '../download/errors.js';
import { DEFAULT_RETRY, type HttpDeps } from '../download/http.js';
import { downloadSources, type SourceReport } from '../download/run.js';
import { windowOf } from '../download/source.js';
import { baseUrlFor, DEFAULT_VENUE_OPTIONS, DOWNLOAD_VENUES, sourcesFor, type DownloadVenue } from '../download/venues.js';
import { choiceFlag, parseFlags, positiveInt } from './flags.js';
import type { CliIo } from './io.js';
import { DOWNLOAD_OPTIONS } from './specs/scenario.js';

/** The wall clock, real sleep and fetch: the only place `dnh data download` touches them. */
export const liveHttp = (): Omit<HttpDeps, 'retry'> => ({
  fetch: globalThis.fetch,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  nowMs: () => Date.now(), // the live wiring: the one clock read of the download
});

function progressBar(io: CliIo, label: string): { update(f: number): void; stop(): void } {
  if (!io.isTty) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar({ format: `${label} {bar} {percentage}%`, stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
  bar.start(1000, 0);
  return { update: (f) => bar.update(Math.round(f * 1000)), stop: () => bar.stop() };
}

function summary(reports: readonly SourceReport[]): string {
  const lines = reports.map((r) => `${r.venue.padEnd(28)} ${r.file}  ${r.records} records (${r.pagesFetched} page(s) fetched, ${r.pagesCached} from the cache${r.emptyPages ? `, ${r.emptyPages} empty` : ''})`);
  lines.push(`for dnh data align: ${reports.map((r) => `${r.alignFlag} ${r.file}`).join(' ')}`);
  return lines.join('\n') + '\n';
}

/** `dnh data download`, with its ports injectable (tests pass a fake sleep and clock). */
export function makeDataDownload(http: () => Omit<HttpDeps, 'retry'> = liveHttp, env: Record<string, string | undefined> = process.env) {
  return async (argv: string[], io: CliIo): Promise<number> => {
    const options = Object.fromEntries(Object.entries(DOWNLOAD_OPTIONS).map(([k, o]) => [k, { type: o.type }]));
    const { values, positionals } = parseFlags(() => parseArgs({ args: argv, strict: true, allowPositionals: true, options: options as ParseArgsConfig['options'] }), 'data download');
    const v = values as Record<string, string | boolean | undefined>;
    if (positionals.length !== 1) throw new UsageError(`expected one venue (${DOWNLOAD_VENUES.join(', ')}), got ${positionals.length ? positionals.join(' ') : 'none'} (see dnh data download --help)`);
    const venue = choiceFlag<DownloadVenue>('venue', positionals[0]!, DOWNLOAD_VENUES);
    if (typeof v.from !== 'string' || typeof v.to !== 'string') throw new UsageError('--from DATE and --to DATE are required (see dnh data download --help)');
    const window = windowOf(v.from, v.to);
    const out = typeof v.out === 'string' ? v.out : 'data';
    const cacheDir = typeof v.cache === 'string' ? v.cache : join(out, '.download-cache');
    const maxAttempts = typeof v['max-attempts'] === 'string' ? positiveInt('--max-attempts', v['max-attempts']) : DEFAULT_RETRY.maxAttempts;
    if (maxAttempts < 1 || maxAttempts > 10) throw new UsageError(`--max-attempts: expected 1..10, got ${maxAttempts}`);
    const str = (k: string, d: string) => (typeof v[k] === 'string' ? (v[k] as string) : d);
    const o = { coin: str('coin', DEFAULT_VENUE_OPTIONS.coin), market: str('market', DEFAULT_VENUE_OPTIONS.market), symbol: str('symbol', DEFAULT_VENUE_OPTIONS.symbol), lendPool: str('lend-pool', DEFAULT_VENUE_OPTIONS.lendPool), borrowPool: str('borrow-pool', DEFAULT_VENUE_OPTIONS.borrowPool) };
    const base = baseUrlFor(venue, typeof v['base-url'] === 'string' ? v['base-url'] : undefined, env);
    const sources = sourcesFor(venue, base, o, window);
    const bar = progressBar(io, `download ${venue}`);
    try {
      const reports = await downloadSources(sources, out, { ...http(), retry: { ...DEFAULT_RETRY, maxAttempts }, cache: dirCache(join(cacheDir, venue)), progress: bar.update });
      bar.stop();
      io.out(summary(reports));
      return 0;
    } catch (e) {
      bar.stop();
      // One line naming venue, URL and problem (exit 1); nothing was written but cached pages.
      if (isDownloadError(e)) throw new DataError({ file: e.url }, `${e.venue}: ${e.message.slice(`${e.venue}: ${e.url}: `.length)}; no file was written`);
      throw e;
    }
  };
}

export const dataDownloadCommand = makeDataDownload();
