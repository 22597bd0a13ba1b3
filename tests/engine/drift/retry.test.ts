/**
 * Bounded retries on a fake clock: the exact backoff (1, 2, 4, 8 s), the bound (5 attempts), the typed
 * error with what was read and the last cause; success part-way sleeps only what it needed; a missing
 * account is an answer and is never retried. Then the same through the reader over a failing Connection.
 */
import { describe, expect, it } from 'vitest';
import { DriftUserNotFoundError, RpcUnavailableError } from '../../../engine/drift/errors.js';
import { RETRY_DELAYS_MS, withRetry } from '../../../engine/drift/retry.js';
import { DriftAccountReader } from '../../../engine/drift/reader.js';

/** A clock that only moves when slept on, recording each sleep. */
function fakeClock(startMs = 1_700_000_000_000) {
  let t = startMs;
  const sleeps: number[] = [];
  const attemptsAt: number[] = [];
  return {
    sleeps, attemptsAt,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

describe('withRetry', () => {
  it('sleeps exactly 1, 2, 4, 8 s, makes 5 attempts, then throws RpcUnavailableError', async () => {
    const clock = fakeClock();
    let calls = 0;
    const err = await withRetry('user account X', async () => {
      clock.attemptsAt.push(clock.now());
      calls++;
      throw new Error(`503 Service Unavailable #${calls}`);
    }, clock).catch((e: unknown) => e);
    expect(RETRY_DELAYS_MS).toEqual([1000, 2000, 4000, 8000]);
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 8000]);
    expect(calls).toBe(5);
    const t0 = clock.attemptsAt[0]!;
    expect(clock.attemptsAt.map((t) => t - t0)).toEqual([0, 1000, 3000, 7000, 15000]);
    expect(err).toBeInstanceOf(RpcUnavailableError);
    const e = err as RpcUnavailableError;
    expect(e.name).toBe('RpcUnavailableError');
    expect(e.attempts).toBe(5);
    expect(e.delaysMs).toEqual([1000, 2000, 4000, 8000]);
    expect((e.lastError as Error).message).toBe('503 Service Unavailable #5');
    expect(e.message).toContain('user account X');
    expect(e.message).toContain('5 times');
  });

  it('returns as soon as an attempt succeeds, having slept only the delays before it', async () => {
    const clock = fakeClock();
    let calls = 0;
    const seen: { attempt: number; delayMs: number }[] = [];
    const v = await withRetry('markets', async () => {
      calls++;
      if (calls < 3) throw new Error('timeout');
      return 42;
    }, { ...clock, onRetry: (e) => seen.push({ attempt: e.attempt, delayMs: e.delayMs }) });
    expect(v).toBe(42);
    expect(clock.sleeps).toEqual([1000, 2000]);
    expect(seen).toEqual([{ attempt: 1, delayMs: 1000 }, { attempt: 2, delayMs: 2000 }]);
  });

  it('never retries a missing account', async () => {
    const clock = fakeClock();
    let calls = 0;
    await expect(withRetry('user', async () => {
      calls++;
      throw new DriftUserNotFoundError('A', 0, 'B');
    }, clock)).rejects.toBeInstanceOf(DriftUserNotFoundError);
    expect(calls).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });
});

describe('DriftAccountReader over a failing Connection', () => {
  it('retries the user read on the fake clock, then gives the typed error', async () => {
    const clock = fakeClock();
    let calls = 0;
    const connection = {
      getAccountInfo: async () => {
        calls++;
        throw new Error('fetch failed: ECONNREFUSED');
      },
    };
    const err = await DriftAccountReader.open({
      connection: connection as never, authority: '11111111111111111111111111111112', subAccountId: 3, accountLoader: {},
      ports: clock, nowUnix: () => 0,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcUnavailableError);
    expect(calls).toBe(5);
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 8000]);
    expect((err as Error).message).toMatch(/user account \w{32,44}/);
  });
});
