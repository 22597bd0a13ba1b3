/**
 * The append-only log: records (bigints included) survive a reopen; a torn last line (cut without its
 * newline, or cut inside and followed by a newline) is detected, cut off the file and reported; a bad
 * line before the end is corruption naming file and line; appending after a cut gives a clean file.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppendLog, JournalCorruptError } from '../../../engine/journal/log.js';

const dir = mkdtempSync(join(tmpdir(), 'dnh-log-'));
afterAll(() => rmSync(dir, { recursive: true }));
let n = 0;
const fresh = () => join(dir, `log-${n++}.jsonl`);

function writeThree(path: string): void {
  const { log } = AppendLog.open<{ i: number; big: bigint }>(path);
  for (let i = 0; i < 3; i++) log.append({ i, big: 10n ** 30n + BigInt(i) });
  log.close();
}

describe('AppendLog', () => {
  it('round-trips records with bigints; each line carries its checksum', () => {
    const path = fresh();
    writeThree(path);
    const { log, records, tornBytes } = AppendLog.open<{ i: number; big: bigint }>(path);
    log.close();
    expect(tornBytes).toBe(0);
    expect(records).toEqual([0, 1, 2].map((i) => ({ i, big: 10n ** 30n + BigInt(i) })));
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).toMatch(/^[0-9a-f]{16} \{/);
  });

  it('cuts a torn last line without newline and reports its size', () => {
    const path = fresh();
    writeThree(path);
    const clean = readFileSync(path);
    appendFileSync(path, 'abcdef0123456789 {"i":3,"bi');
    const { log, records, tornBytes } = AppendLog.open(path);
    expect(tornBytes).toBe(27);
    expect(records).toHaveLength(3);
    expect(readFileSync(path).equals(clean)).toBe(true);
    log.append({ i: 3 });
    log.close();
    const again = AppendLog.open(path);
    again.log.close();
    expect(again.tornBytes).toBe(0);
    expect(again.records).toHaveLength(4);
  });

  it('cuts a last line whose checksum fails even when it ends with a newline', () => {
    const path = fresh();
    writeThree(path);
    const text = readFileSync(path, 'utf8');
    const lines = text.trimEnd().split('\n');
    lines[2] = lines[2]!.replace('"i":2', '"i":9');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const { log, records, tornBytes } = AppendLog.open(path);
    log.close();
    expect(records).toHaveLength(2);
    expect(tornBytes).toBe(Buffer.byteLength(lines[2]!) + 1);
  });

  it('refuses a bad line before the end, naming file and line', () => {
    const path = fresh();
    writeThree(path);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    lines[1] = lines[1]!.replace('"i":1', '"i":7');
    writeFileSync(path, `${lines.join('\n')}\n`);
    expect(() => AppendLog.open(path)).toThrow(JournalCorruptError);
    expect(() => AppendLog.open(path)).toThrow(`${path}, line 2: checksum mismatch`);
  });
});
