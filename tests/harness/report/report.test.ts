/**
 * The sweep report: `dnh sweep --out` then `dnh report` in every format; the matrix shows each lane's
 * annualised return (checked against single backtests), the best-trigger rule and the isolated-peak
 * flag follow their definitions on hand-made lanes, funding statistics match hand computations, and
 * the waterfall identity residual printed is ~0.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { backtest } from '../../../engine/backtest.js';
import { loadCanonicalCsv } from '../../../engine/data/csv.js';
import type { MarketRow } from '../../../engine/data/rows.js';
import { repoPath } from '../../../engine/paths.js';
import { resolveParams } from '../../../engine/model/params.js';
import type { BacktestResult } from '../../../engine/model/types.js';
import { runCli } from '../../../harness/cli/main.js';
import type { CliIo } from '../../../harness/cli/io.js';
import { bestPerLeverage, groupLanes } from '../../../harness/report/groups.js';
import { fundingCorrelation, fundingStats, monthlyFunding } from '../../../harness/report/sections-compare.js';
import { pct } from '../../../harness/report/table.js';
import { readSweepResults, type SweepResults } from '../../../harness/sweep/results.js';

const file = repoPath('fixtures', 'example', 'sol-synthetic-410d.csv');
const rows = loadCanonicalCsv(file);
const capture = () => {
  const io = { outText: '', errText: '', isTty: false, out: (t: string) => void (io.outText += t), err: (t: string) => void (io.errText += t) };
  return io as CliIo & { outText: string; errText: string };
};

describe('dnh report from saved sweep results', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dnh-report-'));
  const results = join(dir, 'results.json');
  let sweep: SweepResults;
  beforeAll(async () => {
    const io = capture();
    const code = await runCli(['sweep', '--data', file, '--leverage', '2,3', '--trigger', '3,4,6,never', '--venue', 'hl,drift', '--convention', 'exact,study', '--out', results], io);
    expect(code, io.errText).toBe(0);
    sweep = readSweepResults(results);
  });

  it('text: the matrix shows each lane\'s annualised return, and every section is there', async () => {
    const io = capture();
    expect(await runCli(['report', '--results', results], io), io.errText).toBe(0);
    for (const t of ['Performance matrix', 'Best trigger per leverage', 'Fee breakdown', 'Event logs', 'Long open fee sensitivity', 'P&L waterfall', 'Delta-neutral check', 'Venue comparison', 'Study vs exact accounting']) {
      expect(io.outText).toContain(`### ${t}`);
    }
    const lane = sweep.lanes.find((l) => l.params.convention === 'exact' && l.params.venue === 'drift' && l.params.leverage === 2 && l.params.trigger === 6)!;
    const line = io.outText.split('\n').filter((l) => l.includes('Drift, rebalance, exact')).length;
    expect(line).toBeGreaterThan(0);
    expect(io.outText).toContain(pct(backtest(rows, lane.params).annualized));
    const residuals = [...io.outText.matchAll(/identity residual +(-?[\d.e-]+)/g)].map((m) => Math.abs(Number(m[1])));
    expect(residuals.length).toBeGreaterThan(0);
    residuals.forEach((r) => expect(r).toBeLessThan(1e-6));
  });

  it('markdown, json and html formats; --out writes the file', async () => {
    const md = capture();
    expect(await runCli(['report', '--results', results, '--format', 'md'], md)).toBe(0);
    expect(md.outText).toMatch(/^# Delta-neutral sweep report/);
    expect(md.outText).toContain('| leverage | T=3 | T=4 | T=6 | T=never |');
    const js = capture();
    expect(await runCli(['report', '--results', results, '--format', 'json'], js)).toBe(0);
    const doc = JSON.parse(js.outText) as { sections: { id: string }[]; charts: Record<string, { values?: (number | null)[][]; lanes?: (number | null)[][] }> };
    expect(doc.sections.map((s) => s.id)).toContain('conventions');
    const heat = doc.charts['heat-0']!;
    heat.lanes!.forEach((row, i) => row.forEach((lane, j) => expect(heat.values![i]![j]).toBe(lane === null ? null : sweep.lanes[lane]!.annualized)));
    const out = join(dir, 'r.html');
    expect(await runCli(['report', '--results', results, '--format', 'html', '--out', out], capture())).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('the conventions section lists findings with a verdict each', async () => {
    const io = capture();
    await runCli(['report', '--results', results], io);
    const findings = io.outText.slice(io.outText.indexOf('findings'));
    expect(findings).toMatch(/best trigger .*(survives|does not survive)/);
  });

  it('a bad --select is a usage error', async () => {
    const io = capture();
    expect(await runCli(['report', '--results', results, '--select', '9999'], io)).toBe(2);
  });
});

describe('best trigger and isolated peaks', () => {
  // Complete lanes (every judged figure finite): a lane with a missing figure is invalid and never ranked.
  const base = backtest(rows, resolveParams({ leverage: 2 }));
  const lane = (trigger: number, annualized: number): BacktestResult => ({ ...base, params: resolveParams({ leverage: 2, trigger }), annualized });
  it('best = first strict maximum in ascending trigger; a peak 2 pp above both neighbours is isolated', () => {
    const g = groupLanes([lane(3, 0.01), lane(4, 0.05), lane(5, 0.05), lane(6, 0.0)]);
    const [b] = bestPerLeverage(g[0]!);
    expect(b!.best.result.params.trigger).toBe(4);
    expect(b!.isolated).toBe(false);
    const [c] = bestPerLeverage(groupLanes([lane(3, 0.01), lane(4, 0.04), lane(5, 0.015)])[0]!);
    expect(c!.isolated).toBe(true);
  });
});

describe('funding statistics', () => {
  const r = (date: string, funding: number): MarketRow => ({ date, open: 1, high: 1, low: 1, close: 1, funding, lendApy: 0, borrowApy: 0 });
  it('annualised mean, positive share, volatility, monthly sums and correlation (hand-computed)', () => {
    const a = [r('2025-01-31', 0.001), r('2025-02-01', -0.001), r('2025-02-02', 0.002), r('2025-02-03', 0)];
    const s = fundingStats(a);
    expect(s.annualisedMean).toBeCloseTo((0.002 / 4) * 365, 12);
    expect(s.positiveShare).toBe(0.5);
    // sample variance of [1,-1,2,0]e-3 around 0.5e-3: (0.25+2.25+2.25+0.25)/3 e-6
    expect(s.annualisedVol).toBeCloseTo(Math.sqrt((5 / 3) * 1e-6) * Math.sqrt(365), 12);
    expect([...monthlyFunding(a)]).toEqual([['2025-01', 0.001], ['2025-02', 0.001]]);
    const b = a.map((x) => ({ ...x, funding: -2 * x.funding + 1e-4 }));
    expect(fundingCorrelation(a, b)).toBeCloseTo(-1, 12);
  });
});
