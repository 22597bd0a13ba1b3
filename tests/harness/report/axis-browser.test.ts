/**
 * The page's x axis in headless Chromium: six years of daily dates (2,190 points, 72 month starts in
 * about 1,100 px, far too many to print all) get thinned month labels that never overlap and still
 * span the range; categories (300 configuration labels) likewise. Labels are DOM elements, so their
 * bounding boxes are measured, not guessed.
 */
import { describe, expect, it } from 'vitest';
import { chartDiv, renderHtmlPage } from '../../../harness/report/html.js';
import { chromiumPath, MISSING_MESSAGE, openHtml } from './browser.js';
import { expectNoOverlap } from './layout-checks.js';

const browser = chromiumPath();

function dates(n: number): string[] {
  const t0 = Date.UTC(2020, 0, 1);
  return Array.from({ length: n }, (_, i) => new Date(t0 + i * 86_400_000).toISOString().slice(0, 10));
}

describe('x axis labels', () => {
  it('says whether Chromium is available', () => {
    if (!browser) console.log(MISSING_MESSAGE);
    expect(browser === null || typeof browser === 'string').toBe(true);
  });

  it.runIf(browser)('six years of days and 300 categories: thinned labels, none overlapping, spanning the range', async () => {
    const d = dates(2190);
    const data = {
      long: { x: d.map((_, i) => i), xLabels: d, format: 'usd', series: [{ label: 'equity', values: d.map((_, i) => 10_000 + 50 * Math.sin(i / 40) - i) }] },
      cats: { x: Array.from({ length: 300 }, (_, i) => i), xLabels: Array.from({ length: 300 }, (_, i) => `hl ${2 + (i % 5)}x/${i}`), format: 'pct', series: [{ label: 'p50', values: Array.from({ length: 300 }, (_, i) => i / 1000 - 0.1) }] },
    };
    const html = renderHtmlPage({ title: 'axis', sections: [{ id: 'a', title: 'A', html: chartDiv('line', 'long') + chartDiv('line', 'cats') }], data });
    const { browser: b, page, errors } = await openHtml(html, { width: 1400, height: 900 });
    try {
      expect(errors).toEqual([]);
      for (const key of ['long', 'cats']) {
        const boxes = await page.$$eval(`[data-key="${key}"] .dnh-xtick`, (els) => els.map((e) => { const r = e.getBoundingClientRect(); return { text: e.textContent!, left: r.left, right: r.right, top: r.top, bottom: r.bottom, x: Number(e.getAttribute('data-x')) }; }));
        expect(boxes.length, key).toBeGreaterThanOrEqual(5);
        expectNoOverlap(boxes, key);
        const xs = boxes.map((x) => x.x);
        expect(Math.max(...xs) - Math.min(...xs), key).toBeGreaterThan(key === 'long' ? 1500 : 200);
      }
      const years = await page.$$eval('[data-key="long"] .dnh-xtick', (els) => els.map((e) => e.textContent!).filter((t) => /\d{4}$/.test(t)));
      expect(years.length).toBeGreaterThanOrEqual(5);
      const yTicks = await page.evaluate(() => (window as unknown as { dnhCharts: Record<string, { axes: { _values?: string[] }[] }> }).dnhCharts.long!.axes[1]!._values ?? []);
      yTicks.forEach((t) => expect(t).toMatch(/^-?\$[\d,]+$/));
    } finally {
      await b.close();
    }
  });
});
