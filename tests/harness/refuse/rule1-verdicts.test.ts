/**
 * Issue 8, rule 1 ("one rule for numbers that judge"): a run whose figures are not finite is reported
 * as invalid (its own status, never a number, never the "skipped" mark) and fails every verdict it
 * touches: `backtest` exits 1 naming the field, a suite fails the configuration and exits 3 naming
 * the scenario and field, a sweep never ranks it, the report draws it as invalid.
 * Each case reproduces a finding of the issue (they passed silently before the fix).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../../engine/model/params.js';
import type { BacktestResult } from '../../../engine/model/types.js';
import { SuiteAggregator } from '../../../harness/suite/aggregate.js';
import { robustChoices, summarise, type ConfigSummary } from '../../../harness/suite/summary.js';
import { suiteText } from '../../../harness/suite/text.js';
import type { ResolvedSuite } from '../../../harness/suite/types.js';
import { formatSweepSummary } from '../../../harness/sweep/summary.js';
import type { SweepResults } from '../../../harness/sweep/results.js';
import { cli } from '../../helpers/cli.js';
import { canonicalCsv, oneLine, tempDir, write } from './files.js';

const dir = tempDir();
/** Two days of funding at 100%/day: at 13x the exact annualised return (F/C)^365 - 1 overflows to Infinity. */
const twoDays = write(dir, 'two.csv', canonicalCsv(2, () => ({ open: '100', high: '100', low: '100', close: '100', funding: '1' })));
const overflowFlags = ['--data', twoDays, '--leverage', '13', '--long.maintenance', '0.05', '--perp.maintenance', '0.05', '--trigger', '999'];

describe('backtest: a non-finite figure is an invalid run, exit 1 naming the field', () => {
  it('--json does not print "annualized": null with exit 0', async () => {
    const r = await cli('backtest', ...overflowFlags, '--json');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/invalid/);
    expect(r.err).toMatch(/annualized/);
    expect(oneLine(r.err)).toBe(true);
  });
  it('the human output does not print "Infinity%"', async () => {
    const r = await cli('backtest', ...overflowFlags);
    expect(r.code).toBe(1);
    expect(r.out).not.toMatch(/Infinity|NaN/);
    expect(r.err).toMatch(/annualized/);
  });
});

describe('suite: NaN never passes a threshold', () => {
  it('a stress stack that sends prices to ~0 fails (exit 3) naming the scenario and field, never PASS', async () => {
    const shocks = Array.from({ length: 160 }, (_, i) => ({ name: 'crash', params: { at: 5 + (i % 20), pct: 0.99 } }));
    const suite = write(dir, 'sink.json', JSON.stringify({
      name: 'sink', seed: 1,
      scenarios: [{ name: 'sink', kind: 'stress', count: 2, base: { kind: 'generated', params: { days: 30 } }, shocks }],
      grid: { venue: ['hl'], leverage: [2], trigger: [4], model: ['rebalance'], convention: ['exact'], capital: [10000] },
      thresholds: { configuration: { 'return.p5': { min: -0.5 } }, scenario: { maxDrawdown: { max: 0.9 } } },
    }));
    const r = await cli('suite', 'run', suite);
    expect(r.code).toBe(3);
    expect(r.out).not.toMatch(/PASS/);
    expect(r.out).not.toMatch(/\bNaN\b/);
    expect(r.out).toMatch(/invalid/);
    expect(r.out).toMatch(/sink:0/);
    expect(r.out).toMatch(/not a finite number/);
  });

  it('the aggregator and summary: NaN return fails its configuration with a reason naming scenario and field', () => {
    const grid = [resolveParams({ leverage: 2, trigger: 4 }), resolveParams({ leverage: 2, trigger: 6 })];
    const suite: ResolvedSuite = {
      file: 'x.json', name: 'x', description: '', seed: 1, sets: [{ name: 's', kind: 'generated', count: 3, days: 30, base: { kind: 'generated', params: {} as never }, shocks: [] }],
      grid, skipped: [], percentiles: [5, 50], robust: { by: 'return.p5', beside: 'return.p50' },
      thresholds: { configuration: { 'return.p5': { min: -0.5 } }, scenario: {} },
    };
    const agg = new SuiteAggregator(3, 2, {});
    agg.add({ from: 0, to: 3, totalReturn: Float64Array.from([0.1, 0.1, NaN, 0.2, 0.05, 0.05]), maxDrawdown: new Float64Array(6), liquidations: new Float64Array(6), ruined: new Uint8Array(6) });
    const res = summarise(suite, 1, agg, { total: 3, offsets: [0] }, {}, { file: 'x.json', engine: 'wasm', workers: 1, elapsedMs: 0 });
    const [c0, c1] = res.content.configurations as [ConfigSummary, ConfigSummary];
    expect(c1.pass).toBe(true);
    expect(c0.pass).toBe(false);
    expect(res.content.pass).toBe(false);
    const f = res.content.failingScenarios.find((x) => x.scenario === 1)!;
    expect(f.id).toBe('s:1');
    expect(f.configs[0]!.reasons.join(' ')).toMatch(/return.*not a finite number/);
    // The robust choice never picks the invalid configuration, whatever NaN compares to.
    expect(res.content.robust[0]!.config).toBe(1);
    const text = suiteText(res);
    expect(text).not.toMatch(/PASS/);
    expect(text).not.toMatch(/\bNaN\b/);
    expect(text).toMatch(/invalid/);
  });

  it('robustChoices skips a configuration whose metric is not finite', () => {
    const mk = (config: number, trigger: number, p5: number): ConfigSummary => ({
      config, label: '', params: { venue: 'hl', model: 'rebalance', convention: 'exact', capital: 10000, leverage: 2, trigger, longOpenFeeBps: 15 },
      return: { mean: p5, p5, p50: p5 }, maxDrawdown: { mean: 0, p5: 0, p50: 0 }, returnCurve: [], probLiquidation: 0, expectedLiquidations: 0,
      probRuin: 0, var95: 0, cvar95: 0, failingScenarios: 0, thresholds: [], pass: true,
    });
    for (const order of [[mk(0, 4, NaN), mk(1, 6, -0.1)], [mk(1, 6, -0.1), mk(0, 4, NaN)]]) {
      expect(robustChoices(order, 'return.p5', 'return.p50')[0]!.config).toBe(1);
    }
  });
});

