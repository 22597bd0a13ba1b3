/**
 * The sweep report's sections in headless Chromium at 1,400 px (screenshots of each section go to a
 * temp dir only): the waterfall's bars float at the running totals of the run's terms (data and pixel
 * positions), with the identity residual as its own bar and a value axis; the date labels of every
 * time chart do not overlap; every heatmap has a colour legend whose bins hold its cells; money in
 * charts prints with a leading minus; the drawdown and funding charts are drawn; no table makes the
 * page wider than the window, and the parameters block is not clipped.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtest } from '../../../engine/backtest.js';
import { buildReport } from '../../../harness/report/build.js';
import { renderReport } from '../../../harness/report/render.js';
import { waterfallTerms } from '../../../harness/report/waterfall-terms.js';
import type { SweepResults } from '../../../harness/sweep/results.js';
import { EXAMPLE_FILE, exampleRows, exampleSweepResults } from '../../helpers/exampleSweep.js';
import { chromiumPath, MISSING_MESSAGE, openHtml, type OpenedPage } from './browser.js';
import { expectFitsPage, expectNoOverlap, heatmapLegendHoldsCells } from './layout-checks.js';

const browser = chromiumPath();
const file = EXAMPLE_FILE;
const rows = exampleRows;
const shots = mkdtempSync(join(tmpdir(), 'dnh-shots-'));


describe('sweep report sections in headless Chromium at 1,400 px', () => {
  it('says whether Chromium is available', () => {
    const message = browser ? `section screenshots in ${shots}` : MISSING_MESSAGE;
    console.log(message);
    expect(message.length).toBeGreaterThan(0);
  });

  describe.runIf(browser)('the page', () => {
    let sweep: SweepResults;
    let opened: OpenedPage;
    beforeAll(async () => {
      sweep = await exampleSweepResults();
      opened = await openHtml(renderReport(buildReport(sweep, { hl: rows, drift: rows }), 'html'), { width: 1400, height: 900 });
    });
    afterAll(async () => {
      await opened?.browser.close();
    });

    it('opens without errors; every section screenshots (temp dir only)', async () => {
      expect(opened.errors).toEqual([]);
      const ids = await opened.page.$$eval('section', (els) => els.map((e) => e.id));
      expect(ids).toEqual(expect.arrayContaining(['matrix', 'waterfall', 'equity', 'drawdown', 'venues']));
      for (const id of ids) {
        const shot = await opened.page.locator(`section#${id}`).screenshot({ path: join(shots, `${id}.png`) });
        expect(shot.length, id).toBeGreaterThan(1000);
      }
    });

    it('waterfall: bars at the running totals of the run\'s terms, the identity residual as a bar, a value axis', async () => {
      const lane = await opened.page.evaluate(() => (window as unknown as { dnhData: Record<string, { lane: number }> }).dnhData['waterfall-0']!.lane);
      const r = backtest(rows, sweep.lanes[lane]!.params);
      const bars = await opened.page.$$eval('[data-key="waterfall-0"] .dnh-wf-bar', (els) =>
        els.map((e) => {
          const b = e.getBoundingClientRect();
          return { label: e.getAttribute('data-label')!, value: Number(e.getAttribute('data-value')), start: Number(e.getAttribute('data-start')), end: Number(e.getAttribute('data-end')), top: b.top, bottom: b.bottom };
        }),
      );
      const terms = waterfallTerms(r.waterfall);
      expect(bars.map((b) => b.label)).toEqual(['capital', ...terms.map(([k]) => k), 'identity residual', 'final equity']);
      // Running totals recomputed here from the run's own waterfall.
      let run = r.params.capital;
      terms.forEach(([, v], i) => {
        const b = bars[i + 1]!;
        expect(b.start).toBeCloseTo(run, 9);
        run += v;
        expect(b.end).toBeCloseTo(run, 9);
      });
      const residual = bars[bars.length - 2]!;
      expect(residual.value).toBeCloseTo(r.finalEquity - r.params.capital - terms.reduce((a, [, v]) => a + v, 0), 12);
      expect(residual.end).toBeCloseTo(r.finalEquity, 9);
      // Pixels: each term bar starts where the previous one ended (within a pixel).
      const yEnd = (b: (typeof bars)[number]) => (b.value >= 0 ? b.top : b.bottom);
      const yStart = (b: (typeof bars)[number]) => (b.value >= 0 ? b.bottom : b.top);
      for (let i = 1; i < bars.length - 2; i++) {
        if (Math.abs(bars[i + 1]!.value) < 1e-6 || Math.abs(bars[i]!.value) < 1e-6) continue;
        expect(Math.abs(yEnd(bars[i]!) - yStart(bars[i + 1]!)), `${bars[i]!.label} -> ${bars[i + 1]!.label}`).toBeLessThanOrEqual(1.5);
      }
      // The largest term is drawn visibly tall (not a sliver beside $10,000).
      const tallest = Math.max(...bars.slice(1, -2).map((b) => b.bottom - b.top));
      expect(tallest).toBeGreaterThan(60);
      const ticks = await opened.page.$$eval('[data-key="waterfall-0"] .dnh-wf-tick', (els) => els.map((e) => e.textContent!));
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      ticks.forEach((t) => expect(t).toMatch(/^-?\$[\d,]+(\.\d+)?$/));
      const values = await opened.page.$$eval('[data-key="waterfall-0"] .dnh-wf-value', (els) => els.map((e) => e.textContent!));
      expect(values.some((v) => v.startsWith('-$'))).toBe(true);
      expect(values.some((v) => v.includes('$-'))).toBe(false);
    });

    it('time charts: month labels under the equity, drawdown and funding charts, none overlapping', async () => {
      for (const key of ['equity', 'drawdown', 'funding-rolling', 'funding-cumulative']) {
        const boxes = await opened.page.$$eval(`[data-key="${key}"] .dnh-xtick`, (els) => els.map((e) => { const b = e.getBoundingClientRect(); return { text: e.textContent!, left: b.left, right: b.right, top: b.top, bottom: b.bottom }; }));
        expect(boxes.length, key).toBeGreaterThanOrEqual(4);
        boxes.forEach((b) => expect(b.text).toMatch(/^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)( \d{4})?$/));
        expectNoOverlap(boxes, key);
      }
    });

    it('the equity legend lists the runs only (no stray entry for the x series)', async () => {
      const items = await opened.page.$$eval('[data-key="equity"] .dnh-legend-item', (els) => els.map((e) => e.textContent!));
      const series = await opened.page.evaluate(() => (window as unknown as { dnhData: Record<string, { series: { label: string }[] }> }).dnhData.equity!.series.map((s) => s.label));
      expect(items).toEqual(series);
      expect(await opened.page.$$eval('[data-key="equity"] .u-legend', (els) => els.length)).toBe(0);
    });

    it('drawdown chart: the underwater curve of each run, never above 0, its minimum = -maxDrawdown', async () => {
      const d = await opened.page.evaluate(() => (window as unknown as { dnhData: Record<string, { series: { lane: number; values: number[] }[] }> }).dnhData.drawdown!.series);
      expect(d.length).toBeGreaterThan(0);
      for (const s of d) {
        expect(Math.max(...s.values)).toBeLessThanOrEqual(0);
        expect(Math.min(...s.values)).toBeCloseTo(-backtest(rows, sweep.lanes[s.lane]!.params).maxDrawdown, 9);
      }
    });

    it('heatmaps: a colour legend whose bins hold every cell, diverging at 0', async () => {
      const n = await opened.page.$$eval('.dnh-heatmap', (els) => els.length);
      expect(n).toBeGreaterThanOrEqual(4);
      for (let i = 0; i < n; i++) await heatmapLegendHoldsCells(opened.page, `.dnh-heatmap >> nth=${i}`);
    });

    it('venue comparison: charts of the best annualised return per leverage and venue (recomputed from the lanes)', async () => {
      const d = await opened.page.evaluate(() => (window as unknown as { dnhData: Record<string, { xLabels: string[]; series: { label: string; values: number[] }[] }> }).dnhData['venue-best-0']!);
      expect(d.xLabels).toEqual(['2x', '3x']);
      for (const s of d.series) {
        d.xLabels.forEach((lev, i) => {
          const best = Math.max(...sweep.lanes.filter((l) => l.params.convention === 'exact' && l.params.venue === s.label && `${l.params.leverage}x` === lev).map((l) => l.annualized));
          expect(s.values[i]).toBe(best);
        });
      }
      const drawn = await opened.page.$$eval('#venues .dnh-chart canvas', (c) => c.length);
      expect(drawn).toBeGreaterThanOrEqual(4);
    });

    it('tables fit the page: body not wider than the window, the parameters block not clipped', async () => {
      await expectFitsPage(opened.page);
    });
  });
});
