/**
 * The suite runner: the result hash is equal for 1 and 2 workers and across two runs (and differs
 * with the seed); the statistics match an independent recomputation from single `backtest` calls;
 * every failing scenario's replay command reproduces its numbers exactly.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtest } from '../../../engine/backtest.js';
import { DataError } from '../../../engine/errors.js';
import { formatCanonicalCsv } from '../../../engine/data/csv.js';
import { generatePath } from '../../../harness/scenario/generator.js';
import { resolveGeneratorParams } from '../../../harness/scenario/params.js';
import { makeRng } from '../../../harness/scenario/rng.js';
import { loadSuite } from '../../../harness/suite/load.js';
import { runSuite } from '../../../harness/suite/runner.js';
import { scenarioPath } from '../../../harness/suite/scenarios.js';
import type { SuiteResult } from '../../../harness/suite/summary.js';
import type { ResolvedSuite } from '../../../harness/suite/types.js';
import { cli } from '../../helpers/cli.js';
import { removeSuiteWorkerBundle, suiteWorkerBundle } from './worker-bundle.js';

const dir = mkdtempSync(join(tmpdir(), 'dnh-suite-run-'));
const file = join(dir, 'small.json');
let suite: ResolvedSuite;
let one: SuiteResult;

beforeAll(async () => {
  writeFileSync(join(dir, 'history.csv'), formatCanonicalCsv(generatePath(resolveGeneratorParams({ days: 300 }), makeRng('history'))));
  writeFileSync(
    file,
    JSON.stringify({
      name: 'small',
      seed: 99,
      scenarios: [
        { name: 'mc', kind: 'generated', count: 10, params: { days: 120 } },
        { name: 'boot', kind: 'bootstrap', count: 5, data: 'history.csv', days: 120 },
        { name: 'hist', kind: 'historical', data: 'history.csv' },
        { name: 'crash', kind: 'stress', count: 4, base: { kind: 'generated', params: { days: 120 } }, shocks: [{ name: 'crash', params: { at: 60, pct: 0.35 } }] },
      ],
      grid: { venue: ['hl', 'drift'], leverage: [2, 3], trigger: [4, 6, 'never'] },
      metrics: { percentiles: [5, 50, 95] },
      thresholds: { configuration: { 'return.p5': { min: -0.1 } }, scenario: { maxDrawdown: { max: 0.08 }, ruined: false } },
    }),
  );
  suite = loadSuite(file);
  one = await runSuite(suite, { workers: 1, chunk: 3 });
});

afterAll(removeSuiteWorkerBundle);

describe('runSuite', () => {
  it('gives the same hash with 1 and 2 workers, and across runs; another seed changes it', async () => {
    const two = await runSuite(suite, { workers: 2, chunk: 2, workerScript: await suiteWorkerBundle() });
    expect(two.meta.workers).toBe(2);
    expect(two.hash).toBe(one.hash);
    expect(two.content).toEqual(one.content);
    // Default chunking on 2 workers: guided chunks that shrink towards the end (runner.ts), and the
    // parent's compiled kernel posted to the workers.
    const guided = await runSuite(suite, { workers: 2, workerScript: await suiteWorkerBundle() });
    expect(guided.hash).toBe(one.hash);
    expect(guided.content).toEqual(one.content);
    const again = await runSuite(suite, { workers: 1, chunk: 7 });
    expect(again.hash).toBe(one.hash);
    const other = await runSuite(suite, { workers: 1, seed: 100 });
    expect(other.hash).not.toBe(one.hash);
  });

  it('orders the summary columns on the workers (means, then selection in the shared columns) with the same result, also with more workers than configurations', async () => {
    // Two configurations on three workers: one worker gets no configuration to order.
    const few: ResolvedSuite = { ...suite, grid: suite.grid.slice(0, 2) };
    const base = await runSuite(few, { workers: 1 });
    const three = await runSuite(few, { workers: 3, chunk: 1, workerScript: await suiteWorkerBundle() });
    expect(three.meta.workers).toBe(3);
    expect(three.content).toEqual(base.content);
    expect(three.hash).toBe(base.hash);
    expect(base.content.configurations[1]!.return.p50).not.toBe(base.content.configurations[0]!.return.p50);
  });

  it('gives the same numbers on the WASM kernel (packed, no result objects) and the TypeScript reference', async () => {
    expect(one.meta.engine).toBe('wasm');
    const ts = await runSuite(suite, { workers: 1, engine: 'ts' });
    expect(ts.hash).toBe(one.hash);
  });

  it('reports progress in scenarios, monotonically, ending at the total', async () => {
    const seen: number[] = [];
    await runSuite(suite, { workers: 1, chunk: 6, onProgress: (done, total) => (expect(total).toBe(20), seen.push(done)) });
    expect(seen).toEqual([6, 12, 18, 20]);
  });

  it('fails with the worker error (and stops the other workers) when a worker cannot build its scenarios', async () => {
    const d = mkdtempSync(join(tmpdir(), 'dnh-suite-fail-'));
    const csv = join(d, 'h.csv');
    writeFileSync(csv, formatCanonicalCsv(generatePath(resolveGeneratorParams({ days: 50 }), makeRng('h'))));
    const f = join(d, 'f.json');
    writeFileSync(f, JSON.stringify({ name: 'f', seed: 1, scenarios: [{ name: 'b', kind: 'bootstrap', count: 8, data: 'h.csv' }], grid: { leverage: [2], trigger: [4] } }));
    const s = loadSuite(f);
    rmSync(csv); // the workers load the history themselves: now they cannot
    const run = runSuite(s, { workers: 2, chunk: 1, workerScript: await suiteWorkerBundle() });
    await expect(run).rejects.toThrow(DataError);
    await expect(run).rejects.toThrow(/h\.csv: cannot read: ENOENT/);
  });

  it('computes the distribution as an independent recomputation from single backtests does', () => {
    const c = one.content;
    expect(c.scenarios.total).toBe(20);
    expect(c.configurations).toHaveLength(suite.grid.length);
    const k = 1; // hl 2x trigger 6
    const p = suite.grid[k]!;
    const runs = suite.sets.flatMap((s) => Array.from({ length: s.count }, (_, i) => backtest(scenarioPath(s, 99, i), p)));
    const ret = runs.map((r) => r.totalReturn).sort((a, b) => a - b);
    const cfg = c.configurations[k]!;
    // Median of 20 sorted values: the mean of the 10th and 11th.
    expect(cfg.return.p50).toBeCloseTo((ret[9]! + ret[10]!) / 2, 14);
    expect(cfg.return.mean).toBeCloseTo(ret.reduce((a, b) => a + b, 0) / 20, 14);
    expect(cfg.probLiquidation).toBe(runs.filter((r) => r.liquidations > 0).length / 20);
    expect(cfg.expectedLiquidations).toBe(runs.reduce((a, r) => a + r.liquidations, 0) / 20);
    expect(cfg.probRuin).toBe(runs.filter((r) => r.ruined).length / 20);
    expect(cfg.cvar95).toBeCloseTo(-ret[0]!, 14); // ceil(5% of 20) = 1: the worst return
    expect(cfg.returnCurve).toHaveLength(21);
    expect(cfg.returnCurve[0]).toBe(ret[0]); // p0: the minimum
    expect(cfg.returnCurve[20]).toBe(ret[19]); // p100: the maximum
    expect(cfg.returnCurve[10]).toBe(cfg.return.p50);
    const dd = runs.filter((r) => r.maxDrawdown > 0.08 || r.ruined).length;
    expect(cfg.failingScenarios).toBe(dd);
    expect(cfg.thresholds[0]).toMatchObject({ metric: 'return.p5', value: cfg.return.p5, pass: cfg.return.p5 >= -0.1 });
  });

  it('chooses the robust trigger per leverage group: the best 5th percentile, the median beside it', () => {
    const c = one.content;
    expect(c.robust.map((r) => r.group)).toEqual(['hl rebalance exact $10,000 2x', 'hl rebalance exact $10,000 3x', 'drift rebalance exact $10,000 2x', 'drift rebalance exact $10,000 3x']);
    for (const r of c.robust) {
      const group = c.configurations.filter((k) => k.params.venue === c.configurations[r.config]!.params.venue && k.params.leverage === r.leverage);
      expect(r.by.value).toBe(Math.max(...group.map((k) => k.return.p5)));
      expect(r.beside.value).toBe(c.configurations[r.config]!.return.p50);
      expect(r.pass).toBe(c.configurations[r.config]!.pass);
    }
  });

  it('lists failing scenarios in order, each with a replay command that reproduces its numbers exactly', async () => {
    const fails = one.content.failingScenarios;
    expect(fails.length).toBeGreaterThan(0);
    expect(fails.map((f) => f.scenario)).toEqual([...fails.map((f) => f.scenario)].sort((a, b) => a - b));
    for (const f of fails.slice(0, 4)) {
      expect(f.replay).toBe(`dnh suite replay ${file} --seed 99 --scenario ${f.id}`);
      const argv = f.replay.split(' ').slice(1);
      const r = await cli(...argv, '--json');
      expect(r.code).toBe(0);
      const out = JSON.parse(r.out);
      for (const c of f.configs) {
        const got = out.configs.find((x: { config: number }) => x.config === c.config);
        expect({ totalReturn: got.totalReturn, maxDrawdown: got.maxDrawdown, liquidations: got.liquidations, ruined: got.ruined }).toEqual({
          totalReturn: c.totalReturn,
          maxDrawdown: c.maxDrawdown,
          liquidations: c.liquidations,
          ruined: c.ruined,
        });
      }
    }
  });
});
