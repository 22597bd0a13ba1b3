/**
 * The page cache of `dnh data download`: one file per completed page, named by the SHA-256 of its
 * request (method, URL, body), holding the answer's text. A page is stored only once it was read
 * without error and only when it can no longer change (its window ended before the run began, or it is
 * a full page): a rerun takes it from here instead of the network, so an interrupted download resumes
 * where it stopped. Each page is written atomically (harness/io/atomic.ts): never half a page.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic.js';
import type { HttpRequest } from './http.js';

export interface PageCache {
  get(req: HttpRequest): string | null;
  put(req: HttpRequest, text: string): void;
}

export function cacheKey(req: HttpRequest): string {
  return createHash('sha256').update(`${req.method} ${req.url}\n${req.body === undefined ? '' : JSON.stringify(req.body)}`).digest('hex');
}

/** A cache in `dir` (created on first write). */
export function dirCache(dir: string): PageCache {
  const path = (req: HttpRequest) => join(dir, `${cacheKey(req)}.json`);
  return {
    get(req) {
      try {
        const doc = JSON.parse(readFileSync(path(req), 'utf8')) as { url?: unknown; text?: unknown };
        return doc.url === req.url && typeof doc.text === 'string' ? doc.text : null;
      } catch {
        return null;
      }
    },
    put(req, text) {
      writeFileAtomic(path(req), JSON.stringify({ url: req.url, body: req.body ?? null, text }) + '\n');
    },
  };
}
