/**
 * Bounded retries of a read-only RPC call (STYLE.md habit 8): at most `attempts` tries, `delayMs` apart
 * (doubling), then `RpcError`. Never used for sends: a send happens once.
 */
import { RpcError } from '../drift/write/errors.js';
import type { Sleep } from './ports.js';

export interface RetryLimits {
  attempts: number;
  delayMs: number;
}

export async function withRetries<T>(operation: string, fn: () => Promise<T>, limits: RetryLimits, sleep: Sleep): Promise<T> {
  if (!(limits.attempts >= 1)) throw new RangeError(`${operation}: attempts must be >= 1`);
  let last = '';
  for (let i = 0; i < limits.attempts; i++) {
    try {
      return await fn();
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
      if (i + 1 < limits.attempts) await sleep(limits.delayMs * 2 ** i);
    }
  }
  throw new RpcError(operation, limits.attempts, last);
}
