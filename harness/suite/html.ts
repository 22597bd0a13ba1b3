/**
 * The scenario-suite section of the HTML report: the verdict and the robust choice, the distribution table, the robust trigger per
 * leverage, a heatmap of the robust metric (group x trigger), the return histogram of the chosen
 * configuration, a percentile fan over the configurations (suite results carry per-configuration
 * return percentiles, not paths: see `suite-charts.ts`), the failed thresholds (formatted, never raw
 * floats) and the failing scenarios with their replay commands ("showing N of M" when cut).
 * Returns the section and the data its charts draw from, for `renderHtmlPage`.
 */
import { chartDiv, escapeHtml, type HtmlSection } from '../report/html.js';
import type { SuiteResult } from './summary.js';
import { CURVE_STEP, groupKey, metricValue, triggerText } from './summary.js';
import { MAX_TEXT_FAILURES } from './text.js';
import { reasonText, thresholdText } from './format.js';
import { fanChart, histogramConfig, returnHistogram } from './suite-charts.js';
import { INVALID_MARK, isFiniteNumber, percentText } from '../verdict/finite.js';

/** A non-finite figure is `invalid`, never a number (harness/verdict/finite.ts); a percentile not asked for is `n/a`. */
const pct = (x: number | undefined): string => (x === undefined ? 'n/a' : Number.isFinite(x) ? `${percentText(x, 2)}%` : INVALID_MARK);

