/**
 * An append-only, fsync'd log of JSON records, one per line, each line `<checksum> <json>\n` where the
 * checksum is the first 16 hex digits of sha256(json). No native package: plain `fs` with `fsyncSync`
 * after every append (and on the directory when the file is created).
 *
 * Opening reads every line and checks it. A torn tail (a last line without its newline, or a last line
 * whose checksum fails: a write cut by a crash) is cut off the file and reported; since every record is
 * fsync'd before the action it announces, a torn record announced nothing. A bad line anywhere else is
 * corruption: `JournalCorruptError` names the file and line, and nothing proceeds.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export class JournalCorruptError extends Error {
  override readonly name = 'JournalCorruptError' as const;
  readonly retryable = false as const;
  constructor(readonly file: string, readonly line: number, readonly problem: string) {
    super(`${file}, line ${line}: ${problem}`);
  }
}

export interface OpenedLog<R> {
  records: R[];
  /** bytes cut off the end (a torn last record), 0 when the file was clean */
  tornBytes: number;
}

function checksum(json: string): string {
  return createHash('sha256').update(json).digest('hex').slice(0, 16);
}

/** bigint-safe JSON: bigints become `{"$n":"123"}`. */
export function encodeRecord(record: unknown): string {
  return JSON.stringify(record, (_k, v: unknown) => (typeof v === 'bigint' ? { $n: v.toString() } : v));
}

export function decodeRecord(json: string): unknown {
  return JSON.parse(json, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { $n?: unknown }).$n === 'string' ? BigInt((v as { $n: string }).$n) : v));
}

function parseLine(line: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  const sp = line.indexOf(' ');
  if (sp !== 16) return { ok: false, problem: 'no checksum' };
  const json = line.slice(17);
  if (checksum(json) !== line.slice(0, 16)) return { ok: false, problem: 'checksum mismatch' };
  try {
    return { ok: true, value: decodeRecord(json) };
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
}

export class AppendLog<R> {
  private constructor(readonly path: string, private readonly fd: number, private size: number) {}

  /** Opens (creating if absent) and reads the log; cuts a torn tail off the file. */
  static open<R>(path: string): { log: AppendLog<R> } & OpenedLog<R> {
    const created = !existsSync(path);
    const fd = openSync(path, created ? 'a+' : 'r+');
    if (created) {
      fsyncSync(fd);
      const dfd = openSync(dirname(path), 'r');
      try {
        fsyncSync(dfd);
      } finally {
        closeSync(dfd);
      }
    }
    const text = readFileSync(path, 'utf8');
    const records: R[] = [];
    const lines = text.split('\n');
    const fragment = lines.pop()!; // '' when the file ends with a newline, else a torn last line
    let good = 0; // bytes of complete, valid lines
    let tornBytes = Buffer.byteLength(fragment);
    for (let i = 0; i < lines.length; i++) {
      const parsed = parseLine(lines[i]!);
      if (!parsed.ok) {
        if (i === lines.length - 1 && fragment === '') {
          tornBytes = Buffer.byteLength(lines[i]!) + 1; // the last line, cut inside but ending in a newline
          break;
        }
        closeSync(fd);
        throw new JournalCorruptError(path, i + 1, parsed.problem);
      }
      records.push(parsed.value as R);
      good += Buffer.byteLength(lines[i]!) + 1;
    }
    if (tornBytes > 0) {
      ftruncateSync(fd, good);
      fsyncSync(fd);
    }
    const log = new AppendLog<R>(path, fd, good);
    return { log, records, tornBytes };
  }

  /** Appends one record and fsyncs it: when this returns, the record survives a crash. */
  append(record: R): void {
    const json = encodeRecord(record);
    const line = Buffer.from(`${checksum(json)} ${json}\n`);
    let off = 0;
    while (off < line.length) off += writeSync(this.fd, line, off, line.length - off, this.size + off);
    fsyncSync(this.fd);
    this.size += line.length;
  }

  close(): void {
    closeSync(this.fd);
  }
}
