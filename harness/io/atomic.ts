/**
 * Every file a command writes goes through here (docs/outputs.md):
 * - `checkOutputs` runs before any work: an output that is a directory, that is one of the command's
 *   inputs (same path or same file through a link), or that two flags both name is refused (exit 2).
 * - `writeOutputs` writes each output to a temp file in its own directory, fsyncs it, and only when
 *   every temp is complete renames them over the targets: a set of outputs appears all together or
 *   not at all (a crash between two renames is the one window left; each file is still whole).
 *   Temps are removed on every failure; a full disk or an unwritable folder is one line (exit 1).
 *
 * @example checkOutputs([{ flag: '--out', path: 'r.json' }], ['data.csv']); ...; writeOutputs([{ path: 'r.json', content: json }]);
 */
import { closeSync, fsyncSync, mkdirSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DataError, UsageError } from '../../engine/errors.js';

export interface OutputTarget {
  /** The flag that names it (for messages). */
  flag: string;
  path: string;
}

/** A file's content: one string or buffer, or chunks produced one at a time (large results). */
export type OutputContent = string | Uint8Array | Iterable<string>;

export interface OutputFile {
  path: string;
  content: OutputContent;
}

/** Identity of an existing file (device + inode), or null when it does not exist. */
function identity(path: string): string | null {
  try {
    const s = statSync(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return null;
  }
}

function canonical(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    try {
      return join(realpathSync(dirname(abs)), basename(abs));
    } catch {
      return abs;
    }
  }
}

/**
 * Refuse, before any work, outputs that would destroy an input or cannot be files: a directory, an
 * input named again (same resolved path or same inode), or one path named by two output flags.
 */
export function checkOutputs(outputs: readonly (OutputTarget | undefined)[], inputs: readonly (string | undefined)[]): void {
  const ins = inputs.filter((p): p is string => typeof p === 'string' && p !== '').map((p) => ({ path: p, real: canonical(p), id: identity(p) }));
  const seen = new Map<string, string>();
  for (const o of outputs) {
    if (!o) continue;
    if (o.path === '') throw new UsageError(`${o.flag}: empty path`);
    if (o.path.endsWith('/') || o.path.endsWith('\\')) throw new UsageError(`${o.flag} ${o.path}: is a directory, expected a file path`);
    let isDir = false;
    try {
      isDir = statSync(o.path).isDirectory();
    } catch {
      /* absent: fine */
    }
    if (isDir) throw new UsageError(`${o.flag} ${o.path}: is a directory, expected a file path`);
    const real = canonical(o.path);
    const id = identity(o.path);
    for (const i of ins) {
      if (i.real === real || (id !== null && i.id === id)) throw new UsageError(`${o.flag} ${o.path}: is also an input (${i.path}); refusing to overwrite it`);
    }
    const other = seen.get(real);
    if (other !== undefined) throw new UsageError(`${o.flag} ${o.path}: also named by ${other}`);
    seen.set(real, o.flag);
  }
}

let tempSerial = 0;

/** A temp name beside `path`: hidden, unique to this process and call. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${++tempSerial}`);
}

const IO_WORDS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOENT: 'no such folder',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'is a directory',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
};

/** An fs failure on `path` as one line (exit 1), never a stack trace. */
export function outputError(path: string, e: unknown): DataError {
  const code = (e as NodeJS.ErrnoException)?.code;
  const words = code ? `${IO_WORDS[code] ?? (e as Error).message} (${code})` : String((e as Error)?.message ?? e);
  return new DataError({ file: path }, `cannot write: ${words}; nothing was written`);
}

/** Test seam: replaces the fs calls that write (to inject ENOSPC and the like). */
export interface WriteFs {
  openSync: typeof openSync;
  writeSync: (fd: number, data: string | Uint8Array) => number;
  fsyncSync: typeof fsyncSync;
  closeSync: typeof closeSync;
  renameSync: typeof renameSync;
}

const realFs: WriteFs = { openSync, writeSync: (fd, d) => (typeof d === 'string' ? writeSync(fd, d) : writeSync(fd, d)), fsyncSync, closeSync, renameSync };
let fsImpl: WriteFs = realFs;

/** Tests only: run `f` with some fs calls replaced. */
export function withWriteFs<T>(patch: Partial<WriteFs>, f: () => T): T {
  const saved = fsImpl;
  fsImpl = { ...realFs, ...patch };
  try {
    return f();
  } finally {
    fsImpl = saved;
  }
}

function writeAll(fd: number, data: string | Uint8Array): void {
  let buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  while (buf.length > 0) {
    const n = fsImpl.writeSync(fd, buf);
    buf = buf.subarray(n);
  }
}

/** Pieces of a string written in slices, so one write never needs a second copy of a huge string. */
const SLICE = 1 << 24;

function writeTemp(tmp: string, content: OutputContent): void {
  const fd = fsImpl.openSync(tmp, 'wx', 0o644);
  try {
    if (typeof content === 'string') {
      for (let a = 0; a < content.length; a += SLICE) writeAll(fd, content.slice(a, a + SLICE));
    } else if (content instanceof Uint8Array) {
      writeAll(fd, content);
    } else {
      let pending = '';
      for (const piece of content) {
        pending += piece;
        if (pending.length >= 1 << 20) {
          writeAll(fd, pending);
          pending = '';
        }
      }
      if (pending) writeAll(fd, pending);
    }
    fsImpl.fsyncSync(fd);
  } finally {
    fsImpl.closeSync(fd);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}

/**
 * Write every file, all or nothing: temps first (each fsynced), then the renames. On any failure the
 * temps are removed and the targets are left as they were; the error is one line naming the file.
 */
export function writeOutputs(files: readonly OutputFile[]): void {
  const temps: { tmp: string; path: string }[] = [];
  let current = files[0]?.path ?? '';
  try {
    for (const f of files) {
      current = f.path;
      mkdirSync(dirname(resolve(f.path)), { recursive: true });
      const tmp = tempPathFor(f.path);
      temps.push({ tmp, path: f.path });
      writeTemp(tmp, f.content);
    }
    for (const t of temps) {
      current = t.path;
      fsImpl.renameSync(t.tmp, t.path);
    }
  } catch (e) {
    for (const t of temps) removeQuietly(t.tmp);
    const code = (e as NodeJS.ErrnoException)?.code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw outputError(current, e);
    throw e;
  }
}

/** One file, atomically (see `writeOutputs`). */
export function writeFileAtomic(path: string, content: OutputContent): void {
  writeOutputs([{ path, content }]);
}
