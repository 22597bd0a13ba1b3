/** The journal's rules: one intent per key, one signature per command, nothing new while anything is pending. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CommandJournal, JournalPendingError } from '../../../engine/journal/journal.js';
import { JournalStateError } from '../../../engine/journal/records.js';

const dir = mkdtempSync(join(tmpdir(), 'dnh-journal-'));
afterAll(() => rmSync(dir, { recursive: true }));

describe('CommandJournal', () => {
  it('tracks a life and survives reopening', () => {
    const path = join(dir, 'a.jsonl');
    const j = CommandJournal.open<{ amount: bigint }>(path);
    j.begin('k1', { amount: 5n }, '100');
    expect(() => j.begin('k2', { amount: 1n }, '100')).toThrow(JournalPendingError);
    j.markSigned('k1', 'sig1', 200n);
    expect(() => j.markSigned('k1', 'sig2', 200n)).toThrow(/never re-signed/);
    j.close();
    const r = CommandJournal.open<{ amount: bigint }>(path);
    expect(r.pending().map((e) => [e.key, e.signature, e.lastValidBlockHeight, e.command.amount])).toEqual([['k1', 'sig1', 200n, 5n]]);
    expect(() => r.settle('k1', 'not-sent', null, 'x', 'recovery')).toThrow(JournalStateError);
    r.settle('k1', 'landed', '95', 'ok', 'recovery');
    expect(() => r.begin('k1', { amount: 5n }, '95')).toThrow(/already journaled/);
    r.begin('k2', { amount: 1n }, '95');
    r.settle('k2', 'not-sent', '95', 'crashed before sending', 'recovery');
    r.close();
    const s = CommandJournal.open(path);
    s.close();
    expect(s.pending()).toEqual([]);
    expect(s.all().map((e) => [e.key, e.settled?.outcome])).toEqual([['k1', 'landed'], ['k2', 'not-sent']]);
  });
});
