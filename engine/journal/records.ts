/**
 * The records of the command journal and the state they fold into. A command's life, each step fsync'd
 * before the next action:
 *
 *   intent   written before the transaction is signed: idempotency key, command, the observation before
 *   signed   written after signing, before sending: signature and the blockhash's last valid block height
 *   settled  written after the outcome is known: landed | failed | expired | not-sent, with the result
 *
 * A command with an intent and no settlement is PENDING: recovery must settle it from the chain before
 * anything else is sent.
 */

export type Outcome = 'landed' | 'failed' | 'expired' | 'not-sent';

export type JournalRecord<C = unknown> =
  | { kind: 'intent'; seq: number; key: string; command: C; before: string }
  | { kind: 'signed'; seq: number; key: string; signature: string; lastValidBlockHeight: bigint }
  | { kind: 'settled'; seq: number; key: string; outcome: Outcome; signature: string | null; after: string | null; detail: string; by: 'executor' | 'recovery' };

export interface Entry<C = unknown> {
  key: string;
  command: C;
  before: string;
  signature: string | null;
  lastValidBlockHeight: bigint | null;
  settled: { outcome: Outcome; after: string | null; detail: string; by: 'executor' | 'recovery' } | null;
}

export class JournalStateError extends Error {
  override readonly name = 'JournalStateError' as const;
  readonly retryable = false as const;
  constructor(readonly file: string, readonly key: string, problem: string) {
    super(`${file}: command ${key}: ${problem}`);
  }
}

/** Folds records into entries in order of first appearance; checks every transition is legal. */
export function foldRecords<C>(file: string, records: readonly JournalRecord<C>[]): Map<string, Entry<C>> {
  const entries = new Map<string, Entry<C>>();
  for (const r of records) {
    const e = entries.get(r.key);
    if (r.kind === 'intent') {
      if (e) throw new JournalStateError(file, r.key, 'a second intent for the same idempotency key');
      entries.set(r.key, { key: r.key, command: r.command, before: r.before, signature: null, lastValidBlockHeight: null, settled: null });
    } else if (!e) throw new JournalStateError(file, r.key, `${r.kind} record without an intent`);
    else if (e.settled) throw new JournalStateError(file, r.key, `${r.kind} record after settlement`);
    else if (r.kind === 'signed') {
      if (e.signature !== null) throw new JournalStateError(file, r.key, 'signed twice (a command is never re-signed)');
      e.signature = r.signature;
      e.lastValidBlockHeight = r.lastValidBlockHeight;
    } else {
      if (r.signature !== e.signature) throw new JournalStateError(file, r.key, `settled with signature ${r.signature}, signed ${e.signature}`);
      e.settled = { outcome: r.outcome, after: r.after, detail: r.detail, by: r.by };
    }
  }
  return entries;
}