function lane(params: ReturnType<typeof resolveParams>, annualized: number): BacktestResult {
  const w = { lendIncome: 0, borrowInterest: 0, funding: 0, fees: 0, transferCosts: 0, penalties: 0, pricePnl: 0, badDebt: 0 };
  return { finalEquity: 10_500, totalReturn: 0.05, annualized, maxDrawdown: 0.01, liquidations: 0, liquidatedLegs: 0, rebalances: 0, rotations: 0, ruined: false, minHealthLong: 50, minHealthShort: 50, waterfall: w, params, convention: 'exact' } as BacktestResult;
}


/** Rewrite lane `i` of an NDJSON results file (docs/outputs.md: header line, then one line per lane). */
function editLane(file: string, i: number, edit: (lane: Record<string, unknown>) => void): void {
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  edit(lines[1 + i]!);
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
}

describe('sweep and report: an invalid lane is never ranked and never drawn as skipped', () => {
  it('the sweep summary lists it as invalid and never as the best lane', () => {
    const s: SweepResults = {
      kind: 'dnh-sweep', version: 2, spec: {}, series: [], provenance: {} as never,
      lanes: [lane(resolveParams({ leverage: 2, trigger: 4 }), 0.05), lane(resolveParams({ leverage: 2, trigger: 6 }), NaN), lane(resolveParams({ leverage: 3, trigger: 6 }), Infinity)],
      skipped: [],
    };
    const text = formatSweepSummary(s);
    expect(text).not.toMatch(/NaN|Infinity/);
    expect(text).toMatch(/2 invalid/);
    const best = text.split('\n').find((l) => /^\d+\s/.test(l))!;
    expect(best).toMatch(/^0\s/);
  });

  it('report draws a lane whose result is NaN (written "NaN" in the results file) as invalid, not "—"', async () => {
    const results = join(dir, 'sweep.json');
    const data = write(dir, 'ok.csv', canonicalCsv(30));
    const s = await cli('sweep', '--data', data, '--leverage', '2', '--trigger', '4,6', '--out', results);
    expect(s.code, s.err).toBe(0);
    editLane(results, 1, (l) => {
      l.annualized = 'NaN';
      l.finalEquity = 'NaN';
    });
    const r = await cli('report', '--results', results);
    expect(r.code, r.err).toBe(0);
    const matrix = r.out.split('### Performance matrix')[1]!.split('###')[0]!;
    const row = matrix.split('\n').find((l) => /^\s*2x\s/.test(l))!;
    expect(row).toMatch(/invalid/);
    expect(row).not.toMatch(/—/);
    expect(r.out).not.toMatch(/\bNaN\b|\$null|null%/);
    const best = r.out.split('### Best trigger per leverage')[1]!.split('###')[0]!;
    expect(best).toMatch(/2x\s+4\s/);
  });
});

