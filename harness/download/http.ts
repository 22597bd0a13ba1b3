/**
 * One HTTP request with bounded retries (STYLE.md habit 8): HTTP 429 and 5xx answers and network
 * failures are retried up to `maxAttempts` in all, waiting `baseDelayMs * 2^(n-1)` (capped at
 * `maxDelayMs`) between attempts, or what the venue's `Retry-After` says (seconds or an HTTP date) when it
 * says; a `Retry-After` longer than `maxRetryAfterMs` stops at once (wait and rerun: pages are cached).
 * Other 4xx answers are not retried. Time comes in through `sleep` and `nowMs` (tests pass fakes).
 *
 * @example await requestText({ url, method: 'GET' }, 'binance', deps) // the body text of a 200 answer
 */
import { ResponseFormatError, RetriesExhaustedError } from './errors.js';

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  /** JSON body of a POST. */
  body?: unknown;
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 30_000, maxRetryAfterMs: 300_000, timeoutMs: 30_000 };

export interface HttpDeps {
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  nowMs: () => number;
  retry: RetryPolicy;
}

/** Milliseconds a `Retry-After` header asks for, or null when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const t = header.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  const at = Date.parse(t);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : null;
}

function backoffMs(attempt: number, p: RetryPolicy): number {
  return Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** (attempt - 1));
}

/** The body of a 200 answer to `req`, retrying as described above. */
export async function requestText(req: HttpRequest, venue: string, deps: HttpDeps): Promise<string> {
  const p = deps.retry;
  let last = '';
  for (let attempt = 1; attempt <= p.maxAttempts; attempt++) {
    let wait: number | null = null;
    try {
      const res = await deps.fetch(req.url, {
        method: req.method,
        headers: req.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }),
        signal: AbortSignal.timeout(p.timeoutMs),
      });
      if (res.ok) return await res.text();
      const text = (await res.text().catch(() => '')).slice(0, 200).replace(/\s+/g, ' ');
      last = `HTTP ${res.status}${text ? ` ${text}` : ''}`;
      if (res.status !== 429 && res.status < 500) throw new ResponseFormatError(venue, req.url, `HTTP ${res.status} (not retried)${text ? `: ${text}` : ''}`);
      wait = retryAfterMs(res.headers.get('retry-after'), deps.nowMs());
      if (wait !== null && wait > p.maxRetryAfterMs) {
        throw new RetriesExhaustedError(venue, req.url, attempt, `${last}, Retry-After ${Math.ceil(wait / 1000)} s is longer than the ${p.maxRetryAfterMs / 1000} s allowed`);
      }
    } catch (e) {
      if (e instanceof ResponseFormatError || e instanceof RetriesExhaustedError) throw e;
      last = `network error: ${(e as Error).message}`;
    }
    if (attempt < p.maxAttempts) await deps.sleep(wait ?? backoffMs(attempt, p));
  }
  throw new RetriesExhaustedError(venue, req.url, p.maxAttempts, last);
}
