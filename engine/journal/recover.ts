/**
 * Recovery after a crash or a confirmation timeout: every pending entry is settled from the chain,
 * in journal order, before anything else is sent.
 *
 * - no signature journaled: nothing was sent (sending follows the fsync'd signature); the observation
 *   must be unchanged -> `not-sent`;
 * - signature seen on chain: `landed` (the observation must have changed) or `failed`;
 * - signature unseen: wait (bounded) until the chain is past the blockhash's last valid height, look once
 *   more, then `expired` (the observation must be unchanged).
 *
 * An observation that contradicts the chain's answer is a `RecoveryMismatchError`: trading halts until
 * an operator looks. Nothing is ever re-sent by recovery.
 */
import type { CommandJournal } from './journal.js';
import type { ChainPort, Sleep } from './ports.js';
import type { Entry, Outcome } from './records.js';
import { withRetries, type RetryLimits } from './retry.js';

export class RecoveryMismatchError extends Error {
  override readonly name = 'RecoveryMismatchError' as const;
  readonly retryable = false as const;
  constructor(readonly key: string, readonly verdict: string, readonly before: string, readonly now: string) {
    super(`recovery of ${key}: chain says ${verdict} but the observation went ${before} -> ${now}; halt and reconcile by hand`);
  }
}

export class RecoveryPendingError extends Error {
  override readonly name = 'RecoveryPendingError' as const;
  readonly retryable = true as const;
  constructor(readonly key: string, readonly signature: string, readonly lastValidBlockHeight: bigint, readonly height: bigint) {
    super(`recovery of ${key}: signature ${signature} unseen and still valid (height ${height} <= ${lastValidBlockHeight}); retry recovery later`);
  }
}

export interface RecoveryLimits {
  /** polls while waiting for an unseen signature's blockhash to expire */
  expiryPolls: number;
  pollMs: number;
  rpc: RetryLimits;
}

export const DEFAULT_RECOVERY_LIMITS: RecoveryLimits = { expiryPolls: 240, pollMs: 500, rpc: { attempts: 4, delayMs: 1000 } };

export interface Recovered {
  key: string;
  outcome: Outcome;
  signature: string | null;
}

async function settleOne<C>(journal: CommandJournal<C>, port: ChainPort<C>, e: Entry<C>, limits: RecoveryLimits, sleep: Sleep): Promise<Recovered> {
  const rpc = <T>(op: string, fn: () => Promise<T>) => withRetries(`recovery ${e.key}: ${op}`, fn, limits.rpc, sleep);
  const settle = async (outcome: Outcome, mustChange: boolean, detail: string): Promise<Recovered> => {
    const now = await rpc('observe', () => port.observe(e.command));
    if ((now !== e.before) !== mustChange) throw new RecoveryMismatchError(e.key, outcome, e.before, now);
    journal.settle(e.key, outcome, now, detail, 'recovery');
    return { key: e.key, outcome, signature: e.signature };
  };
  if (e.signature === null) return settle('not-sent', false, 'crashed before sending');
  const sig = e.signature;
  for (let poll = 0; ; poll++) {
    const st = await rpc('status', () => port.status(sig));
    if (st.state === 'success') {
      if (port.effectGuaranteed?.(e.command) === false) {
        const now = await rpc('observe', () => port.observe(e.command));
        journal.settle(e.key, 'landed', now, now === e.before ? 'landed without effect' : 'landed before the crash or timeout', 'recovery');
        return { key: e.key, outcome: 'landed', signature: sig };
      }
      return settle('landed', true, 'landed before the crash or timeout');
    }
    if (st.state === 'failed') {
      const now = await rpc('observe', () => port.observe(e.command));
      journal.settle(e.key, 'failed', now, st.error, 'recovery');
      return { key: e.key, outcome: 'failed', signature: sig };
    }
    const height = await rpc('block height', () => port.blockHeight());
    if (height > e.lastValidBlockHeight!) {
      const last = await rpc('status', () => port.status(sig));
      if (last.state === 'unknown') return settle('expired', false, `unseen; blockhash expired at height ${height}`);
      continue;
    }
    if (poll + 1 >= limits.expiryPolls) throw new RecoveryPendingError(e.key, sig, e.lastValidBlockHeight!, height);
    await sleep(limits.pollMs);
  }
}

/** Settles every pending entry; returns what each became. Safe to run again after an interruption. */
export async function recoverJournal<C>(journal: CommandJournal<C>, port: ChainPort<C>, opts: { sleep: Sleep; limits?: RecoveryLimits }): Promise<Recovered[]> {
  const out: Recovered[] = [];
  for (const e of journal.pending()) out.push(await settleOne(journal, port, e, opts.limits ?? DEFAULT_RECOVERY_LIMITS, opts.sleep));
  return out;
}
