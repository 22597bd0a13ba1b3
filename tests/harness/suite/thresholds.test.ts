/**
 * Configuration thresholds: every kind the default suite uses (and the others a suite may name) can
 * fail and can pass, judged on the value the run reports; so can every scenario threshold kind; `verdict: any` passes a suite when one
 * configuration passes, `all` (the default) only when every one does; the robust choice is the best
 * passing configuration. And the bundled default suite, at a quarter of its paths, passes at least
 * one configuration and names its robust choice.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoPath } from '../../../engine/paths.js';
import { loadSuite } from '../../../harness/suite/load.js';
import { runSuite } from '../../../harness/suite/runner.js';
import { metricValue, type SuiteResult } from '../../../harness/suite/summary.js';
import { suiteText } from '../../../harness/suite/text.js';

const dir = mkdtempSync(join(tmpdir(), 'dnh-suite-thresholds-'));

/** A small suite: 24 paths (a third crash 35% mid-path), 2x/3 and 3x/never under the realistic options. */
function small(thresholds: Record<string, { min?: number; max?: number }>, verdict?: 'all' | 'any'): object {
  return {
    name: 'thresholds',
    seed: 7,
    scenarios: [
      { name: 'mc', kind: 'generated', count: 16, params: { days: 200 } },
      { name: 'crash', kind: 'stress', count: 8, base: { kind: 'generated', params: { days: 200 } }, shocks: [{ name: 'crash', params: { at: 100, pct: 0.35 } }] },
    ],
    grid: { venue: ['hl'], leverage: [2, 3], trigger: [3, 'never'], minTriggerRatio: 1.3, survivor: ['liquidation'], 'long.liquidation': ['partial:0.2:0.05'] },
    ...(verdict ? { verdict } : {}),
    thresholds: { configuration: thresholds },
  };
}

let n = 0;
async function run(doc: object): Promise<SuiteResult> {
  const file = join(dir, `s${n++}.json`);
  writeFileSync(file, JSON.stringify(doc));
  return runSuite(loadSuite(file), { workers: 1 });
}

const KINDS = ['probRuin', 'probLiquidation', 'expectedLiquidations', 'return.p5', 'return.es5', 'return.es10', 'return.mean', 'maxDrawdown.p95', 'var95', 'cvar95'];
let base: SuiteResult;

beforeAll(async () => {
  base = await run(small(Object.fromEntries(KINDS.map((k) => [k, {}]))));
});

describe('configuration thresholds', () => {
  it('report the run value of every kind, finite, with es5 = -cvar95', () => {
    for (const c of base.content.configurations) {
      for (const t of c.thresholds) {
        expect(Number.isFinite(t.value)).toBe(true);
        expect(t.value).toBe(metricValue(c, t.metric));
      }
      expect(metricValue(c, 'return.es5')).toBeCloseTo(-c.cvar95, 15);
      expect(metricValue(c, 'return.es10')).toBeGreaterThanOrEqual(metricValue(c, 'return.es5'));
    }
    // The stressed 3x configuration has a real tail: liquidations and losses to judge.
    const worst = base.content.configurations.find((c) => c.params.leverage === 3)!;
    expect(worst.probLiquidation).toBeGreaterThan(0);
    expect(worst.return.p5).toBeLessThan(0);
  });

  for (const kind of KINDS) {
    it(`${kind}: fails when the bound is just beyond the value, passes at the value`, async () => {
      const lowerBetter = /^(prob|expected|maxDrawdown|var|cvar)/.test(kind);
      const c = base.content.configurations.find((k) => k.params.leverage === 3)!;
      const v = metricValue(c, kind);
      const eps = Math.max(1e-9, Math.abs(v) * 1e-6);
      const tight = lowerBetter ? { max: v - eps } : { min: v + eps };
      const loose = lowerBetter ? { max: v } : { min: v };
      const failing = await run(small({ [kind]: tight }));
      const fc = failing.content.configurations[c.config]!;
      expect(fc.thresholds).toEqual([{ metric: kind, ...tight, value: v, pass: false }]);
      expect(fc.pass).toBe(false);
      expect(failing.content.pass).toBe(false);
      const passing = await run(small({ [kind]: loose }));
      expect(passing.content.configurations[c.config]!.thresholds[0]!.pass).toBe(true);
    });
  }

  it('verdict any passes when one configuration passes; all needs every one; the robust choice is the best passing one', async () => {
    // A 5th-percentile return no worse than -5%: 2x/3 holds it, the crashed 3x/never does not.
    const t = { 'return.p5': { min: -0.05 } };
    const all = await run(small(t));
    const any = await run(small(t, 'any'));
    const passing = any.content.configurations.filter((c) => c.pass);
    expect(passing.length).toBeGreaterThan(0);
    expect(passing.length).toBeLessThan(any.content.configurations.length);
    expect(all.content.pass).toBe(false);
    expect(any.content.pass).toBe(true);
    expect(any.content.verdict).toBe('any');
    expect(all.content.verdict).toBeUndefined();
    const best = passing.reduce((a, b) => (b.return.p5 > a.return.p5 ? b : a));
    expect(any.content.choice).toMatchObject({ config: best.config, label: best.label, passing: passing.length, by: { metric: 'return.p5', value: best.return.p5 } });
    expect(suiteText(any)).toContain(`robust choice (best return.p5 of the ${passing.length} configuration(s) passing every threshold): ${best.label}`);
    expect(suiteText(any)).toContain('PASS:');
    // Nothing passes: no choice, and any fails too.
    const none = await run(small({ 'return.p5': { min: 1 } }, 'any'));
    expect(none.content.choice).toBeNull();
    expect(none.content.pass).toBe(false);
    expect(suiteText(none)).toContain('robust choice: none');
  });
});

