/**
 * Headless Chromium for the HTML report tests: Debian's `chromium` (installed by `.ci/setup-browser`)
 * driven by `playwright-core`. `chromiumPath()` is null when the browser is missing, and the tests
 * then say so plainly ("not run: chromium missing ...") instead of passing silently.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function chromiumPath(): string | null {
  const p = process.env.DNH_CHROMIUM ?? '/usr/bin/chromium';
  return existsSync(p) ? p : null;
}

export const MISSING_MESSAGE = 'not run: chromium missing at /usr/bin/chromium (install it with `bash .ci/setup-browser`, as root)';

export interface OpenedPage {
  browser: Browser;
  page: Page;
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** Requests to anything but the file itself (the page must need none). */
  network: string[];
}

/** Write `html` to a temp file and open it offline (every non-file request is aborted and recorded). */
export async function openHtml(html: string, viewport?: { width: number; height: number }): Promise<OpenedPage> {
  const file = join(mkdtempSync(join(tmpdir(), 'dnh-html-')), 'report.html');
  writeFileSync(file, html);
  const browser = await chromium.launch({ executablePath: chromiumPath()!, args: CHROMIUM_ARGS, headless: true });
  const page = await browser.newPage(viewport ? { viewport } : {});
  const errors: string[] = [];
  const network: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    network.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('body[data-dnh-ready="1"]', { timeout: 20_000 });
  return { browser, page, errors, network };
}
