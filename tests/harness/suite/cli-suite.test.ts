/**
 * `dnh suite run` on the bundled default suite (320 paths x 22 configurations, TS engine): the seed
 * comes first, the text, JSON and HTML outputs agree, the exit status follows the thresholds; bad
 * flags exit 2 and bad suites exit 1, with one line.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoPath, sharedDir } from '../../../engine/paths.js';
import { cli, type CliRun } from '../../helpers/cli.js';

const DEFAULT = repoPath('fixtures', 'suites', 'default.json');
const dir = mkdtempSync(join(tmpdir(), 'dnh-suite-cli-'));
let run: CliRun;

beforeAll(async () => {
  run = await cli('suite', 'run', DEFAULT, '--engine', 'ts', '--out', join(dir, 'r.json'), '--html', join(dir, 'r.html'));
});

describe('dnh suite run (bundled default suite)', () => {
  it('prints the seed first, then the report; the exit status follows the thresholds', () => {
    expect(run.err.split('\n')[0]).toBe('dnh suite: seed 20250118');
    expect(run.out.split('\n')[0]).toBe('seed 20250118');
    const result = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(run.code).toBe(result.content.pass ? 0 : 3);
    expect(run.out).toContain(`hash ${result.hash}`);
    expect(result.content.scenarios.total).toBe(320);
    expect(result.content.configurations).toHaveLength(22);
    expect(result.content.robust).toHaveLength(4);
    for (const f of result.content.failingScenarios.slice(0, 100)) expect(run.out).toContain(f.replay);
    for (const c of result.content.configurations) {
      expect(c.return.p5).toBeLessThanOrEqual(c.return.p50);
      expect(c.return.p50).toBeLessThanOrEqual(c.return.p95);
      for (const share of [c.probRuin, c.probLiquidation]) {
        expect(share).toBeGreaterThanOrEqual(0);
        expect(share).toBeLessThanOrEqual(1);
        expect(Math.abs(share * 320 - Math.round(share * 320))).toBeLessThan(1e-9); // a count out of 320
      }
      expect(c.expectedLiquidations).toBeGreaterThanOrEqual(c.probLiquidation); // a count >= 1 where any
      expect(c.cvar95).toBeGreaterThanOrEqual(c.var95 - 1e-12); // the tail mean is at least as bad as its edge
    }
  });

  it('writes an HTML report section carrying the same hash and the heatmap data', () => {
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    const result = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(html).toContain('<section id="scenario-suite">');
    expect(html).toContain(result.hash);
    expect(html).toContain('scenario-suite-return.p5');
    expect(html).toContain('scenario-suite-return-curve');
    expect(html).toContain(`Robust choice: <b>${result.content.choice.label}</b>`);
    expect(html).toContain('pass every threshold (verdict any).');
  });

  it('passes under verdict any: the default suite exits 0 and prints the robust choice among passing configurations', () => {
    const result = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(run.code).toBe(0);
    expect(result.content.verdict).toBe('any');
    const passing = result.content.configurations.filter((c: { pass: boolean }) => c.pass);
    expect(passing.length).toBeGreaterThan(0);
    expect(passing.length).toBeLessThan(result.content.configurations.length); // the thresholds bite
    expect(result.content.choice.passing).toBe(passing.length);
    expect(passing.map((c: { config: number }) => c.config)).toContain(result.content.choice.config);
    expect(run.out).toContain(`robust choice (best return.p5 of the ${passing.length} configuration(s) passing every threshold): ${result.content.choice.label}`);
    // Every threshold kind the committee set is checked in every configuration.
    for (const c of result.content.configurations) {
      expect(c.thresholds.map((t: { metric: string }) => t.metric)).toEqual(['maxDrawdown.p95', 'probLiquidation', 'probRuin', 'return.es5', 'return.p5']);
      expect(c.label).toContain('survivor=liquidation partial:0.2:0.05');
    }
  });

  it('prints every failing scenario with --max-failures 0, the first N with --max-failures N', async () => {
    // The default suite has no per-scenario threshold: a variant with one (any path drawing down 10%).
    const variant = join(dir, 'scenario-thresholds.json');
    const doc = JSON.parse(readFileSync(DEFAULT, 'utf8'));
    doc.thresholds.scenario = { maxDrawdown: { max: 0.1 } };
    writeFileSync(variant, JSON.stringify(doc));
    const first = await cli('suite', 'run', variant, '--out', join(dir, 'v.json'));
    const result = JSON.parse(readFileSync(join(dir, 'v.json'), 'utf8'));
    expect(first.code).toBe(result.content.pass ? 0 : 3);
    const n = result.content.failingScenarios.length;
    expect(n).toBeGreaterThan(3);
    const all = await cli('suite', 'run', variant, '--max-failures', '0');
    for (const f of result.content.failingScenarios) expect(all.out).toContain(`  ${f.id}: `);
    const three = await cli('suite', 'run', variant, '--max-failures', '3');
    expect(three.out).toContain(`... and ${n - 3} more`);
    expect(three.out).not.toContain(`  ${result.content.failingScenarios[3].id}: `);
  });

  it('prints people\'s numbers (docs/number-format.md): no raw floats in the report or in a replay', async () => {
    // A 17-digit float (0.5857242780922952) anywhere in the text would be a raw double.
    expect(run.out).not.toMatch(/\d\.\d{7,}/);
    const r = await cli('suite', 'replay', DEFAULT, '--scenario', 'regimes:0', '--config', '0');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/return [+-]?\d+\.\d\d%  maxDrawdown (-\d+\.\d\d%|0\.00%)  liquidations \d+  ruined (true|false)  final -?\$\d{1,3}(,\d{3})*\.\d\d\n/);
    expect(r.out).not.toMatch(/\d\.\d{7,}/);
    const j = JSON.parse((await cli('suite', 'replay', DEFAULT, '--scenario', 'regimes:0', '--config', '0', '--json')).out);
    expect(r.out).toContain(`final $${j.configs[0].finalEquity.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
  });

  it('maps bad flags to exit 2 and bad suites to exit 1, one line each', async () => {
    const u = await cli('suite', 'run', DEFAULT, '--workers', 'x');
    expect(u.code).toBe(2);
    expect(u.err.trim().split('\n')).toHaveLength(1);
    expect((await cli('suite', 'run')).code).toBe(2);
    expect((await cli('suite', 'replay', DEFAULT, '--scenario', 'nope:1')).code).toBe(2);
    expect((await cli('suite', 'replay', DEFAULT, '--scenario', 'regimes:180')).err).toMatch(/0\.\.179/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'b', seed: 1, scenarios: [{ name: 'x', kind: 'generated', count: -1 }], grid: { leverage: [2], trigger: [4] } }));
    const d = await cli('suite', 'run', bad);
    expect(d.code).toBe(1);
    expect(d.err.trim()).toMatch(/bad\.json, field scenarios\[0\]\.count: must be >= 1$/);
  });
});

describe('dnh suite run (historical suite on ../shared)', () => {
  const shared = sharedDir();
  it.runIf(shared !== null)('runs the real HL series, its bootstrap and stresses; hash stable across two runs', async () => {
    const file = repoPath('fixtures', 'suites', 'historical.json');
    const a = await cli('suite', 'run', file, '--json');
    const b = await cli('suite', 'run', file, '--json');
    expect([0, 3]).toContain(a.code);
    const ra = JSON.parse(a.out);
    expect(ra.hash).toBe(JSON.parse(b.out).hash);
    expect(ra.content.scenarios.total).toBe(204);
    // data/README.md publishes the sha256 of the file the suite reads.
    expect(ra.content.suite.dataSha256['hl-study']).toBe('c1e173866bd46c4bcb3e49d4e6e0483a7361168e1667621feee44e8deffa5725');
  });
  it('reports whether the historical suite ran', () => {
    if (shared === null) console.log('not run: ../shared absent (historical suite)');
    expect(shared === null || typeof shared === 'string').toBe(true);
  });
});