describe('the bundled default suite at a quarter of its paths', () => {
  it('passes at least one configuration and names the robust choice', async () => {
    const doc = JSON.parse(readFileSync(repoPath('fixtures', 'suites', 'default.json'), 'utf8'));
    for (const s of doc.scenarios) s.count = Math.ceil(s.count / 4);
    const r = await run(doc);
    expect(r.content.scenarios.total).toBe(doc.scenarios.reduce((a: number, s: { count: number }) => a + s.count, 0));
    expect(r.content.scenarios.total).toBeLessThanOrEqual(90);
    expect(r.content.pass).toBe(true);
    const passing = r.content.configurations.filter((c) => c.pass);
    expect(passing.length).toBeGreaterThan(0);
    expect(r.content.choice).not.toBeNull();
    expect(passing.map((c) => c.config)).toContain(r.content.choice!.config);
    expect(suiteText(r)).toContain(`robust choice (best return.p5 of the ${passing.length} configuration(s) passing every threshold): ${r.content.choice!.label}`);
  });
});

describe('scenario thresholds (every single path)', () => {
  /** A plain-convention 3x/never suite on $2 of capital: after a 90% gap the $3 transfer cost of the
   * rotation exceeds what is left, so the crashed paths end ruined (MODEL.md section 4). */
  const harsh = (scenario: Record<string, unknown>): object => ({
    name: 'scenario-thresholds',
    seed: 3,
    scenarios: [
      { name: 'mc', kind: 'generated', count: 6, params: { days: 120 } },
      { name: 'gap', kind: 'stress', count: 3, base: { kind: 'generated', params: { days: 120 } }, shocks: [{ name: 'gap', params: { at: 60, pct: -0.9 } }] },
    ],
    grid: { venue: ['hl'], leverage: [3], trigger: ['never'], capital: [2] },
    thresholds: { scenario },
  });

  it('ruined: false fails the ruined paths and only those', async () => {
    const r = await run(harsh({ ruined: false }));
    const c = r.content.configurations[0]!;
    expect(c.probRuin).toBeGreaterThan(0);
    expect(c.failingScenarios).toBe(Math.round(c.probRuin * r.content.scenarios.total));
    expect(r.content.failingScenarios.every((f) => f.configs[0]!.ruined && f.configs[0]!.reasons.includes('ruined'))).toBe(true);
    expect(r.content.pass).toBe(false);
  });

  for (const [kind, pick, lowerBetter] of [
    ['return', (f: { totalReturn: number }) => f.totalReturn, false],
    ['maxDrawdown', (f: { maxDrawdown: number }) => f.maxDrawdown, true],
    ['liquidations', (f: { liquidations: number }) => f.liquidations, true],
  ] as const) {
    it(`${kind}: a bound just beyond the worst path fails exactly that path; at its value nothing fails`, async () => {
      // Every path's figure, from a run whose threshold every path breaks.
      const all = await run(harsh({ [kind]: lowerBetter ? { max: -1 } : { min: 1e9 } }));
      const values = all.content.failingScenarios.map((f) => (pick as (x: object) => number)(f.configs[0]!));
      expect(values).toHaveLength(all.content.scenarios.total);
      const worst = lowerBetter ? Math.max(...values) : Math.min(...values);
      const eps = Math.max(1e-9, Math.abs(worst) * 1e-9);
      const tight = await run(harsh({ [kind]: lowerBetter ? { max: worst - eps } : { min: worst + eps } }));
      const expectedFailing = values.filter((v) => (lowerBetter ? v > worst - eps : v < worst + eps)).length;
      expect(tight.content.failingScenarios).toHaveLength(expectedFailing);
      expect(tight.content.configurations[0]!.pass).toBe(false);
      const loose = await run(harsh({ [kind]: lowerBetter ? { max: worst } : { min: worst } }));
      expect(loose.content.failingScenarios).toHaveLength(0);
    });
  }
});