describe('harness/verdict/finite.ts', () => {
  it('invalidField names the first judged figure that is not finite, a JSON null included', async () => {
    const { invalidField, invalidReason, runStatus, firstNonFinite, withinBound } = await import('../../../harness/verdict/finite.js');
    const ok = lane(resolveParams({ leverage: 2, trigger: 4 }), 0.05);
    expect(invalidField(ok)).toBeNull();
    expect(runStatus(ok)).toBe('ok');
    expect(runStatus({ ...ok, ruined: true })).toBe('ruined');
    expect(invalidField({ ...ok, maxDrawdown: NaN })).toBe('maxDrawdown');
    expect(invalidField({ ...ok, finalEquity: null as unknown as number })).toBe('finalEquity');
    expect(invalidField({ ...ok, waterfall: { ...ok.waterfall, funding: -Infinity } })).toBe('waterfall.funding');
    expect(runStatus({ ...ok, ruined: true, annualized: Infinity })).toBe('invalid');
    expect(invalidReason({ ...ok, annualized: Infinity })).toBe('annualized is not a finite number (overflow)');
    expect(firstNonFinite({ a: [1, { b: 2n, c: NaN }] })).toEqual({ path: 'a[1].c', value: NaN });
    expect(firstNonFinite({ a: [1, { b: 2n }] })).toBeNull();
    expect(withinBound(NaN, {})).toBe(false);
    expect(withinBound(NaN, { max: 1 })).toBe(false);
    expect(withinBound(0.5, { min: 0, max: 1 })).toBe(true);
  });

  it('the best-trigger table shows an invalid neighbour as invalid, and it cannot make a peak isolated', async () => {
    const { bestPerLeverage, groupLanes } = await import('../../../harness/report/groups.js');
    const { bestSection } = await import('../../../harness/report/sections-grid.js');
    const g = groupLanes([lane(resolveParams({ leverage: 2, trigger: 3 }), NaN), lane(resolveParams({ leverage: 2, trigger: 4 }), 0.05), lane(resolveParams({ leverage: 2, trigger: 5 }), 0.049)]);
    const [b] = bestPerLeverage(g[0]!);
    expect(b!.best.result.params.trigger).toBe(4);
    expect(b!.isolated).toBe(false);
    const row = bestSection(g).tables[0]!.table.rows[0]!;
    expect(row[3]).toBe('3: invalid');
  });
});

describe('HTML: invalid is drawn as invalid, not as the skipped mark', () => {
  it('suite run --html: the heatmap marks the invalid configuration and the table prints invalid', async () => {
    const shocks = Array.from({ length: 160 }, (_, i) => ({ name: 'crash', params: { at: 5 + (i % 20), pct: 0.99 } }));
    const suite = write(dir, 'sink-html.json', JSON.stringify({
      name: 'sink', seed: 1,
      scenarios: [{ name: 'sink', kind: 'stress', count: 1, base: { kind: 'generated', params: { days: 30 } }, shocks }],
      grid: { venue: ['hl'], leverage: [2], trigger: [4, 6], model: ['rebalance'], convention: ['exact'], capital: [10000] },
    }));
    const html = join(dir, 'sink.html');
    const r = await cli('suite', 'run', suite, '--html', html);
    expect(r.code).toBe(3);
    const page = readFileSync(html, 'utf8');
    expect(page).not.toMatch(/>NaN</);
    expect(page).toMatch(/<td>invalid<\/td>/);
    expect(page).toMatch(/"invalid":\[\[true,true\]\]/);
  });
  it('report --format html: the heatmap data marks the invalid lane', async () => {
    const results = join(dir, 'sweep-html.json');
    const data = write(dir, 'ok-html.csv', canonicalCsv(30));
    expect((await cli('sweep', '--data', data, '--leverage', '2', '--trigger', '4,6', '--out', results)).code).toBe(0);
    editLane(results, 1, (l) => {
      l.annualized = 'NaN';
    });
    const r = await cli('report', '--results', results, '--format', 'html');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/"invalid":\[\[false,true\]\]/);
    expect(r.out).toContain("td.className = 'invalid'");
  });
});
