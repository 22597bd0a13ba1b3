/**
 * Crash safety with a real SIGKILL: a child process carries out one intent (move 250 units) through the
 * journal against an in-process bank (account-only, SPL Token transfers; no program binary needed) and
 * is killed at each point of the command's life: after the journal write before sending, after sending
 * before confirmation, after confirmation before the journal update. A restarted child recovers first.
 * Each time the chain ends with exactly one transfer, the journal has no pending entry and exactly one
 * landed attempt, at most one send per attempt, and a third run sends nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandJournal } from '../../../engine/journal/journal.js';
import { encodeRecord } from '../../../engine/journal/log.js';
import { SplBank } from './bankServer.js';
import { crashChildBundle } from './childBundle.js';

const dir = mkdtempSync(join(tmpdir(), 'dnh-crash-'));
let bundle = '';
beforeAll(() => {
  bundle = crashChildBundle('spl');
});
afterAll(() => {
  rmSync(dir, { recursive: true });
  rmSync(bundle, { force: true });
});

const cases: [string, string, number][] = [
  // kill point, what recovery makes of the killed attempt, sends in total (after 'journaled' the killed
  // attempt was never sent: its blockhash expires and a second attempt sends once)
  ['journaled', 'expired', 1],
  ['sent', 'landed', 1],
  ['confirmed', 'landed', 1],
];

describe('SIGKILL at each point of a command life (SPL Token, account-only bank)', () => {
  for (const [point, recoveredAs, sends] of cases) {
    it(`killed after '${point}': exactly one transfer after restart and recovery`, async () => {
      const bank = await SplBank.start(`crash-${point}`, 1_000n);
      const journal = join(dir, `${point}.jsonl`);
      const keyfile = join(dir, `${point}-key.json`);
      writeFileSync(keyfile, JSON.stringify(Array.from(bank.owner.secretKey)));
      const args = [journal, keyfile, 'intent-1', encodeRecord({ amount: 250n }), '1'];

      const first = await bank.run(bundle, args, point);
      expect(first.signal).toBe('SIGKILL');
      expect(first.killedAt).toBe(point);
      const afterKill = CommandJournal.open<unknown>(journal);
      afterKill.close();
      expect(afterKill.pending().map((e) => e.key)).toEqual(['intent-1/attempt-1']);

      const second = await bank.run(bundle, args, null);
      expect(second.failed).toBeNull();
      expect(second.code).toBe(0);
      expect(second.done!.recovered).toEqual([{ key: 'intent-1/attempt-1', outcome: recoveredAs, signature: expect.any(String) }]);
      expect(await bank.balances()).toEqual([750n, 250n]);
      expect(bank.sends).toBe(sends);

      const third = await bank.run(bundle, args, null);
      expect(third.done!.result).toMatchObject({ outcome: 'landed', replayed: true });
      expect(await bank.balances()).toEqual([750n, 250n]);

      const j = CommandJournal.open<{ intent: string }>(journal);
      j.close();
      expect(j.pending()).toEqual([]);
      const landed = j.all().filter((e) => e.settled?.outcome === 'landed');
      expect(landed).toHaveLength(1);
      expect(j.all().map((e) => [e.key, e.settled?.outcome, e.settled?.by])).toEqual(
        point === 'journaled'
          ? [['intent-1/attempt-1', 'expired', 'recovery'], ['intent-1/attempt-2', 'landed', 'executor']]
          : [['intent-1/attempt-1', 'landed', 'recovery']],
      );
    });
  }
});
