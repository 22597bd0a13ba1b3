/**
 * The scenario-suite HTML section in headless Chromium: the page opens offline without errors, the
 * heatmap shows the robust metric of every (group, trigger) exactly as the result JSON has it, and the
 * return-by-percentile chart is drawn with one series per robust configuration.
 */
import { describe, expect, it } from 'vitest';
import { repoPath } from '../../../engine/paths.js';
import { renderHtmlPage } from '../../../harness/report/html.js';
import { suiteSection } from '../../../harness/suite/html.js';
import { loadSuite } from '../../../harness/suite/load.js';
import { runSuite } from '../../../harness/suite/runner.js';
import { groupKey } from '../../../harness/suite/summary.js';
import { chromiumPath, MISSING_MESSAGE, openHtml } from '../report/browser.js';

const chromium = chromiumPath();

describe('suite HTML section in a browser', () => {
  it.runIf(chromium !== null)('shows the heatmap values and the percentile chart of the result', async () => {
    const result = await runSuite(loadSuite(repoPath('fixtures', 'suites', 'default.json')), { workers: 1 });
    const { section, data } = suiteSection(result);
    const { browser, page, errors, network } = await openHtml(renderHtmlPage({ title: 'suite', sections: [section], data }));
    try {
      expect(errors).toEqual([]);
      expect(network).toEqual([]);
      const all = await page.$$eval('#scenario-suite td[data-row][data-col][data-value]', (tds) =>
        tds.map((td) => ({ row: td.getAttribute('data-row'), col: td.getAttribute('data-col'), value: td.getAttribute('data-value')! })),
      );
      // 4 groups x 6 triggers; 3x/3 (trigger < 1.3 x leverage) was skipped in both venues: empty cells.
      expect(all).toHaveLength(24);
      const threeX = result.content.robust.filter((r) => r.leverage === 3).map((r) => `${r.group}/3`);
      expect(threeX).toHaveLength(2);
      expect(all.filter((x) => x.value === '').map((x) => `${x.row}/${x.col}`).sort()).toEqual(threeX.sort());
      const cells = all.filter((x) => x.value !== '').map((x) => ({ ...x, value: Number(x.value) }));
      const c = result.content;
      const expected = c.configurations.map((k) => ({ row: groupKey(k.params), col: k.params.trigger >= 999 ? 'never' : String(k.params.trigger), value: k.return.p5 }));
      expect(cells).toHaveLength(expected.length);
      for (const e of expected) expect(cells).toContainEqual(e);
      const series = await page.evaluate(() => (window as unknown as { dnhCharts: Record<string, { series: unknown[] }> }).dnhCharts['scenario-suite-return-curve']!.series.length);
      expect(series).toBe(c.robust.length + 1); // uPlot counts the x series too
    } finally {
      await browser.close();
    }
  });
  it('says whether the browser test ran', () => {
    if (chromium === null) console.log(MISSING_MESSAGE);
    expect(chromium === null || typeof chromium === 'string').toBe(true);
  });
});
