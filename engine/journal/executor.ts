/**
 * Executing one command through the journal: observe, journal the intent, sign, journal the signature,
 * send ONCE, confirm with a bound, journal the outcome. A repeated idempotency key returns the recorded
 * outcome without sending. Nothing starts while an entry is pending (run `recoverJournal` first).
 *
 * Faults: read-only calls (observe, status, block height) retry within bounds; a failed send is never
 * repeated (the executor keeps polling the signature until it lands or its blockhash expires); a
 * confirmation that does not come within `confirmPolls` leaves the entry pending and throws
 * `ConfirmationTimeoutError` (recovery settles it later).
 */
import { BlockhashExpiredError, ConfirmationTimeoutError, TransactionFailedError } from '../drift/write/errors.js';
import { decodeDriftError } from '../drift/write/decodeError.js';
import type { CommandJournal } from './journal.js';
import { JournalPendingError } from './journal.js';
import type { ChainPort, LifeObserver, Sleep } from './ports.js';
import type { Outcome } from './records.js';
import { withRetries, type RetryLimits } from './retry.js';

export interface ExecuteLimits {
  /** status polls before giving up on confirmation */
  confirmPolls: number;
  pollMs: number;
  rpc: RetryLimits;
}

export const DEFAULT_EXECUTE_LIMITS: ExecuteLimits = { confirmPolls: 60, pollMs: 500, rpc: { attempts: 4, delayMs: 1000 } };

export interface ExecuteResult {
  key: string;
  outcome: Outcome;
  signature: string | null;
  before: string;
  after: string | null;
  /** true when the key was already settled: nothing was sent this time */
  replayed: boolean;
}

export interface ExecuteOptions {
  sleep: Sleep;
  limits?: ExecuteLimits;
  observer?: LifeObserver;
  /** counts sends (tests assert it never exceeds one per key) */
  onSend?: (key: string) => void;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function executeCommand<C>(journal: CommandJournal<C>, port: ChainPort<C>, key: string, command: C, opts: ExecuteOptions): Promise<ExecuteResult> {
  const limits = opts.limits ?? DEFAULT_EXECUTE_LIMITS;
  const known = journal.get(key);
  if (known?.settled) return { key, outcome: known.settled.outcome, signature: known.signature, before: known.before, after: known.settled.after, replayed: true };
  if (known || journal.pending().length > 0) throw new JournalPendingError(journal.path, journal.pending().map((e) => e.key));
  const rpc = <T>(op: string, fn: () => Promise<T>) => withRetries(`${key}: ${op}`, fn, limits.rpc, opts.sleep);

  const before = await rpc('observe', () => port.observe(command));
  journal.begin(key, command, before);
  let signed;
  try {
    signed = await port.sign(command);
  } catch (e) {
    journal.settle(key, 'not-sent', null, `signing failed: ${message(e)}`, 'executor');
    throw e;
  }
  const simError = port.simulate ? await port.simulate(command, signed) : null;
  if (simError) {
    journal.settle(key, 'not-sent', null, `simulation failed: ${simError.message}`, 'executor');
    throw simError;
  }
  journal.markSigned(key, signed.signature, signed.lastValidBlockHeight);
  await opts.observer?.('journaled', key);
  let sendError: string | null = null;
  try {
    opts.onSend?.(key);
    await port.send(signed);
  } catch (e) {
    sendError = message(e); // the transaction may still have reached the chain: find out, never resend
  }
  await opts.observer?.('sent', key);
  for (let poll = 0; poll < limits.confirmPolls; poll++) {
    const st = await rpc('status', () => port.status(signed.signature));
    if (st.state === 'success') {
      const after = await rpc('observe', () => port.observe(command));
      await opts.observer?.('confirmed', key);
      journal.settle(key, 'landed', after, 'confirmed', 'executor');
      return { key, outcome: 'landed', signature: signed.signature, before, after, replayed: false };
    }
    if (st.state === 'failed') {
      const after = await rpc('observe', () => port.observe(command));
      journal.settle(key, 'failed', after, st.error, 'executor');
      throw new TransactionFailedError(key, signed.signature, decodeDriftError(st.error).name, st.error);
    }
    const height = await rpc('block height', () => port.blockHeight());
    if (height > signed.lastValidBlockHeight) {
      const last = await rpc('status', () => port.status(signed.signature));
      if (last.state === 'unknown') {
        const after = await rpc('observe', () => port.observe(command));
        journal.settle(key, 'expired', after, `blockhash expired at height ${height}${sendError ? `; send error: ${sendError}` : ''}`, 'executor');
        throw new BlockhashExpiredError(key, signed.signature);
      }
      continue; // it landed at the last moment: the next poll settles it
    }
    await opts.sleep(limits.pollMs);
  }
  throw new ConfirmationTimeoutError(key, signed.signature, limits.confirmPolls * limits.pollMs);
}
