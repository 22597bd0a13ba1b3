/**
 * Test helper: the suite worker bundled from the current sources with esbuild (a vitest dependency),
 * so worker tests never run a stale `dist/` build. Written under `out/` (inside the repository, so the
 * bundle's `import.meta.url` still finds the repository root).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { repoPath } from '../../../engine/paths.js';

let bundled: Promise<string> | undefined;

export function suiteWorkerBundle(): Promise<string> {
  bundled ??= (async () => {
    const outfile = repoPath('out', 'test-workers', `suite-worker-${process.pid}.mjs`);
    mkdirSync(repoPath('out', 'test-workers'), { recursive: true });
    await build({
      entryPoints: [repoPath('harness', 'suite', 'worker.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      logLevel: 'error',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    return outfile;
  })();
  return bundled;
}

/** Delete the bundle (call from `afterAll`). */
export async function removeSuiteWorkerBundle(): Promise<void> {
  if (bundled) rmSync(await bundled, { force: true });
  bundled = undefined;
}
