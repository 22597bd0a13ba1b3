/**
 * The durable command journal: an fsync'd append-only log (`log.ts`) of the records in `records.ts`,
 * with the rules that make a command impossible to send twice:
 *
 * - an idempotency key is written once (a second `begin` with the same key is refused);
 * - a command is signed once (a second `signed` record is refused);
 * - nothing new begins while an entry is pending (recovery settles pending entries first).
 *
 * Example: `const j = CommandJournal.open('/var/dnh/journal.log'); j.begin(key, cmd, before); ...`
 */
import { AppendLog } from './log.js';
import { foldRecords, JournalStateError, type Entry, type JournalRecord, type Outcome } from './records.js';

export class JournalPendingError extends Error {
  override readonly name = 'JournalPendingError' as const;
  readonly retryable = true as const;
  constructor(readonly file: string, readonly pendingKeys: string[]) {
    super(`${file}: ${pendingKeys.length} pending command(s) (${pendingKeys.join(', ')}): run recovery before sending anything`);
  }
}

export class CommandJournal<C = unknown> {
  private seq: number;
  private constructor(
    readonly path: string,
    private readonly log: AppendLog<JournalRecord<C>>,
    private readonly entries: Map<string, Entry<C>>,
    /** bytes of a torn last record cut off when opening (0: the file was clean) */
    readonly tornBytes: number,
    seq: number,
  ) {
    this.seq = seq;
  }

  static open<C>(path: string): CommandJournal<C> {
    const { log, records, tornBytes } = AppendLog.open<JournalRecord<C>>(path);
    const entries = foldRecords(path, records);
    const seq = records.length === 0 ? 0 : records[records.length - 1]!.seq + 1;
    return new CommandJournal<C>(path, log, entries, tornBytes, seq);
  }

  get(key: string): Entry<C> | undefined {
    return this.entries.get(key);
  }

  /** Every entry, in order of intent. */
  all(): Entry<C>[] {
    return [...this.entries.values()];
  }

  /** Entries with an intent and no settlement, in order of intent. */
  pending(): Entry<C>[] {
    return this.all().filter((e) => e.settled === null);
  }

  private write(record: JournalRecord<C>): void {
    this.log.append(record);
    this.seq++;
  }

  /** Intent, before signing. Refused for a known key or while anything is pending. */
  begin(key: string, command: C, before: string): void {
    if (key.length === 0) throw new JournalStateError(this.path, key, 'empty idempotency key');
    if (this.entries.has(key)) throw new JournalStateError(this.path, key, 'idempotency key already journaled (the command exists; never send it again)');
    const pending = this.pending();
    if (pending.length > 0) throw new JournalPendingError(this.path, pending.map((e) => e.key));
    this.write({ kind: 'intent', seq: this.seq, key, command, before });
    this.entries.set(key, { key, command, before, signature: null, lastValidBlockHeight: null, settled: null });
  }

  /** After signing, before sending. */
  markSigned(key: string, signature: string, lastValidBlockHeight: bigint): void {
    const e = this.mustBePending(key);
    if (e.signature !== null) throw new JournalStateError(this.path, key, 'already signed (a command is never re-signed)');
    this.write({ kind: 'signed', seq: this.seq, key, signature, lastValidBlockHeight });
    e.signature = signature;
    e.lastValidBlockHeight = lastValidBlockHeight;
  }

  /** After the outcome is known. */
  settle(key: string, outcome: Outcome, after: string | null, detail: string, by: 'executor' | 'recovery'): void {
    const e = this.mustBePending(key);
    if ((outcome === 'not-sent') !== (e.signature === null)) throw new JournalStateError(this.path, key, `outcome ${outcome} does not fit signature ${e.signature}`);
    this.write({ kind: 'settled', seq: this.seq, key, outcome, signature: e.signature, after, detail, by });
    e.settled = { outcome, after, detail, by };
  }

  private mustBePending(key: string): Entry<C> {
    const e = this.entries.get(key);
    if (!e) throw new JournalStateError(this.path, key, 'unknown idempotency key');
    if (e.settled) throw new JournalStateError(this.path, key, 'already settled');
    return e;
  }

  close(): void {
    this.log.close();
  }
}
