/**
 * The stylesheet and the chart-drawing script of the HTML page shell (see `html.ts`).
 * Plain browser JavaScript in strings (one file per chart kind): it reads the embedded JSON
 * (`#dnh-data`) and fills every `.dnh-chart` placeholder. No network access, no external resources.
 */
import { JS_COMMON } from './page-js-common.js';
import { JS_HEATMAP } from './page-js-heatmap.js';
import { JS_LINE } from './page-js-line.js';
import { JS_WATERFALL } from './page-js-waterfall.js';

export { PAGE_STYLE } from './page-style.js';

export const PAGE_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('dnh-data').textContent);
  window.dnhData = data;
  window.dnhCharts = {};
${JS_COMMON}
${JS_HEATMAP}
${JS_WATERFALL}
${JS_LINE}
  var els = document.querySelectorAll('.dnh-chart');
  for (var i = 0; i < els.length; i++) {
    var el = els[i], kind = el.getAttribute('data-kind'), key = el.getAttribute('data-key'), d = data[key];
    if (!d) { console.error('dnh: no data for chart ' + key); continue; }
    if (kind === 'heatmap') heatmap(el, d);
    else if (kind === 'line') line(el, key, d);
    else if (kind === 'waterfall') waterfall(el, d);
    else if (kind === 'histogram') histogram(el, d);
    else console.error('dnh: unknown chart kind ' + kind);
  }
  // After uPlot's first draws (microtasks) have placed the x labels.
  setTimeout(function () { document.body.setAttribute('data-dnh-ready', '1'); }, 0);
})();
`;