export function suiteSection(r: SuiteResult, id = 'scenario-suite'): { section: HtmlSection; data: Record<string, unknown> } {
  const c = r.content;
  const by = c.robust[0]?.by.metric ?? 'return.p5';
  const ps = Object.keys(c.configurations[0]!.return).filter((k) => k !== 'mean');
  const head = ['configuration', ...ps.map((p) => `return ${p}`), 'return mean', 'dd p95', 'P(liq)', 'E[liq]', 'P(ruin)', 'VaR95', 'CVaR95', 'failing', 'pass'];
  const rows = c.configurations.map((k) => {
    const ret = k.return as unknown as Record<string, number>;
    const dd = k.maxDrawdown as unknown as Record<string, number>;
    const cells = [k.label, ...ps.map((p) => pct(ret[p]!)), pct(k.return.mean), pct(dd.p95), pct(k.probLiquidation), isFiniteNumber(k.expectedLiquidations) ? k.expectedLiquidations.toFixed(2) : INVALID_MARK, pct(k.probRuin), pct(k.var95), pct(k.cvar95), String(k.failingScenarios), k.pass ? 'yes' : 'NO'];
    return `<tr data-config="${k.config}">${cells.map((x) => `<td>${escapeHtml(x)}</td>`).join('')}</tr>`;
  });
  // Every group, in the order of the grid (the robust choices' order; a group whose every configuration is invalid has none).
  const groups = [...new Set(c.configurations.map((k) => groupKey(k.params)))];
  const triggers = [...new Set(c.configurations.map((k) => k.params.trigger))].sort((a, b) => a - b);
  const cellOf = (g: string, t: number) => c.configurations.find((x) => groupKey(x.params) === g && x.params.trigger === t);
  // An invalid configuration is drawn `invalid`, not as the skipped mark (harness/verdict/finite.ts).
  const invalid = groups.map((g) => triggers.map((t) => { const k = cellOf(g, t); return k !== undefined && (k.invalidScenarios !== undefined || !isFiniteNumber(metricValue(k, by))); }));
  const values = groups.map((g, i) => triggers.map((t, j) => { const k = cellOf(g, t); return k && !invalid[i]![j] ? metricValue(k, by) : null; }));
  const key = `${id}-${by}`;
  const curveKey = `${id}-return-curve`;
  const curve = {
    x: c.configurations[0]!.returnCurve.map((_, i) => i * CURVE_STEP),
    xLabel: 'percentile',
    yLabel: 'total return',
    format: 'pct',
    series: c.robust.map((x) => ({ label: c.configurations[x.config]!.label, values: c.configurations[x.config]!.returnCurve })),
  };
  const robust = c.robust.map((x) => `<li>${escapeHtml(`${x.group}: trigger ${triggerText(x.trigger)} (${x.by.metric} ${pct(x.by.value)}, ${x.beside.metric} ${pct(x.beside.value)}, of ${x.candidates})`)}</li>`);
  const fails = c.failingScenarios.slice(0, MAX_TEXT_FAILURES).map((f) => `<li><code>${escapeHtml(f.id)}</code>: ${f.failedConfigs} configuration(s), ${escapeHtml(c.configurations[f.configs[0]!.config]!.label)}: ${escapeHtml(f.configs[0]!.reasons.map(reasonText).join(', '))}. Replay: <code>${escapeHtml(f.replay)}</code></li>`);
  const failHead = fails.length < c.failingScenarios.length ? `showing ${fails.length} of ${c.failingScenarios.length} failing scenarios; the results file (--out) lists all` : `${c.failingScenarios.length}`;
  const failedChecks = c.configurations.flatMap((k) => k.thresholds.filter((t) => !t.pass).map((t) => `<li>${escapeHtml(`${k.label}: ${thresholdText(t)}`)}</li>`));
  const histKey = `${id}-histogram`;
  const fanKey = `${id}-fan`;
  const hc = histogramConfig(c);
  const charts: Record<string, unknown> = { [fanKey]: fanChart(c) };
  if (hc !== null) charts[histKey] = returnHistogram(c.configurations[hc]!);
  const verdictText =
    c.verdict === 'any'
      ? c.pass
        ? `${c.choice!.passing} of ${c.configurations.length} configurations pass every threshold (verdict any).`
        : '<b>No configuration passes every threshold (verdict any).</b>'
      : c.pass
        ? 'Every threshold holds.'
        : '<b>Thresholds failed.</b>';
  const html = [
    `<p>Suite <b>${escapeHtml(c.suite.name)}</b>, seed <b>${c.seed}</b>: ${c.scenarios.total} scenarios x ${c.configurations.length} configurations. Result hash <code>${r.hash}</code>. ${verdictText}</p>`,
    `<p>Robust choice: ${c.choice ? `<b>${escapeHtml(c.choice.label)}</b> (${escapeHtml(`${c.choice.by.metric} ${pct(c.choice.by.value)}, ${c.choice.beside.metric} ${pct(c.choice.beside.value)}`)}; best of the ${c.choice.passing} configuration(s) passing every threshold)` : 'none (no configuration passes every threshold)'}.</p>`,
    `<h3>Robust trigger per leverage</h3><ul>${robust.join('')}</ul>`,
    `<h3>${escapeHtml(by)} by group and trigger</h3>`,
    chartDiv('heatmap', key),
    `<h3>Return by percentile, robust configurations</h3>`,
    chartDiv('line', curveKey),
    hc !== null ? `<h3>Return histogram: ${escapeHtml(c.configurations[hc]!.label)}</h3><p class="note">Twenty bins of equal scenario count (5% each, between the return percentiles 0, 5, ..., 100; bins of zero width merged): bar height is the share of scenarios per percentage point of return.</p>${chartDiv('histogram', histKey)}` : '',
    `<h3>Return percentile fan over the configurations</h3><p class="note">p5 ... p95 of the total return of each configuration over the suite's scenarios (the results carry per-configuration percentiles, not paths).</p>`,
    chartDiv('line', fanKey),
    `<h3>Distribution per configuration</h3>`,
    `<div class="dnh-scroll"><table class="dnh-table"><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`,
    failedChecks.length ? `<details><summary>Configuration thresholds failed (${failedChecks.length})</summary><ul>${failedChecks.join('')}</ul></details>` : '',
    c.failingScenarios.length ? `<h3>Failing scenarios (${failHead})</h3><ul>${fails.join('')}</ul>` : '',
  ].join('\n');
  return {
    section: { id, title: 'Scenario suite', html },
    data: { [key]: { rows: groups, cols: triggers.map(triggerText), values, format: 'pct', ...(invalid.some((r) => r.some(Boolean)) ? { invalid } : {}) }, [curveKey]: curve, ...charts },
  };
}
