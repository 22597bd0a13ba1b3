/**
 * What a results file records about how it was made (docs/outputs.md): each input's path and the
 * SHA-256 of its bytes, the parameters, the code version (package version, git commit read from
 * `.git` without spawning anything) and the convention(s).
 *
 * Paths: an input outside the checkout is recorded absolute; an input inside it is recorded as
 * `repo:<path relative to the checkout>`, so the bytes never depend on where the code is checked
 * out (the same inputs on any machine give the same file). `resolveRecordedPath` reads both back.
 *
 * @example provenance([{ role: 'data', path: 'rows.csv' }], { leverage: [2] }, ['exact'])
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { DataError } from '../../engine/errors.js';
import { repoPath, repoRoot } from '../../engine/paths.js';

export interface InputRecord {
  /** What the input is to the command (`data`, `data-hl`, `suite`, `scenarios[1].data`, ...). */
  role: string;
  /** Absolute path, or `repo:<relative path>` for a file inside the checkout. */
  path: string;
  sha256: string;
  bytes: number;
}

export interface CodeVersion {
  name: string;
  version: string;
  /** The checked-out commit, when the code runs from a git checkout; else null. */
  commit: string | null;
}

export interface Provenance {
  inputs: InputRecord[];
  params: unknown;
  code: CodeVersion;
  convention: string[];
}

const REPO_PREFIX = 'repo:';

/** How a path is recorded: absolute, or `repo:...` inside the checkout (never the checkout's own path). */
export function recordedPath(path: string): string {
  const abs = resolve(path);
  const rel = relative(repoRoot(), abs);
  if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return REPO_PREFIX + rel.split(sep).join('/');
  return abs;
}

/** A recorded path back to one this machine can open. */
export function resolveRecordedPath(recorded: string): string {
  return recorded.startsWith(REPO_PREFIX) ? repoPath(...recorded.slice(REPO_PREFIX.length).split('/')) : recorded;
}

export function sha256File(path: string): { sha256: string; bytes: number } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new DataError({ file: path }, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}

export function inputRecord(role: string, path: string): InputRecord {
  return { role, path: recordedPath(path), ...sha256File(path) };
}

/** The commit `HEAD` points at, read from the files (a worktree's `.git` file, loose refs, packed-refs). */
export function gitCommit(root: string = repoRoot()): string | null {
  try {
    let gitDir = join(root, '.git');
    if (!existsSync(gitDir)) return null;
    if (statSync(gitDir).isFile()) {
      const m = /^gitdir:\s*(.+)$/m.exec(readFileSync(gitDir, 'utf8'));
      if (!m) return null;
      gitDir = resolve(root, m[1]!.trim());
    }
    const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
    if (/^[0-9a-f]{40}$/.test(head)) return head;
    const ref = /^ref:\s*(.+)$/.exec(head)?.[1];
    if (!ref) return null;
    const common = existsSync(join(gitDir, 'commondir')) ? resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim()) : gitDir;
    for (const dir of [gitDir, common]) {
      const loose = join(dir, ref);
      if (existsSync(loose)) {
        const v = readFileSync(loose, 'utf8').trim();
        if (/^[0-9a-f]{40}$/.test(v)) return v;
      }
    }
    const packed = join(common, 'packed-refs');
    if (existsSync(packed)) {
      for (const line of readFileSync(packed, 'utf8').split('\n')) {
        const [sha, name] = line.trim().split(' ');
        if (name === ref && sha && /^[0-9a-f]{40}$/.test(sha)) return sha;
      }
    }
    return null;
  } catch {
    return null;
  }
}

let cachedCode: CodeVersion | undefined;

export function codeVersion(): CodeVersion {
  if (cachedCode) return cachedCode;
  let name = 'delta-neutral-harness';
  let version = 'unknown';
  try {
    const pkg = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { name?: string; version?: string };
    name = pkg.name ?? name;
    version = pkg.version ?? version;
  } catch {
    /* keep the defaults */
  }
  return (cachedCode = { name, version, commit: gitCommit() });
}

/** The provenance block of a results file. */
export function provenance(inputs: readonly { role: string; path: string }[], params: unknown, convention: readonly string[]): Provenance {
  return { inputs: inputs.map((i) => inputRecord(i.role, i.path)), params, code: codeVersion(), convention: [...new Set(convention)].sort() };
}

export interface InputCheck {
  record: InputRecord;
  /** The path on this machine. */
  path: string;
  /** null when the file matches; else what differs. */
  problem: string | null;
}

/** Re-hash each recorded input: does the file there now have the recorded bytes? */
export function verifyInputs(inputs: readonly InputRecord[]): InputCheck[] {
  return inputs.map((record) => {
    const path = resolveRecordedPath(record.path);
    if (!existsSync(path)) return { record, path, problem: 'the file is gone' };
    const now = sha256File(path);
    return { record, path, problem: now.sha256 === record.sha256 ? null : `its SHA-256 is now ${now.sha256}, the results recorded ${record.sha256}` };
  });
}
