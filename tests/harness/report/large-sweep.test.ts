/**
 * A sweep of more than `LARGE_SWEEP_LANES` lanes is summarised instead of drawn whole: no per-series
 * heatmaps; the top configurations are the best lanes by annualised return; each varying axis has a
 * marginal chart whose best and median per value are recomputed here from the lanes; the one heatmap
 * (leverage x trigger) holds the lanes with every other axis at the best lane's value, at most
 * `MAX_HEAT_AXIS` values per axis; the HTML page stays small, opens without errors and fits 1,400 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCanonicalCsv } from '../../../engine/data/csv.js';
import { repoPath } from '../../../engine/paths.js';
import { buildReport } from '../../../harness/report/build.js';
import { renderReport } from '../../../harness/report/render.js';
import { LARGE_SWEEP_LANES, MAX_HEAT_AXIS, thin } from '../../../harness/report/sections-large.js';
import { expandGrid } from '../../../harness/sweep/grid.js';
import { runSweep } from '../../../harness/sweep/pool.js';
import { laneSummary, seriesInfo, type SweepResults } from '../../../harness/sweep/results.js';
import { provenance } from '../../../harness/io/provenance.js';
import { chromiumPath, openHtml, type OpenedPage } from './browser.js';
import { expectFitsPage, heatmapLegendHoldsCells } from './layout-checks.js';

const file = repoPath('fixtures', 'example', 'sol-synthetic-410d.csv');
const rows = loadCanonicalCsv(file).slice(0, 120);
const range = (a: number, b: number, s: number) => Array.from({ length: Math.round((b - a) / s) + 1 }, (_, i) => Math.round((a + i * s) * 100) / 100);

let sweep: SweepResults;
let model: ReturnType<typeof buildReport>;
let html: string;

beforeAll(async () => {
  const spec = { leverage: range(1.5, 4.5, 0.25), trigger: range(2, 60, 0.5), venue: ['hl', 'drift'] as ('hl' | 'drift')[], convention: ['exact'] as 'exact'[] };
  const { lanes, skipped } = expandGrid(spec);
  const results = await runSweep({ hl: rows, drift: rows }, lanes, { workers: 1 });
  sweep = { kind: 'dnh-sweep', version: 2, spec, series: [seriesInfo('hl', file, rows), seriesInfo('drift', file, rows)], lanes: results.map(laneSummary), skipped, provenance: provenance([{ role: 'data-hl', path: file }, { role: 'data-drift', path: file }], spec, ['exact']) };
  model = buildReport(sweep, { hl: rows, drift: rows });
  html = renderReport(model, 'html');
}, 120_000);

describe('a large sweep is summarised', () => {
  it('more lanes than the threshold: a summary section instead of the matrix', () => {
    expect(sweep.lanes.length).toBeGreaterThan(LARGE_SWEEP_LANES);
    const ids = model.sections.map((s) => s.id);
    expect(ids).toContain('summary');
    expect(ids).not.toContain('matrix');
  });

  it('top configurations are the best lanes by annualised return', () => {
    const top = model.sections.find((s) => s.id === 'summary')!.tables[0]!.table.rows.map((r) => Number(r[0]));
    const want = sweep.lanes.map((l, i) => ({ a: l.annualized, i })).sort((x, y) => y.a - x.a || x.i - y.i).slice(0, top.length).map((x) => x.i);
    expect(top).toEqual(want);
  });

  it('marginal charts: best and median per axis value, recomputed from the lanes', () => {
    const m = model.chartData['marginal-leverage'] as { xLabels: string[]; series: { values: number[] }[] };
    const levs = [...new Set(sweep.lanes.map((l) => l.params.leverage))].sort((a, b) => a - b);
    expect(m.xLabels).toEqual(levs.map((l) => `${l}x`));
    levs.forEach((lev, i) => {
      const xs = sweep.lanes.filter((l) => l.params.leverage === lev).map((l) => l.annualized).sort((a, b) => a - b);
      expect(m.series[0]!.values[i]).toBe(xs[xs.length - 1]);
      const n = xs.length;
      expect(m.series[1]!.values[i]).toBe(n % 2 ? xs[(n - 1) / 2] : (xs[n / 2 - 1]! + xs[n / 2]!) / 2);
    });
    expect(model.chartData['marginal-venue']).toBeDefined();
    expect(model.chartData['marginal-convention']).toBeUndefined(); // one value: not an axis of this grid
  });

  it('heatmap: leverage x trigger at the best lane\'s venue, at most MAX_HEAT_AXIS values per axis, the best kept', () => {
    const h = model.chartData['summary-heat'] as { rows: string[]; cols: string[]; values: (number | null)[][]; lanes: (number | null)[][] };
    expect(h.rows.length).toBeLessThanOrEqual(MAX_HEAT_AXIS);
    expect(h.cols.length).toBeLessThanOrEqual(MAX_HEAT_AXIS);
    const best = sweep.lanes.reduce((a, b) => (b.annualized > a.annualized ? b : a));
    h.lanes.flat().forEach((i, k) => {
      if (i === null) return;
      expect(sweep.lanes[i]!.params.venue).toBe(best.params.venue);
      expect(h.values.flat()[k]).toBe(sweep.lanes[i]!.annualized);
    });
    expect(h.values.flat()).toContain(best.annualized);
    expect(thin([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4, 5)).toContain(5);
    expect(thin([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4, 5)).toHaveLength(4);
  });

  it('the page is small (well under 1 MB)', () => {
    console.log(`${sweep.lanes.length} lanes: HTML page ${(html.length / 1024).toFixed(0)} KB`);
    expect(html.length).toBeLessThan(1_000_000);
  });

  describe.runIf(chromiumPath())('in headless Chromium at 1,400 px', () => {
    let opened: OpenedPage;
    beforeAll(async () => {
      opened = await openHtml(html, { width: 1400, height: 900 });
    });
    afterAll(async () => {
      await opened?.browser.close();
    });
    it('opens without errors, the heatmap has its legend, nothing overflows', async () => {
      expect(opened.errors).toEqual([]);
      await heatmapLegendHoldsCells(opened.page, '#summary .dnh-heatmap');
      await expectFitsPage(opened.page);
    });
  });
});
