/** Render a report model as text, Markdown, JSON or one self-contained HTML page. */
import { chartDiv, escapeHtml, renderHtmlPage } from './html.js';
import type { ReportModel, ReportTable } from './model.js';
import { mdTable, textTable } from './table.js';

export const REPORT_FORMATS = ['text', 'md', 'json', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function renderReport(m: ReportModel, format: ReportFormat): string {
  if (format === 'json') return JSON.stringify({ title: m.title, header: m.header, sections: m.sections, charts: m.chartData }, null, 1) + '\n';
  if (format === 'html') return renderHtml(m);
  const md = format === 'md';
  const out: string[] = [md ? `# ${m.title}\n` : `${m.title}\n${'='.repeat(m.title.length)}\n`];
  out.push(md ? m.header.map((h) => (h.startsWith('  ') ? `  - ${h.trim()}` : `- ${h}`)).join('\n') + '\n' : m.header.join('\n') + '\n');
  for (const s of m.sections) {
    out.push(md ? `## ${s.title}\n` : `\n### ${s.title}\n`);
    for (const n of s.notes) out.push(md ? `${n}\n` : `  ${n}`);
    for (const t of s.tables) {
      if (t.caption) out.push(md ? `\n**${t.caption}**\n` : `\n  ${t.caption}`);
      out.push(md ? '\n' + mdTable(t.table) : indent(textTable(t.table)));
    }
  }
  return out.join('\n') + '\n';
}

function indent(text: string): string {
  return text.split('\n').map((l) => (l ? '  ' + l : l)).join('\n');
}

/** A table in a horizontally scrolling box (never wider than the page); `collapsed`: inside a closed `<details>`. */
function htmlTable(t: ReportTable, collapsed = false): string {
  const left = t.table.textColumns ?? 1;
  const cls = (j: number) => (j < left ? ' class="text"' : '');
  const head = `<tr>${t.table.columns.map((c, j) => `<th${cls(j)}>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const body = t.table.rows.map((r) => `<tr>${r.map((c, j) => `<td${cls(j)}>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  const table = `<div class="dnh-scroll"><table>${head}\n${body}</table></div>`;
  if (collapsed) return `<details><summary>${escapeHtml(t.caption ?? 'table')}: the same numbers as a table</summary>${table}</details>`;
  return `${t.caption ? `<h3>${escapeHtml(t.caption)}</h3>` : ''}${table}`;
}

function renderHtml(m: ReportModel): string {
  const sections = m.sections.map((s) => ({
    id: s.id,
    title: s.title,
    html: [
      ...s.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`),
      ...s.charts.map((c) => `${c.caption ? `<h3>${escapeHtml(c.caption)}</h3>` : ''}${chartDiv(c.kind, c.key)}`),
      // A table with the caption of a chart in its section repeats that chart's numbers: collapsed.
      ...s.tables.map((t) => htmlTable(t, t.caption !== undefined && s.charts.some((c) => c.caption === t.caption))),
    ].join('\n'),
  }));
  const intro = { id: 'about', title: 'About this run', html: `<pre>${escapeHtml(m.header.join('\n'))}</pre>` };
  return renderHtmlPage({ title: m.title, sections: [intro, ...sections], data: m.chartData });
}
