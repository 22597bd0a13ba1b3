/**
 * Proves the kernel loader works inside `node:worker_threads` workers (as the sweep and suite
 * runners use it): a worker loading build/backtest.wasm itself, and one instantiating a compiled
 * module posted by the parent, both return outputs identical to the main thread's.
 */
import { buildSync } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareSeries } from '../../../engine/data/series.js';
import { laneConstants } from '../../../engine/model/reference/lane.js';
import { repoPath } from '../../../engine/paths.js';
import { packLanes, runLanesWasm } from '../../../engine/wasm/lanes.js';
import { kernelModule } from '../../../engine/wasm/loader.js';
import { paramDrawArb, paramsOf, rowsArb } from './gen.js';

describe('kernel in worker threads', () => {
  it('gives the main thread’s outputs, bit for bit, from its own loader and from a posted module', async () => {
    // Workers cannot load TypeScript: bundle the worker body (esbuild, vitest's own dependency) under out/.
    const dir = repoPath('out', 'test-tmp');
    mkdirSync(dir, { recursive: true });
    const file = `${dir}/kernel-worker-${process.pid}.mjs`;
    buildSync({ entryPoints: [repoPath('tests', 'engine', 'wasm', 'worker-entry.ts')], bundle: true, platform: 'node', format: 'esm', outfile: file, logLevel: 'silent' });

    const [rows, draws] = fc.sample(fc.tuple(rowsArb(30, 60), fc.array(paramDrawArb(), { minLength: 20, maxLength: 20 })), { seed: 9, numRuns: 1 })[0]!;
    const series = prepareSeries(rows, 'exact');
    const lanes = packLanes(draws.map((x) => laneConstants(paramsOf(x, 'exact'))));
    const main = runLanesWasm(series, lanes).out;
    const run = () =>
      new Promise<{ own: Float64Array; posted: Float64Array }>((resolve, reject) => {
        const w = new Worker(file, { workerData: { series, lanes, module: kernelModule() } });
        w.once('message', (m) => {
          resolve(m as { own: Float64Array; posted: Float64Array });
          void w.terminate();
        });
        w.once('error', reject);
      });
    const [a, b] = await Promise.all([run(), run()]);
    for (const r of [a, b]) {
      expect(Array.from(r.own).map(String)).toEqual(Array.from(main).map(String));
      expect(Array.from(r.posted).map(String)).toEqual(Array.from(main).map(String));
    }
    expect(main.some((v) => v !== 0)).toBe(true);
  });
});
