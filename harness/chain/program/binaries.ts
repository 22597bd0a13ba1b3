/**
 * The Drift and mock-Pyth program binaries: located in `DRIFT_BANKRUN_DIR` (default: the git-ignored
 * `fixtures/programs/`), checked against their known sha256, never committed (see docs/drift-commands.md).
 * Tests that need them call `programBinaries()` and report "NOT RUN" with `missingBinariesMessage` when
 * they are absent.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath } from '../../../engine/paths.js';

/** Drift v2.84 from `drift-labs/drift-vaults` history (`deps/drift.so`), and Drift's mock Pyth program. */
export const PROGRAM_FILES = {
  drift: { file: 'drift.so', sha256: '080423d7c91f826994124873a62d5e752da51d06159ed010002f8f2f20d4e2a7' },
  pyth: { file: 'pyth.so', sha256: 'a6639559e8b698fa5bf9b87015bb8de63aef6b6819a82ac8f30ad5f6aee66e9d' },
} as const;

export interface ProgramBinaries {
  dir: string;
  drift: Buffer;
  pyth: Buffer;
}

/** Where the binaries are looked for: `DRIFT_BANKRUN_DIR`, else `<repo>/fixtures/programs`. */
export function programsDir(): string {
  return process.env.DRIFT_BANKRUN_DIR ?? repoPath('fixtures', 'programs');
}

export class ProgramBinaryMismatchError extends Error {
  override readonly name = 'ProgramBinaryMismatchError' as const;
  constructor(readonly path: string, readonly expected: string, readonly actual: string) {
    super(`${path}: sha256 ${actual} is not the expected ${expected} (wrong build; see docs/drift-commands.md)`);
  }
}

/** The two binaries, sha256-checked; `null` when either file is absent. A present but wrong file throws. */
export function programBinaries(dir = programsDir()): ProgramBinaries | null {
  const paths = { drift: join(dir, PROGRAM_FILES.drift.file), pyth: join(dir, PROGRAM_FILES.pyth.file) };
  if (!existsSync(paths.drift) || !existsSync(paths.pyth)) return null;
  const drift = readFileSync(paths.drift);
  const pyth = readFileSync(paths.pyth);
  for (const [key, bytes] of [['drift', drift], ['pyth', pyth]] as const) {
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== PROGRAM_FILES[key].sha256) throw new ProgramBinaryMismatchError(paths[key], PROGRAM_FILES[key].sha256, actual);
  }
  return { dir, drift, pyth };
}

/** The "NOT RUN" line: directory searched, file names, sha256 values, how to get them. */
export function missingBinariesMessage(what: string, dir = programsDir()): string {
  return (
    `NOT RUN: ${what}: the Drift program binaries are absent from ${dir} ` +
    `(needs ${PROGRAM_FILES.drift.file} sha256 ${PROGRAM_FILES.drift.sha256} and ` +
    `${PROGRAM_FILES.pyth.file} sha256 ${PROGRAM_FILES.pyth.sha256}; set DRIFT_BANKRUN_DIR or see ` +
    `docs/drift-commands.md: 'solana program dump dRiftyHA39MWEi3m9aunc5MzRF1JYuBsbn6VPcn33UH drift.so' or ` +
    `deps/drift.so and deps/pyth.so in the history of github.com/drift-labs/drift-vaults)`
  );
}
