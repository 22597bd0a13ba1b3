/** Layout assertions shared by the report and suite page browser tests. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export interface Box { text: string; left: number; right: number; top: number; bottom: number }

/** No two boxes intersect (labels on one axis). */
export function expectNoOverlap(boxes: readonly Box[], where: string): void {
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!, b = boxes[j]!;
      const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      expect(overlap, `${where}: "${a.text}" overlaps "${b.text}"`).toBe(false);
    }
  }
}

/** The page is no wider than the window; no `pre` block is clipped. */
export async function expectFitsPage(page: Page): Promise<void> {
  const w = await page.evaluate(() => ({ scroll: document.body.scrollWidth, client: document.body.clientWidth, doc: document.documentElement.scrollWidth, win: window.innerWidth }));
  expect(w.scroll).toBeLessThanOrEqual(w.client);
  expect(w.doc).toBeLessThanOrEqual(w.win);
  const pres = await page.$$eval('pre', (els) => els.map((e) => [e.scrollWidth, e.clientWidth]));
  for (const [s, c] of pres) expect(s).toBeLessThanOrEqual(c!);
  // Every table sits in a box no wider than the page (wide ones scroll inside it).
  const boxes = await page.$$eval('table', (els) => els.map((t) => { const p = t.closest('.dnh-scroll'); return p ? p.getBoundingClientRect().right : Infinity; }));
  for (const right of boxes) expect(right).toBeLessThanOrEqual(w.client);
}

/** A heatmap's colour legend exists, diverges at 0, and each cell's colour is that of the legend bin holding its value. */
export async function heatmapLegendHoldsCells(page: Page, selector: string): Promise<void> {
  const r = await page.locator(selector).evaluate((el) => {
    const sw = [...el.querySelectorAll('.dnh-colour-legend .dnh-swatch')].map((s) => ({ lo: Number(s.getAttribute('data-lo')), hi: Number(s.getAttribute('data-hi')), colour: getComputedStyle(s).backgroundColor }));
    const cells = [...el.querySelectorAll('td[data-value]')].filter((td) => td.getAttribute('data-value') !== '' && !td.classList.contains('invalid')).map((td) => ({ v: Number(td.getAttribute('data-value')), colour: getComputedStyle(td).backgroundColor }));
    return { sw, cells };
  });
  expect(r.sw.length).toBeGreaterThan(0);
  // Sorted, adjacent bins, negatives below 0 and positives above.
  for (let i = 1; i < r.sw.length; i++) expect(r.sw[i]!.lo).toBeCloseTo(r.sw[i - 1]!.hi, 12);
  for (const s of r.sw) expect(s.hi > 0 ? s.lo >= 0 : s.hi <= 0).toBe(true);
  for (const c of r.cells) {
    if (c.v === 0) continue;
    const bin = r.sw.find((s) => (c.v > 0 ? c.v > s.lo && c.v <= s.hi : c.v >= s.lo && c.v < s.hi));
    expect(bin, `cell ${c.v} in a legend bin`).toBeDefined();
    expect(c.colour).toBe(bin!.colour);
  }
  // More than one shade on the good side when there are several positive values: good vs very good.
  const posColours = new Set(r.cells.filter((c) => c.v > 0).map((c) => c.colour));
  const nPos = new Set(r.cells.filter((c) => c.v > 0).map((c) => c.v)).size;
  if (nPos >= 2) expect(posColours.size).toBeGreaterThanOrEqual(2);
}
