/**
 * requestText's retry rules without a server: Retry-After as seconds or an HTTP date (on the injected
 * clock), network failures retried with the same bound, a 4xx other than 429 not retried.
 */
import { describe, expect, it } from 'vitest';
import { ResponseFormatError, RetriesExhaustedError } from '../../../harness/download/errors.js';
import { DEFAULT_RETRY, requestText, retryAfterMs } from '../../../harness/download/http.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('requestText', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('7', NOW)).toBe(7000);
    expect(retryAfterMs('Thu, 01 Jan 2026 12:00:30 GMT', NOW)).toBe(30_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 11:00:00 GMT', NOW)).toBe(0);
    expect(retryAfterMs('soon', NOW)).toBeNull();
    expect(retryAfterMs(null, NOW)).toBeNull();
  });

  it('retries network failures with backoff, within the bound', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const fetch = (async () => {
      calls++;
      if (calls < 3) throw new TypeError('fetch failed');
      return new Response('[1]', { status: 200 });
    }) as typeof globalThis.fetch;
    const text = await requestText({ url: 'http://127.0.0.1:9/x', method: 'GET' }, 'test', { fetch, sleep: async (ms) => void sleeps.push(ms), nowMs: () => NOW, retry: DEFAULT_RETRY });
    expect(text).toBe('[1]');
    expect(sleeps).toEqual([1000, 2000]);
    const never = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof globalThis.fetch;
    const err = await requestText({ url: 'http://127.0.0.1:9/x', method: 'GET' }, 'test', { fetch: never, sleep: async () => {}, nowMs: () => NOW, retry: { ...DEFAULT_RETRY, maxAttempts: 3 } }).catch((e) => e);
    expect(err).toBeInstanceOf(RetriesExhaustedError);
    expect(err.message).toMatch(/gave up after 3 attempt\(s\), last: network error: fetch failed/);
  });

  it('does not retry a 400', async () => {
    let calls = 0;
    const fetch = (async () => {
      calls++;
      return new Response('{"error":"unknown coin"}', { status: 400 });
    }) as typeof globalThis.fetch;
    const err = await requestText({ url: 'http://127.0.0.1:9/info', method: 'POST', body: {} }, 'hyperliquid', { fetch, sleep: async () => {}, nowMs: () => NOW, retry: DEFAULT_RETRY }).catch((e) => e);
    expect(err).toBeInstanceOf(ResponseFormatError);
    expect(err.message).toBe('hyperliquid: http://127.0.0.1:9/info: unexpected response: HTTP 400 (not retried): {"error":"unknown coin"}');
    expect(calls).toBe(1);
  });
});
