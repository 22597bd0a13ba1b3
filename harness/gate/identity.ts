/**
 * What is running, as the gate records and checks it: the git commit and whether the working tree is
 * clean (tracked files only; `git status` is the one process spawned, at the edge), the package
 * version, the sha256 of package-lock.json, of each built WASM module (build/*.wasm) and of the
 * Drift program binaries when present.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningIdentity } from '../../engine/gate/verify.js';
import { repoPath, repoRoot } from '../../engine/paths.js';
import { PROGRAM_FILES, programsDir } from '../chain/program/binaries.js';
import { codeVersion, sha256File } from '../io/provenance.js';

export function treeClean(root: string = repoRoot()): boolean {
  try {
    return execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() === '';
  } catch {
    return false;
  }
}

export function wasmHashes(dir: string = repoPath('build')): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.wasm')).sort()) out[f] = sha256File(join(dir, f)).sha256;
  return out;
}

export function programHashes(dir: string = programsDir()): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const { file } of Object.values(PROGRAM_FILES)) out[file] = existsSync(join(dir, file)) ? sha256File(join(dir, file)).sha256 : null;
  return out;
}

export function runningIdentity(configHash: string): RunningIdentity & { version: string; name: string } {
  const code = codeVersion();
  return { configHash, commit: code.commit, clean: treeClean(), lockfileSha256: sha256File(repoPath('package-lock.json')).sha256, wasm: wasmHashes(), version: code.version, name: code.name };
}
