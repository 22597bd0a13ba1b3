/**
 * The download driver: for each source, page through the window (each page from the cache when it is
 * there, else from the venue with bounded retries), read and check every answer, assemble the file,
 * parse it with the loader `dnh data align` uses, and only then write every file of the venue together
 * (harness/io/atomic.ts: all or nothing). A failure leaves no output file, only the cached pages, so a
 * rerun resumes where it stopped.
 */
import { join } from 'node:path';
import { DataError } from '../../engine/errors.js';
import { writeOutputs } from '../io/atomic.js';
import type { PageCache } from './cache.js';
import { PageLimitError, ResponseFormatError } from './errors.js';
import { requestText, type HttpDeps } from './http.js';
import type { Source } from './source.js';

/** Pages one source may take before the download stops (a cursor that does not move). */
export const MAX_PAGES = 10_000;

export interface DownloadDeps extends HttpDeps {
  cache: PageCache;
  /** Called after each page with the fraction of the sources done (0..1). */
  progress?: (done: number) => void;
}

export interface SourceReport {
  venue: string;
  file: string;
  alignFlag: string;
  records: number;
  pagesFetched: number;
  pagesCached: number;
  /** Pages that answered no records (a Drift day without funding). */
  emptyPages: number;
}

interface Fetched {
  text: string;
  report: SourceReport;
}

async function fetchSource<R>(src: Source<R>, outDir: string, deps: DownloadDeps, onFraction: (f: number) => void): Promise<Fetched> {
  const report: SourceReport = { venue: src.venue, file: join(outDir, src.file), alignFlag: src.alignFlag, records: 0, pagesFetched: 0, pagesCached: 0, emptyPages: 0 };
  const all: R[] = [];
  const now = deps.nowMs();
  let cursor: number | null = src.start;
  for (let page = 0; cursor !== null; page++) {
    const req = src.request(cursor);
    if (page >= MAX_PAGES) throw new PageLimitError(src.venue, req.url, MAX_PAGES);
    const cached = deps.cache.get(req);
    const text = cached ?? (await requestText(req, src.venue, deps));
    const records = src.read(text, req, cursor);
    if (cached !== null) report.pagesCached++;
    else {
      report.pagesFetched++;
      if (src.stable(cursor, records, now)) deps.cache.put(req, text);
    }
    if (records.length === 0) report.emptyPages++;
    all.push(...records);
    const next: number | null = src.next(cursor, records);
    if (next !== null && next <= cursor) throw new PageLimitError(src.venue, req.url, page + 1);
    cursor = next;
    onFraction(cursor === null ? 1 : Math.min(1, (cursor - src.start) / Math.max(1, src.end - src.start)));
  }
  const text = src.assemble(all);
  try {
    src.check(text, report.file);
  } catch (e) {
    if (e instanceof DataError) throw new ResponseFormatError(src.venue, src.request(src.start).url, `the assembled file would not load: ${e.message}`);
    throw e;
  }
  report.records = all.length;
  return { text, report };
}

/** Download every source into `outDir`; writes all files together at the end, or none. */
export async function downloadSources(sources: readonly Source<unknown>[], outDir: string, deps: DownloadDeps): Promise<SourceReport[]> {
  const fetched: Fetched[] = [];
  for (const [i, src] of sources.entries()) {
    fetched.push(await fetchSource(src, outDir, deps, (f) => deps.progress?.((i + f) / sources.length)));
  }
  writeOutputs(fetched.map((f) => ({ path: f.report.file, content: f.text })));
  return fetched.map((f) => f.report);
}
