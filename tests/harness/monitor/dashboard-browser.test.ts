/**
 * The monitor's dashboard in headless Chromium (Debian's `chromium` via playwright-core), served by the
 * monitor on loopback and fed by its WebSocket: it opens with no console error and no request beyond the
 * monitor; gauge, collateral and positions table hold the snapshot's values; the health value changes as
 * the scripted price path moves; screenshots show the gauge in the colour of its level (green, then
 * amber, then red) and a positions table with one row per position; after the server drops the
 * connection the page reconnects by itself and shows the next update.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDemo, type Demo } from '../../../harness/monitor/demo.js';
import { createLogger } from '../../../harness/monitor/log.js';
import { startMonitorServer, type MonitorServer } from '../../../harness/monitor/server.js';
import { CHROMIUM_ARGS, chromiumPath, MISSING_MESSAGE } from '../report/browser.js';

const browserPath = chromiumPath();

/** Count a screenshot's pixels near each colour (decoded by the page's own canvas). */
async function colourCounts(page: Page, png: Buffer, colours: Record<string, [number, number, number]>): Promise<Record<string, number> & { width: number; height: number; distinct: number }> {
  return page.evaluate(async ({ b64, colours }) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const out: Record<string, number> = { width: c.width, height: c.height };
    const seen = new Set<number>();
    for (const k of Object.keys(colours)) out[k] = 0;
    for (let i = 0; i < d.length; i += 4) {
      seen.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
      for (const [k, [r, g, b]] of Object.entries(colours)) {
        if (Math.abs(d[i]! - r) + Math.abs(d[i + 1]! - g) + Math.abs(d[i + 2]! - b) < 30) out[k]!++;
      }
    }
    out.distinct = seen.size;
    return out;
  }, { b64: png.toString('base64'), colours }) as Promise<Record<string, number> & { width: number; height: number; distinct: number }>;
}

const GAUGE = { green: [0x3f, 0xb9, 0x50], amber: [0xd2, 0x99, 0x22], red: [0xf8, 0x51, 0x49] } as Record<string, [number, number, number]>;

