/**
 * Why a download stopped, split by what the caller can do (STYLE.md habit 11):
 * - `ResponseFormatError`: the venue answered something the loaders could not read (not JSON, a missing
 *   field, an error object): fatal, rerunning does not help; names the venue, the URL and what was wrong.
 * - `RetriesExhaustedError`: rate limits, server errors or network failures outlasted the bounded
 *   retries (or a Retry-After longer than the allowed wait): retryable later; completed pages stay cached.
 * - `PageLimitError`: pagination did not end within the named maximum of pages (a cursor that stopped moving).
 */

export class ResponseFormatError extends Error {
  override readonly name = 'ResponseFormatError' as const;
  constructor(
    readonly venue: string,
    readonly url: string,
    readonly problem: string,
  ) {
    super(`${venue}: ${url}: unexpected response: ${problem}`);
  }
}

export class RetriesExhaustedError extends Error {
  override readonly name = 'RetriesExhaustedError' as const;
  constructor(
    readonly venue: string,
    readonly url: string,
    readonly attempts: number,
    readonly last: string,
  ) {
    super(`${venue}: ${url}: gave up after ${attempts} attempt(s), last: ${last}; pages already fetched are cached, rerun to resume`);
  }
}

export class PageLimitError extends Error {
  override readonly name = 'PageLimitError' as const;
  constructor(
    readonly venue: string,
    readonly url: string,
    readonly pages: number,
  ) {
    super(`${venue}: ${url}: more than ${pages} pages without reaching the end of the window (the cursor stopped moving?)`);
  }
}

export type DownloadError = ResponseFormatError | RetriesExhaustedError | PageLimitError;

export function isDownloadError(e: unknown): e is DownloadError {
  return e instanceof ResponseFormatError || e instanceof RetriesExhaustedError || e instanceof PageLimitError;
}
