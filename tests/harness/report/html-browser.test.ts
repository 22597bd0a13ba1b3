/**
 * The HTML sweep report opens offline in headless Chromium with no console errors and no network
 * requests, and its charts hold the sweep's numbers: heatmap cells are the lanes' annualised returns,
 * waterfall bars the run's waterfall terms, equity curves the run's equity series (recomputed here by
 * single `backtest()` runs, independently of the report).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtest } from '../../../engine/backtest.js';
import { buildReport } from '../../../harness/report/build.js';
import { renderReport } from '../../../harness/report/render.js';
import type { SweepResults } from '../../../harness/sweep/results.js';
import { EXAMPLE_FILE, exampleRows, exampleSweepResults } from '../../helpers/exampleSweep.js';
import { chromiumPath, MISSING_MESSAGE, openHtml, type OpenedPage } from './browser.js';

const browser = chromiumPath();
const file = EXAMPLE_FILE;
const rows = exampleRows;


describe('HTML report in headless Chromium', () => {
  it('says whether Chromium is available', () => {
    const message = browser ? `HTML report tests run with ${browser}` : MISSING_MESSAGE;
    console.log(message);
    expect(message.length).toBeGreaterThan(0);
  });

  describe.runIf(browser)('the page', () => {
    let sweep: SweepResults;
    let opened: OpenedPage;
    beforeAll(async () => {
      sweep = await exampleSweepResults();
      const html = renderReport(buildReport(sweep, { hl: rows, drift: rows }), 'html');
      opened = await openHtml(html);
    });
    afterAll(async () => {
      await opened?.browser.close();
    });

    it('opens offline with no console errors and no network request', () => {
      expect(opened.errors).toEqual([]);
      expect(opened.network).toEqual([]);
    });

    it('has every report section', async () => {
      const ids = await opened.page.$$eval('section', (els) => els.map((e) => e.id));
      expect(ids).toEqual(expect.arrayContaining(['matrix', 'best', 'fees', 'events', 'fee-sensitivity', 'waterfall', 'delta', 'equity', 'venues', 'conventions']));
    });

    it('heatmap cells hold the lanes\' annualised returns', async () => {
      const checked = [0, 3, 7, sweep.lanes.length - 1].map((i) => sweep.lanes[i]!);
      const groups = await opened.page.$$eval('.dnh-heatmap', (els) => els.map((e) => e.getAttribute('data-key')!));
      expect(groups.length).toBeGreaterThanOrEqual(4);
      for (const lane of checked) {
        const p = lane.params;
        const expected = backtest(rows, p).annualized;
        const values = await opened.page.$$eval(
          `.dnh-heatmap td[data-row="${p.leverage}x"][data-col="${p.trigger >= 999 ? 'never' : p.trigger}"]`,
          (tds) => tds.map((td) => Number(td.getAttribute('data-value'))),
        );
        expect(values).toContain(expected);
      }
      const shown = await opened.page.$eval('.dnh-heatmap td[data-value]:not([data-value=""])', (td) => [td.textContent, td.getAttribute('data-value')]);
      expect(shown[0]).toBe(`${(Number(shown[1]) * 100).toFixed(1)}%`);
    });

    it('skipped combinations show as empty cells', async () => {
      const empties = await opened.page.$$eval('.dnh-heatmap td.null', (tds) => tds.length);
      expect(empties).toBeGreaterThan(0);
    });

    it('waterfall bars hold the run\'s waterfall terms', async () => {
      const data = await opened.page.evaluate(() => (window as unknown as { dnhData: Record<string, { lane: number }> }).dnhData['waterfall-0']!.lane);
      const r = backtest(rows, sweep.lanes[data]!.params);
      const bars = await opened.page.$$eval('[data-key="waterfall-0"] .dnh-wf-bar', (els) => els.map((e) => [e.getAttribute('data-label'), Number(e.getAttribute('data-value'))] as const));
      const w = r.waterfall;
      const { 'identity residual': residual, ...rest } = Object.fromEntries(bars);
      expect(rest).toEqual({
        capital: r.params.capital, 'lend income': w.lendIncome, 'borrow interest': 0 - w.borrowInterest, funding: w.funding, fees: 0 - w.fees,
        'transfer costs': 0 - w.transferCosts, penalties: 0 - w.penalties, 'price P&L': w.pricePnl, 'bad debt': w.badDebt, 'final equity': r.finalEquity,
      });
      // The page's residual bar: end - start - sum of the terms (the accounting closes to rounding).
      expect(Math.abs(residual!)).toBeLessThan(1e-6);
    });

    it('equity curves hold the runs\' equity series', async () => {
      const series = await opened.page.evaluate(() => {
        const w = window as unknown as { dnhCharts: Record<string, { data: number[][] }>; dnhData: Record<string, { series: { lane: number }[] }> };
        return { lanes: w.dnhData.equity!.series.map((s) => s.lane), data: w.dnhCharts.equity!.data.slice(1) };
      });
      expect(series.lanes.length).toBeGreaterThan(0);
      series.lanes.forEach((lane, k) => {
        expect(series.data[k], `lane ${lane}`).toEqual(backtest(rows, sweep.lanes[lane]!.params, { equity: true }).equity);
      });
      const canvases = await opened.page.$$eval('[data-key="equity"] canvas', (c) => c.length);
      expect(canvases).toBeGreaterThan(0);
    });
  });
});
