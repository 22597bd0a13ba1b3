/** The gate report as one self-contained HTML page: identity, every check (figure, threshold, verdict), the verdict. */
import { escapeHtml } from '../report/html.js';
import type { GateReport } from './report.js';

export function gateHtml(r: GateReport): string {
  const e = escapeHtml;
  const colour = (v: string): string => (v === 'pass' || v === 'PASS' ? '#1a7f37' : v === 'not run' ? '#9a6700' : '#cf222e');
  const rows = r.checks
    .map((c) => `<tr><td style="color:${colour(c.verdict)};font-weight:bold">${e(c.verdict.toUpperCase())}</td><td>${e(c.id)}</td><td style="text-align:right">${e(c.figure === null ? '-' : String(c.figure))}</td><td>${e(c.threshold)}</td><td>${e(c.detail ?? '')}</td></tr>`)
    .join('\n');
  const kv = (k: string, v: string): string => `<tr><th style="text-align:left">${e(k)}</th><td><code>${e(v)}</code></td></tr>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Gate ${e(r.config.name)}: ${r.verdict}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}</style></head>
<body><h1>Pre-live gate: <span style="color:${colour(r.verdict)}">${r.verdict}</span></h1>
<ul>${r.reasons.map((x) => `<li>${e(x)}</li>`).join('')}</ul>
<table>
${kv('configuration', `${r.config.name} (${r.config.file})`)}
${kv('configuration sha256', r.config.sha256)}
${kv('code', `${r.code.name} ${r.code.version} at ${r.code.commit ?? '(no commit)'}${r.code.clean ? ', clean' : ', NOT clean'}`)}
${kv('lockfile sha256', r.lockfileSha256)}
${Object.entries(r.wasm).map(([f, h]) => kv(f, h)).join('\n')}
${Object.entries(r.programs).map(([f, h]) => kv(f, h ?? 'absent')).join('\n')}
${kv('seeds', JSON.stringify(r.seeds))}
${kv('time', r.generatedAtIso)}
${kv('report hash', r.hash)}
</table>
<h2>Checks</h2>
<table><tr><th>verdict</th><th>check</th><th>figure</th><th>threshold</th><th>detail</th></tr>
${rows}
</table></body></html>
`;
}
