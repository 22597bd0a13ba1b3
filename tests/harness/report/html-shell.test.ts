/**
 * The page shell: section ids must be unique, text is escaped, and embedded data cannot break out of
 * its script element (a `</script>` inside a string stays data); the Chromium test below it checks the
 * same page in a browser when one is installed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { chartDiv, escapeHtml, jsonForScript, renderHtmlPage } from '../../../harness/report/html.js';
import { chromiumPath, MISSING_MESSAGE, openHtml, type OpenedPage } from './browser.js';

const nasty = '</script><script>window.pwned = 1</script><!-- & \u2028';
const page = () =>
  renderHtmlPage({
    title: 'T <b>',
    sections: [
      { id: 'a', title: 'Heat & map', html: chartDiv('heatmap', 'h') },
      { id: 'b', title: 'Line', html: chartDiv('line', 'l') },
    ],
    data: {
      h: { rows: ['2x'], cols: ['3', '4'], values: [[0.05, null]], format: 'pct' },
      l: { x: [0, 1, 2], xLabels: ['d0', 'd1', 'd2'], series: [{ label: nasty, values: [1, 2, 3] }] },
      s: nasty,
      inf: Infinity,
    },
  });

describe('renderHtmlPage', () => {
  it('rejects duplicate section ids', () => {
    expect(() => renderHtmlPage({ title: 't', sections: [{ id: 'x', title: '1', html: '' }, { id: 'x', title: '2', html: '' }], data: {} })).toThrow(/duplicate section id/);
  });
  it('escapes text and keeps embedded JSON inside its script element', () => {
    const html = page();
    expect(escapeHtml('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
    expect(html).toContain('<title>T &lt;b&gt;</title>');
    expect(jsonForScript({ s: nasty })).not.toMatch(/<\/script|<!--/i);
    expect(JSON.parse(jsonForScript({ s: nasty, inf: Infinity }))).toEqual({ s: nasty, inf: null });
    expect(html).not.toContain('<script>window.pwned');
  });
  it('needs no network: no src= or href= to anything outside the page', () => {
    expect(page()).not.toMatch(/\s(src|href)="(?!#)/);
  });

  const browser = chromiumPath();
  it('says whether Chromium is available', () => {
    const message = browser ? `page-shell browser test runs with ${browser}` : MISSING_MESSAGE;
    console.log(message);
    expect(message).toMatch(browser ? /runs with \// : /^not run: chromium missing/);
  });
  describe.runIf(browser)('in Chromium', () => {
    let opened: OpenedPage | undefined;
    afterAll(async () => opened?.browser.close());
    it('round-trips the data, draws the charts and runs no injected script', async () => {
      opened = await openHtml(page());
      expect(opened.errors).toEqual([]);
      const got = await opened.page.evaluate(() => {
        const w = window as unknown as { dnhData: { s: string }; pwned?: number; dnhCharts: Record<string, unknown> };
        return { s: w.dnhData.s, pwned: w.pwned ?? 0, line: 'l' in w.dnhCharts, cell: document.querySelector('td[data-col="3"]')?.textContent, empty: document.querySelector('td[data-col="4"]')?.className };
      });
      expect(got).toEqual({ s: nasty, pwned: 0, line: true, cell: '5.0%', empty: 'null' });
    });
  });
});
