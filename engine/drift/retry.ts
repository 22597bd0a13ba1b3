/**
 * Bounded retries with exponential backoff for RPC reads: 1 + 4 attempts, sleeping 1, 2, 4, 8 s between
 * them, then an `RpcUnavailableError` (STYLE.md 8: every retry has a named maximum). Sleep and clock are
 * injected, so tests run on a fake clock and see the exact delays.
 *
 * @example
 *   const info = await withRetry('user account', () => connection.getAccountInfo(key), { sleep, now });
 */
import { RpcUnavailableError } from './errors.js';

/** Delays between attempts, ms: the bound is their count (4 retries). */
export const RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000];

export interface RetryPorts {
  /** wait this many ms (real: setTimeout; tests: a fake clock) */
  sleep: (ms: number) => Promise<void>;
  /** ms since the epoch (for the attempt log) */
  now: () => number;
  delaysMs?: readonly number[];
  /** called after each failed attempt, before sleeping (for logs) */
  onRetry?: (e: { what: string; attempt: number; delayMs: number; error: unknown; at: number }) => void;
}

/** Run `attempt` until it resolves, at most `delaysMs.length + 1` times; then throw RpcUnavailableError. */
export async function withRetry<T>(what: string, attempt: () => Promise<T>, ports: RetryPorts): Promise<T> {
  const delays = ports.delaysMs ?? RETRY_DELAYS_MS;
  const slept: number[] = [];
  for (let k = 0; ; k++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (k >= delays.length) throw new RpcUnavailableError(what, k + 1, slept, error);
      const delayMs = delays[k]!;
      ports.onRetry?.({ what, attempt: k + 1, delayMs, error, at: ports.now() });
      await ports.sleep(delayMs);
      slept.push(delayMs);
    }
  }
}

/** Errors that retrying cannot fix pass straight through (a missing account is an answer, not a failure). */
function isRetryable(error: unknown): boolean {
  const name = (error as Error)?.name;
  return name !== 'DriftUserNotFoundError' && name !== 'RpcUnavailableError';
}
