/**
 * No program binary and no keypair is ever tracked by git: `git ls-files` lists no `.so` file, no file
 * with the sha256 of either Drift binary, and no file that is a Solana keypair (a JSON array of 64
 * bytes, whatever its name). The detector itself is checked on a keypair and a binary it must flag.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Keypair } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../../engine/paths.js';
import { PROGRAM_FILES } from '../../../../harness/chain/program/binaries.js';

const BINARY_HASHES = new Set<string>([PROGRAM_FILES.drift.sha256, PROGRAM_FILES.pyth.sha256]);

/** Why a file must not be tracked, or null. */
function forbidden(path: string, bytes: Buffer): string | null {
  if (/\.so$/i.test(path)) return 'a shared object (.so) file';
  if (BINARY_HASHES.has(createHash('sha256').update(bytes).digest('hex'))) return 'a Drift program binary (sha256 match)';
  if (bytes.length < 2048) {
    try {
      const v = JSON.parse(bytes.toString('utf8')) as unknown;
      if (Array.isArray(v) && v.length === 64 && v.every((x) => Number.isInteger(x) && x >= 0 && x <= 255)) return 'a Solana keypair (JSON array of 64 bytes)';
    } catch {
      // not JSON: not a keypair file
    }
  }
  return null;
}

function gitFiles(): string[] | null {
  try {
    return execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot(), encoding: 'utf8' }).split('\0').filter(Boolean);
  } catch {
    return null;
  }
}

describe('nothing secret or binary is tracked', () => {
  it('the detector flags a keypair, a .so name and the binaries by hash', () => {
    const kp = Keypair.fromSeed(new Uint8Array(32).fill(7));
    expect(forbidden('config/wallet.json', Buffer.from(JSON.stringify(Array.from(kp.secretKey))))).toMatch(/keypair/);
    expect(forbidden('fixtures/programs/drift.so', Buffer.alloc(1))).toMatch(/\.so/);
    expect(forbidden('fixtures/suites/default.json', Buffer.from('{"a":1}'))).toBeNull();
    expect(forbidden('x.json', Buffer.from(JSON.stringify(new Array(63).fill(1))))).toBeNull();
  });

  it('git ls-files holds no .so file, no program binary, no keypair', () => {
    const files = gitFiles();
    if (files === null) {
      console.warn('NOT RUN: not a git checkout (git ls-files failed), so tracked files could not be checked');
      return;
    }
    expect(files.length).toBeGreaterThan(10);
    const bad: string[] = [];
    for (const f of files) {
      const full = join(repoRoot(), f);
      let size: number;
      try {
        size = statSync(full).size;
      } catch {
        continue; // deleted in the work tree
      }
      if (size > 64 * 1024 * 1024) continue;
      const why = forbidden(f, readFileSync(full));
      if (why) bad.push(`${f}: ${why}`);
    }
    expect(bad).toEqual([]);
  });
});
