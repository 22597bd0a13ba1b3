/**
 * The stylesheet of the HTML page shell (see `html.ts`). Every table sits in a `.dnh-scroll` box and
 * long text wraps, so nothing is wider than the page at 1,400 px (tests/harness/report/layout-browser.test.ts).
 */
export const PAGE_STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1d2433; background: #fafbfc; }
header { padding: 12px 24px; background: #1d2433; color: #fff; }
header h1 { margin: 0 0 6px; font-size: 20px; }
header nav a { color: #9cc3ff; margin-right: 14px; text-decoration: none; white-space: nowrap; }
main { padding: 8px 24px 40px; overflow-wrap: anywhere; }
section { margin: 18px 0 28px; }
h2 { font-size: 17px; border-bottom: 1px solid #d6dbe3; padding-bottom: 4px; }
h3 { font-size: 14px; margin: 14px 0 4px; }
.dnh-scroll { max-width: 100%; overflow-x: auto; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid #d6dbe3; padding: 3px 8px; text-align: right; font-variant-numeric: tabular-nums; overflow-wrap: normal; }
th { background: #eef1f5; }
td.text, th.text { text-align: left; }
.dnh-table td:first-child { text-align: left; white-space: nowrap; }
pre { background: #f0f2f5; padding: 8px; white-space: pre-wrap; overflow-wrap: anywhere; }
details { margin: 6px 0; } summary { cursor: pointer; color: #3a5a9b; }
code { overflow-wrap: anywhere; }
.dnh-chart { margin: 10px 0; max-width: 100%; }
.dnh-heatmap td { min-width: 44px; }
.dnh-heatmap td.null { background: #e4e6ea; color: #888; }
.dnh-heatmap td.invalid { background: #fbe3e1; color: #b3261e; font-style: italic; }
.dnh-heatmap td.dark { color: #fff; }
.dnh-colour-legend { display: flex; flex-wrap: wrap; align-items: stretch; gap: 2px; margin: 6px 0; font-size: 11px; }
.dnh-colour-legend .dnh-legend-title { align-self: center; margin-right: 8px; color: #555; }
.dnh-swatch { min-width: 78px; padding: 2px 4px; text-align: center; border: 1px solid #d6dbe3; }
.dnh-swatch.dark { color: #fff; }
.dnh-legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 12px; margin: 4px 0 0 8px; }
.dnh-legend span.sw { display: inline-block; width: 14px; height: 3px; vertical-align: middle; margin-right: 5px; }
.dnh-legend span.sw.band { height: 10px; opacity: 0.6; }
.dnh-xaxis { position: relative; height: 22px; font-size: 11px; color: #333; }
.dnh-xtick { position: absolute; top: 0; transform: translateX(-50%); white-space: nowrap; padding-top: 4px; border-left: 0; }
.dnh-xtick::before { content: ''; position: absolute; left: 50%; top: 0; height: 4px; border-left: 1px solid #888; }
.dnh-waterfall { margin-bottom: 8px; }
.dnh-wf-axis { position: relative; width: 84px; height: 280px; flex: none; border-right: 1px solid #999; font-size: 11px; }
.dnh-wf-tick { position: absolute; right: 6px; transform: translateY(50%); white-space: nowrap; }
.dnh-wf-plot { position: relative; flex: 1; height: 280px; display: flex; gap: 6px; padding: 0 6px; border-bottom: 1px solid #999; min-width: 0; }
.dnh-wf-grid { position: absolute; left: 0; right: 0; border-top: 1px dashed #dde1e7; }
.dnh-wf-col { flex: 1; position: relative; min-width: 40px; }
.dnh-wf-bar { position: absolute; left: 8%; width: 84%; min-height: 1px; }
.dnh-wf-bar.pos { background: #2e9e5b; } .dnh-wf-bar.neg { background: #d1453b; } .dnh-wf-bar.total { background: #3a6fd8; }
.dnh-wf-bar.residual { background: #9b59b6; }
.dnh-wf-bar.cut { border-bottom: 3px dashed #fafbfc; }
.dnh-wf-link { position: absolute; left: 92%; width: calc(16% + 6px); border-top: 1px dotted #777; }
.dnh-wf-value { position: absolute; width: 100%; text-align: center; font-size: 11px; white-space: nowrap; }
.dnh-wf-labels { display: flex; gap: 6px; padding: 0 6px 0 90px; font-size: 11px; }
.dnh-wf-labels div { flex: 1; min-width: 40px; text-align: center; }
.dnh-wf-note { font-size: 12px; color: #555; }
.dnh-hist { position: relative; display: flex; }
.dnh-hist-plot { position: relative; flex: 1; height: 220px; border-left: 1px solid #999; border-bottom: 1px solid #999; }
.dnh-hist-bar { position: absolute; bottom: 0; background: #3a6fd8; opacity: 0.8; border-right: 1px solid #fafbfc; box-sizing: border-box; }
.dnh-hist-bar.neg { background: #d1453b; }
.dnh-hist-zero { position: absolute; top: 0; bottom: 0; border-left: 1px dashed #333; }
.note { color: #555; }
.bad { color: #b3261e; } .good { color: #1e7b3a; }
`;
