/**
 * `runGateChecks` on the bundled configurations: the conservative one passes every simulation check;
 * without the program binaries the gate FAILS with the "not run" reason (what CI sees); with them
 * (DRIFT_BANKRUN_DIR) it passes overall; the unsafe one fails naming the check and its figure; a
 * non-finite suite figure fails; the same configuration and seeds give the same report hash on two
 * runs and with 1 or 2 workers. Reduced path counts except where a full run is the point.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningIdentity } from '../../../engine/gate/verify.js';
import { repoPath } from '../../../engine/paths.js';
import { programBinaries } from '../../../harness/chain/program/binaries.js';
import { loadLiveConfig } from '../../../harness/gate/config.js';
import { buildGateReport } from '../../../harness/gate/report.js';
import { runGateChecks, type GateRunOptions } from '../../../harness/gate/run.js';

const CONSERVATIVE = repoPath('fixtures', 'live', 'conservative.json');
const UNSAFE = repoPath('fixtures', 'live', 'unsafe.json');
const empty = mkdtempSync(join(tmpdir(), 'dnh-gate-nobin-'));
afterAll(() => rmSync(empty, { recursive: true }));
const running: RunningIdentity & { name: string; version: string } = { configHash: '', commit: 'c'.repeat(40), clean: true, lockfileSha256: 'b'.repeat(64), wasm: { 'backtest.wasm': 'd'.repeat(64) }, name: 'delta-neutral-harness', version: '0.1.0' };

async function withBinDir<T>(dir: string | undefined, f: () => Promise<T>): Promise<T> {
  const before = process.env.DRIFT_BANKRUN_DIR;
  if (dir === undefined) delete process.env.DRIFT_BANKRUN_DIR;
  else process.env.DRIFT_BANKRUN_DIR = dir;
  try {
    return await f();
  } finally {
    if (before === undefined) delete process.env.DRIFT_BANKRUN_DIR;
    else process.env.DRIFT_BANKRUN_DIR = before;
  }
}

async function gate(file: string, opts: Partial<GateRunOptions> = {}, binDir: string | undefined = empty) {
  const { config, hash } = loadLiveConfig(file);
  const run = await withBinDir(binDir, () => runGateChecks(config, { file, ...opts }));
  return buildGateReport({ config, file, configHash: hash, running: { ...running, configHash: hash }, programs: {}, run, nowMs: 1_800_000_000_000, meta: { workers: opts.workers ?? 1, elapsedMs: 0 } });
}

const DRIFT = 'drift command flow against the real program (local chain)';

describe('dnh gate checks', () => {
  it('the conservative configuration passes every simulation check; without the binaries the gate FAILS, "not run" its only reason (full path counts)', async () => {
    const r = await gate(CONSERVATIVE);
    const sim = r.checks.filter((c) => c.id !== DRIFT);
    expect(sim.length).toBeGreaterThanOrEqual(15);
    expect(sim.filter((c) => c.verdict !== 'pass')).toEqual([]);
    expect(r.checks.find((c) => c.id === DRIFT)).toMatchObject({ verdict: 'not run', detail: expect.stringMatching(/^NOT RUN: .*binaries are absent/) });
    expect(r.verdict).toBe('FAIL');
    expect(r.reasons).toEqual([expect.stringMatching(/^not run: drift command flow .*NOT RUN/)]);
    expect(r.reduced).toBe(false);
    expect(r.seeds).toEqual({ default: 20250118 });
  });

  it('with the program binaries, the conservative configuration passes overall', async () => {
    const dir = process.env.DRIFT_BANKRUN_DIR ?? repoPath('fixtures', 'programs');
    if (!programBinaries(dir)) {
      console.log(`NOT RUN: the gate's Drift flow needs the program binaries (DRIFT_BANKRUN_DIR; absent from ${dir})`);
      return;
    }
    const r = await gate(CONSERVATIVE, {}, dir);
    expect(r.checks.find((c) => c.id === DRIFT)).toMatchObject({ verdict: 'pass', figure: 0 });
    expect(r.reasons).toEqual([]);
    expect(r.verdict).toBe('PASS');
  }, 120_000);

  it('the unsafe configuration (4x on Hyperliquid, trigger 8) fails, naming the check and its figure', async () => {
    const r = await gate(UNSAFE, { maxPathsPerSet: 8, skipChain: true });
    const failed = r.checks.filter((c) => c.verdict === 'fail');
    const liq = failed.find((c) => c.id === 'suite default: probLiquidation')!;
    expect(liq.figure as number).toBeGreaterThan(0.3);
    expect(r.verdict).toBe('FAIL');
    expect(r.reasons).toContain(`failed: suite default: probLiquidation: ${liq.figure} (threshold <= 0.3)`);
    expect(failed.map((c) => c.id)).toContain('suite default: runs liquidated in stress set crash');
    expect(failed.map((c) => c.id)).toContain('suite default: paper venue liquidations on the named stress paths');
    // the alert check is not vacuous: this configuration's paper runs raise alerts, each at its level
    const alerts = r.checks.find((c) => c.id === 'suite default: paper venue alerts at a wrong level')!;
    expect(alerts).toMatchObject({ figure: 0, verdict: 'pass' });
    expect(Number(/^(\d+) alerts/.exec(alerts.detail!)![1])).toBeGreaterThan(0);
  });

  it('a suite result with a non-finite figure fails the gate', async () => {
    const r = await gate(CONSERVATIVE, { maxPathsPerSet: 4, skipChain: true, tamperSuite: (s) => void (s.configurations[0]!.return.p5 = NaN) });
    expect(r.checks.find((c) => c.id === 'suite default: return.p5')).toMatchObject({ figure: 'NaN', verdict: 'fail' });
    expect(r.verdict).toBe('FAIL');
    expect(r.reasons).toContain('failed: suite default: return.p5: NaN (threshold >= -0.05)');
  });

  it('the same configuration and seeds give the same report hash on two runs and with 1 or 2 workers', async () => {
    const a = await gate(CONSERVATIVE, { maxPathsPerSet: 6, skipChain: true, workers: 1 });
    const b = await gate(CONSERVATIVE, { maxPathsPerSet: 6, skipChain: true, workers: 1 });
    const c = await gate(CONSERVATIVE, { maxPathsPerSet: 6, skipChain: true, workers: 2 });
    expect(b.hash).toBe(a.hash);
    expect(c.hash).toBe(a.hash);
    expect(c.meta.workers).toBe(2);
    const d = await gate(CONSERVATIVE, { maxPathsPerSet: 7, skipChain: true });
    expect(d.hash).not.toBe(a.hash);
  }, 60_000);
});
