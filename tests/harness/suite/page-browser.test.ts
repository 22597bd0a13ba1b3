/**
 * The suite page from `dnh report --results` on what `dnh suite run --out` wrote (the default suite with
 * a scenario threshold, maxDrawdown <= 10%, so that more than 100 scenarios fail), in headless Chromium
 * at 1,400 px: the kind of results file is detected; the page says "showing 100 of N failing scenarios";
 * thresholds and reasons print as percentages, never raw floats; the return histogram holds the chosen
 * configuration's percentiles (equal-mass bins summing to all scenarios); the percentile fan has the
 * p5..p95 of every configuration; the heatmap has its colour legend; nothing overflows the page.
 * `dnh suite replay` of a failing scenario prints the event log and the waterfall of the failing
 * configurations; its `--json` output keeps its keys. Screenshots go to a temp dir only.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoPath } from '../../../engine/paths.js';
import { usd } from '../../../harness/report/table.js';
import { cli } from '../../helpers/cli.js';
import { chromiumPath, MISSING_MESSAGE, openHtml, type OpenedPage } from '../report/browser.js';
import { expectFitsPage, heatmapLegendHoldsCells } from '../report/layout-checks.js';

const browser = chromiumPath();
const dir = mkdtempSync(join(tmpdir(), 'dnh-suite-page-'));
const suiteFile = join(dir, 'strict.json');
const resultFile = join(dir, 'result.json');
const pageFile = join(dir, 'page.html');
interface Content {
  seed: number;
  failingScenarios: { id: string; configs: { config: number; reasons: string[] }[] }[];
  configurations: { config: number; label: string; returnCurve: number[] }[];
  choice: { config: number } | null;
}
let content: Content;

beforeAll(async () => {
  const suite = JSON.parse(readFileSync(repoPath('fixtures', 'suites', 'default.json'), 'utf8'));
  suite.thresholds.scenario = { maxDrawdown: { max: 0.1 } };
  writeFileSync(suiteFile, JSON.stringify(suite));
  const run = await cli('suite', 'run', suiteFile, '--out', resultFile);
  expect(run.code).toBe(3);
  content = JSON.parse(readFileSync(resultFile, 'utf8')).content;
  expect(content.failingScenarios.length).toBeGreaterThan(100);
  const rep = await cli('report', '--results', resultFile, '--format', 'html', '--out', pageFile);
  expect(rep.code, rep.err).toBe(0);
}, 120_000);

describe('dnh report --results on a suite result', () => {
  it('text: the suite report, "showing 100 of N", thresholds as percentages', async () => {
    const r = await cli('report', '--results', resultFile);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`failing scenarios (showing 100 of ${content.failingScenarios.length})`);
    expect(r.out).toMatch(/maxDrawdown \d+\.\d\d% > max 10\.00%/);
    expect(r.out).toMatch(/maxDrawdown\.p95 \d+\.\d\d% > max 15\.00%/);
    expect(r.out).not.toMatch(/\d\.\d{6,}/);
  });

  it('json: the result document itself; --select is refused for a suite result', async () => {
    const r = await cli('report', '--results', resultFile, '--format', 'json');
    expect(r.out).toBe(readFileSync(resultFile, 'utf8'));
    expect((await cli('report', '--results', resultFile, '--select', '1')).code).toBe(2);
  });

  it('a file that is neither kind is refused naming the file', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"hash": 3}\n');
    const r = await cli('report', '--results', bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain(bad);
  });
});

describe('dnh suite replay of a failing scenario', () => {
  it('prints the event log and the waterfall of each failing configuration; --json unchanged', async () => {
    const f = content.failingScenarios[0]!;
    const r = await cli('suite', 'replay', suiteFile, '--seed', String(content.seed), '--scenario', f.id);
    expect(r.code).toBe(0);
    const k = f.configs[0]!.config;
    expect(r.out).toContain(`configuration [${k}] ${content.configurations[k]!.label}: fails: maxDrawdown`);
    expect(r.out).toMatch(/event log \(\d+ event\(s\)/);
    expect(r.out).toContain('P&L waterfall:');
    const j = await cli('suite', 'replay', suiteFile, '--seed', String(content.seed), '--scenario', f.id, '--config', String(k), '--json');
    const doc = JSON.parse(j.out);
    expect(Object.keys(doc)).toEqual(['seed', 'scenario', 'days', 'configs']);
    expect(Object.keys(doc.configs[0])).toEqual(['config', 'label', 'totalReturn', 'maxDrawdown', 'liquidations', 'ruined', 'finalEquity', 'annualized', 'rebalances', 'rotations']);
    // The text waterfall ends at the run's final equity, and its last term's running total is that too.
    const one = await cli('suite', 'replay', suiteFile, '--seed', String(content.seed), '--scenario', f.id, '--config', String(k));
    const lines = one.out.split('\n');
    const end = lines.find((l) => l.trim().startsWith('end equity'))!;
    expect(end).toContain(usd(doc.configs[0].finalEquity));
    const badDebt = lines.find((l) => l.trim().startsWith('bad debt'))!;
    expect(badDebt).toContain(usd(doc.configs[0].finalEquity));
  });
});

describe('the suite page in headless Chromium at 1,400 px', () => {
  it('says whether Chromium is available', () => {
    if (!browser) console.log(MISSING_MESSAGE);
    expect(browser === null || typeof browser === 'string').toBe(true);
  });

  describe.runIf(browser)('page', () => {
    let opened: OpenedPage;
    beforeAll(async () => {
      opened = await openHtml(readFileSync(pageFile, 'utf8'), { width: 1400, height: 900 });
    });
    afterAll(async () => {
      await opened?.browser.close();
    });

    it('opens without errors; screenshot to a temp dir', async () => {
      expect(opened.errors).toEqual([]);
      expect(opened.network).toEqual([]);
      const shot = await opened.page.locator('section#scenario-suite').screenshot({ path: join(dir, 'suite.png') });
      expect(shot.length).toBeGreaterThan(1000);
    });

    it('failing scenarios: "showing 100 of N", reasons as percentages, never raw floats', async () => {
      const h = await opened.page.$$eval('#scenario-suite h3', (els) => els.map((e) => e.textContent!));
      expect(h).toContain(`Failing scenarios (showing 100 of ${content.failingScenarios.length} failing scenarios; the results file (--out) lists all)`);
      const items = await opened.page.$$eval('#scenario-suite li', (els) => els.map((e) => e.textContent!));
      expect(items.filter((t) => /Replay:/.test(t))).toHaveLength(100);
      for (const t of items) expect(t).not.toMatch(/\d\.\d{5,}/);
      expect(items.some((t) => /maxDrawdown \d+\.\d\d% > max 10\.00%/.test(t))).toBe(true);
      expect(items.some((t) => /probLiquidation \d+\.\d\d% > max 30\.00%/.test(t))).toBe(true);
    });

    it('return histogram: equal-mass bins over the chosen configuration\'s percentiles', async () => {
      const bars = await opened.page.$$eval('[data-key="scenario-suite-histogram"] .dnh-hist-bar', (els) => els.map((e) => ({ lo: Number(e.getAttribute('data-lo')), hi: Number(e.getAttribute('data-hi')), v: Number(e.getAttribute('data-value')) })));
      // The robust choice, else (none passes here) the configuration with the best median return.
      const k = content.choice?.config ?? content.configurations.reduce((a, b) => (b.returnCurve[10]! > a.returnCurve[10]! ? b : a)).config;
      const title = await opened.page.$$eval('#scenario-suite h3', (els) => els.map((e) => e.textContent!).find((t) => t.startsWith('Return histogram')));
      expect(title).toBe(`Return histogram: ${content.configurations[k]!.label}`);
      const curve = content.configurations[k]!.returnCurve;
      expect(bars.length).toBeGreaterThan(5);
      expect(bars[0]!.lo).toBe(curve[0]);
      expect(bars[bars.length - 1]!.hi).toBe(curve[curve.length - 1]);
      // density x width (in percentage points) is each bin's share of scenarios: they sum to 1.
      const mass = bars.reduce((a, b) => a + b.v * (b.hi - b.lo) * 100, 0);
      expect(mass).toBeCloseTo(1, 9);
      bars.forEach((b) => expect(curve).toContain(b.hi));
    });

    it('percentile fan: p5 <= p25 <= p50 <= p75 <= p95 for every configuration, two bands', async () => {
      const fan = await opened.page.evaluate(() => {
        const u = (window as unknown as { dnhCharts: Record<string, { data: (number | null)[][]; bands?: unknown[] }> }).dnhCharts['scenario-suite-fan']!;
        return { data: u.data, bands: (u as unknown as { opts?: { bands?: unknown[] } }).opts?.bands?.length ?? u.bands?.length ?? 0 };
      });
      expect(fan.data).toHaveLength(6);
      expect(fan.bands).toBe(2);
      content.configurations.forEach((c, i) => {
        const col = fan.data.slice(1).map((s) => s[i]!);
        expect(col).toEqual([5, 25, 50, 75, 95].map((p) => c.returnCurve[p / 5]));
        for (let j = 1; j < col.length; j++) expect(col[j]!).toBeGreaterThanOrEqual(col[j - 1]!);
      });
    });

    it('heatmap colour legend holds every cell; the page fits 1,400 px', async () => {
      await heatmapLegendHoldsCells(opened.page, '#scenario-suite .dnh-heatmap');
      await expectFitsPage(opened.page);
    });
  });
});
