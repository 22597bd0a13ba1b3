/**
 * The self-contained HTML page shell shared by every report (sweeps, scenario suites).
 *
 * One file that opens offline: uPlot's script and stylesheet are inlined from `node_modules`,
 * the report's numbers travel as one embedded JSON block, and the charts are drawn in the page
 * from that JSON (so a test can compare what the page shows with the data it was given).
 *
 * Charts are declared in section HTML with `chartDiv(kind, key)`:
 * - `line`: `data[key] = { x: number[], xLabels?: string[], series: { label, values: number[] }[], yLabel? }`
 *   (x are day numbers or indices; `xLabels` gives the dates shown on the axis);
 * - `heatmap`: `data[key] = { rows: string[], cols: string[], values: (number|null)[][], format?: 'pct'|'usd' }`
 *   drawn as a coloured table, each cell carrying `data-row`, `data-col` and `data-value`;
 * - `waterfall`: `data[key] = { labels: string[], values: number[] }` (first and last are the start and
 *   end totals), floating bars at the running total, the identity residual as its own bar, a value
 *   axis; each bar carries `data-label`, `data-value`, `data-start` and `data-end`;
 * - `histogram`: `data[key] = { edges: number[], values: number[], format? }`, bars between edges.
 * Line data may also carry `format` ('usd'|'pct': the y axis), `bands` (a percentile fan) and
 * per-series `fill` (page-js-line.ts); heatmaps draw a colour legend (page-js-heatmap.ts).
 * Drawn uPlot instances are kept in `window.dnhCharts[key]` for inspection.
 *
 * @example renderHtmlPage({ title: 'Sweep', sections: [{ id: 'm', title: 'Matrix', html: chartDiv('heatmap', 'm') }], data: { m: {...} } })
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PAGE_SCRIPT, PAGE_STYLE } from './page-assets.js';

export interface HtmlSection {
  id: string;
  title: string;
  /** Trusted HTML (build it with `escapeHtml` for any text that came from input). */
  html: string;
}

export interface HtmlPage {
  title: string;
  sections: readonly HtmlSection[];
  /** Everything the charts draw from; embedded as JSON and exposed as `window.dnhData`. */
  data: Record<string, unknown>;
}

export type ChartKind = 'line' | 'heatmap' | 'waterfall' | 'histogram';

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A placeholder the page script fills with a chart of `kind` drawn from `data[key]`. */
export function chartDiv(kind: ChartKind, key: string): string {
  return `<div class="dnh-chart dnh-${kind}" data-kind="${kind}" data-key="${escapeHtml(key)}"></div>`;
}

/** JSON that is safe inside a `<script>` element (no `</script>`, no HTML comment openers). */
export function jsonForScript(data: unknown): string {
  return JSON.stringify(data, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

let uplotAssets: { js: string; css: string } | undefined;

function loadUplot(): { js: string; css: string } {
  if (uplotAssets) return uplotAssets;
  const require = createRequire(import.meta.url);
  const js = readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8');
  const css = readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
  return (uplotAssets = { js: js.replace(/<\/script/gi, '<\\/script'), css });
}

/** Render one self-contained HTML document. Section ids must be unique. */
export function renderHtmlPage(page: HtmlPage): string {
  const ids = new Set<string>();
  for (const s of page.sections) {
    if (ids.has(s.id)) throw new Error(`renderHtmlPage: duplicate section id "${s.id}"`);
    ids.add(s.id);
  }
  const { js, css } = loadUplot();
  const nav = page.sections.map((s) => `<a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a>`).join('\n');
  const body = page.sections
    .map((s) => `<section id="${escapeHtml(s.id)}">\n<h2>${escapeHtml(s.title)}</h2>\n${s.html}\n</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${css}</style>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(page.title)}</h1><nav>${nav}</nav></header>
<main>
${body}
</main>
<script type="application/json" id="dnh-data">${jsonForScript(page.data)}</script>
<script>${js}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
