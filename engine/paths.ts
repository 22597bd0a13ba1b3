/** Locating the repository's own files (WASM builds, fixtures) from source or from `dist/`. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/** The folder holding this project's package.json. */
export function repoRoot(): string {
  if (cachedRoot !== undefined) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'asconfig.json'))) return (cachedRoot = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot locate the delta-neutral-harness root (package.json + asconfig.json)');
    dir = up;
  }
}

/** A path inside the repository. */
export function repoPath(...parts: string[]): string {
  return join(repoRoot(), ...parts);
}

/** `../shared` beside the repository, or `DNH_SHARED_DIR`; `null` when absent. */
export function sharedDir(): string | null {
  const dir = process.env.DNH_SHARED_DIR ?? join(repoRoot(), '..', 'shared');
  return existsSync(join(dir, 'MODEL.md')) ? dir : null;
}