describe('monitor dashboard in headless Chromium', () => {
  it('says whether Chromium is available', () => {
    const message = browserPath ? `dashboard tests run with ${browserPath}` : MISSING_MESSAGE;
    console.log(message);
    expect(message.length).toBeGreaterThan(0);
  });

  describe.runIf(browserPath)('the page', () => {
    let demo: Demo;
    let server: MonitorServer;
    let browser: Browser;
    let page: Page;
    const errors: string[] = [];
    const network: string[] = [];

    /** Step the demo until `until(health)`; wait for the page to show that snapshot. */
    async function stepUntil(until: (health: number) => boolean): Promise<number> {
      for (let k = 0; k < 40; k++) {
        const s = await demo.step();
        if (s && until(s.figures!.health)) {
          await page.waitForSelector(`body[data-seq="${s.seq}"]`, { timeout: 10_000 });
          return s.figures!.health;
        }
      }
      throw new Error('the price path never reached the wanted health');
    }

    beforeAll(async () => {
      demo = await startDemo({ logger: createLogger('browser', { level: 'silent' }), runId: 'browser' });
      server = await startMonitorServer({ monitor: demo.monitor, logger: createLogger('browser', { level: 'silent' }), port: 0 });
      browser = await chromium.launch({ executablePath: browserPath!, args: CHROMIUM_ARGS, headless: true });
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      const origin = server.url.replace(/\/$/, '');
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
        network.push(url);
        return route.abort();
      });
      await page.goto(server.url);
      await page.waitForSelector('body[data-dnh-ready="1"]', { timeout: 20_000 });
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('opens with no console error and no request beyond the monitor', () => {
      expect(errors).toEqual([]);
      expect(network).toEqual([]);
    });

    it('shows the snapshot: gauge, collateral, positions with liquidation prices', async () => {
      const s = demo.monitor.current!;
      expect(await page.getAttribute('#gauge', 'data-health')).toBe(String(s.figures!.health));
      expect(await page.textContent('#health-value')).toBe(String(s.figures!.health));
      expect(Number(await page.getAttribute('#free-collateral', 'data-value'))).toBe(s.figures!.freeCollateral);
      expect(Number(await page.getAttribute('#total-collateral', 'data-value'))).toBe(s.figures!.totalCollateral);
      const rows = await page.$$eval('#positions tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-market'), tr.getAttribute('data-liq'), tr.getAttribute('data-distance')]));
      expect(rows).toEqual(s.positions.map((p) => [p.market, p.liquidationPrice === null ? '' : String(p.liquidationPrice), p.distanceToLiquidation === null ? '' : String(p.distanceToLiquidation)]));
      expect(rows.length).toBe(8);
      expect(await page.$$eval('#balances tbody tr', (trs) => trs.length)).toBe(2);
      expect(await page.getAttribute('#status', 'data-state')).toBe('open');
    });

    it('health follows the price path; screenshots show the gauge colour of each level and the positions table', async () => {
      const shots: Record<string, number>[] = [];
      const start = Number(await page.getAttribute('#gauge', 'data-health'));
      expect(start).toBeGreaterThanOrEqual(50);
      shots.push(await colourCounts(page, await page.locator('#gauge').screenshot(), GAUGE));
      const warning = await stepUntil((h) => h < 50 && h >= 20);
      expect(Number(await page.getAttribute('#gauge', 'data-health'))).toBe(warning);
      expect(warning).not.toBe(start);
      expect(await page.getAttribute('#gauge', 'data-level')).toBe('warning');
      shots.push(await colourCounts(page, await page.locator('#gauge').screenshot(), GAUGE));
      const critical = await stepUntil((h) => h < 20);
      expect(Number(await page.textContent('#health-value'))).toBe(critical);
      expect(await page.getAttribute('#gauge', 'data-level')).toBe('critical');
      shots.push(await colourCounts(page, await page.locator('#gauge').screenshot(), GAUGE));
      const [ok, warn, crit] = shots as [Record<string, number>, Record<string, number>, Record<string, number>];
      expect(ok.green).toBeGreaterThan(200);
      expect(ok.amber + ok.red).toBeLessThan(20);
      expect(warn.amber).toBeGreaterThan(100);
      expect(warn.green + warn.red).toBeLessThan(20);
      expect(crit.red).toBeGreaterThan(20);
      expect(crit.green + crit.amber).toBeLessThan(20);
      // the arc shrinks with health
      expect(ok.green).toBeGreaterThan(warn.amber);
      expect(warn.amber).toBeGreaterThan(crit.red);
      const table = await page.locator('#positions').screenshot();
      const t = await colourCounts(page, table, { background: [0x1a, 0x20, 0x29] });
      const rowCount = await page.$$eval('#positions tbody tr', (trs) => trs.length);
      expect(rowCount).toBe(8);
      expect(t.height).toBeGreaterThan(rowCount * 14);
      expect(t.distinct).toBeGreaterThan(20);
      expect(t.background).toBeLessThan(t.width * t.height);
      // newest first: the monitor's alert history, reversed (the rally gives warning, warning after the cooldown, critical)
      const alerts = await page.$$eval('#alerts li', (lis) => lis.map((li) => [li.getAttribute('data-level'), Number(li.getAttribute('data-health'))]));
      expect(alerts).toEqual(demo.monitor.current!.alertHistory.map((a) => [a.level, a.health]).reverse());
      expect(alerts.map((a) => a[0])).toEqual(['critical', 'warning', 'warning']);
    });

    it('reconnects by itself after the server drops the socket, and shows the next update', async () => {
      server.dropClients();
      await page.waitForSelector('#status[data-state="open"]', { timeout: 15_000 });
      const s = await demo.step();
      await page.waitForSelector(`body[data-seq="${s!.seq}"]`, { timeout: 10_000 });
      expect(await page.getAttribute('#gauge', 'data-health')).toBe(String(s!.figures!.health));
    });
  });
});
