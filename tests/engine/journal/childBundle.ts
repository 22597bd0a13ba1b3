/**
 * Test helper: the crash tests' child process bundled from the current sources with esbuild (a child
 * cannot load TypeScript), under `out/test-tmp/` so that packages resolve from the repository's
 * node_modules. Delete it with `rmSync(path, { force: true })` after the tests.
 */
import { mkdirSync } from 'node:fs';
import { buildSync } from 'esbuild';
import { repoPath } from '../../../engine/paths.js';

export function crashChildBundle(tag: string): string {
  mkdirSync(repoPath('out', 'test-tmp'), { recursive: true });
  const outfile = repoPath('out', 'test-tmp', `crash-child-${tag}-${process.pid}.mjs`);
  buildSync({
    entryPoints: [repoPath('tests', 'engine', 'journal', 'crash-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
    packages: 'external',
  });
  return outfile;
}
