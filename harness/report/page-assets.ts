/**
 * The stylesheet and the chart-drawing script of the HTML page shell (see `html.ts`).
 * Plain browser JavaScript in a string: it reads the embedded JSON (`#dnh-data`) and fills every
 * `.dnh-chart` placeholder. No network access, no external resources.
 */

export const PAGE_STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1d2433; background: #fafbfc; }
header { padding: 12px 24px; background: #1d2433; color: #fff; }
header h1 { margin: 0 0 6px; font-size: 20px; }
header nav a { color: #9cc3ff; margin-right: 14px; text-decoration: none; }
main { padding: 8px 24px 40px; }
section { margin: 18px 0 28px; }
h2 { font-size: 17px; border-bottom: 1px solid #d6dbe3; padding-bottom: 4px; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid #d6dbe3; padding: 3px 8px; text-align: right; font-variant-numeric: tabular-nums; }
th { background: #eef1f5; }
td.text, th.text { text-align: left; }
pre { background: #f0f2f5; padding: 8px; overflow-x: auto; }
.dnh-chart { margin: 10px 0; }
.dnh-heatmap td.null { background: #e4e6ea; color: #888; }
.dnh-heatmap td.invalid { background: #fbe3e1; color: #b3261e; font-style: italic; }
.dnh-waterfall { display: flex; align-items: stretch; gap: 6px; height: 260px; border-left: 1px solid #999; border-bottom: 1px solid #999; padding: 0 6px; position: relative; }
.dnh-wf-col { flex: 1; position: relative; min-width: 48px; }
.dnh-wf-bar { position: absolute; left: 8%; width: 84%; }
.dnh-wf-bar.pos { background: #2e9e5b; } .dnh-wf-bar.neg { background: #d1453b; } .dnh-wf-bar.total { background: #3a6fd8; }
.dnh-wf-label { position: absolute; bottom: -36px; width: 100%; text-align: center; font-size: 11px; }
.dnh-wf-value { position: absolute; width: 100%; text-align: center; font-size: 11px; }
.note { color: #555; }
.bad { color: #b3261e; } .good { color: #1e7b3a; }
`;

export const PAGE_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('dnh-data').textContent);
  window.dnhData = data;
  window.dnhCharts = {};
  function group(n, d) {
    var s = Math.abs(n).toFixed(d), parts = s.split('.');
    parts[0] = parts[0].replace(/\\B(?=(\\d{3})+(?!\\d))/g, ',');
    return (n < 0 ? '-' : '') + parts.join('.');
  }
  function fmt(v, format) {
    if (v === null || v === undefined) return '\\u2014';
    if (format === 'pct') return (v * 100).toFixed(1) + '%';
    if (format === 'usd') return '$' + group(v, 2);
    return String(v);
  }
  function colour(v, lo, hi) {
    if (v === null || v === undefined) return '';
    var m = Math.max(Math.abs(lo), Math.abs(hi)) || 1, t = Math.min(1, Math.abs(v) / m);
    var a = (0.12 + 0.6 * t).toFixed(3);
    return v >= 0 ? 'rgba(46,158,91,' + a + ')' : 'rgba(209,69,59,' + a + ')';
  }
  function heatmap(el, d) {
    var vals = [];
    d.values.forEach(function (r) { r.forEach(function (v) { if (v !== null) vals.push(v); }); });
    var lo = Math.min.apply(null, vals.concat([0])), hi = Math.max.apply(null, vals.concat([0]));
    var t = document.createElement('table');
    var head = '<tr><th class="text">' + (d.corner || '') + '</th>' + d.cols.map(function (c) { return '<th>' + c + '</th>'; }).join('') + '</tr>';
    t.innerHTML = head;
    d.rows.forEach(function (r, i) {
      var tr = document.createElement('tr');
      tr.innerHTML = '<th class="text">' + r + '</th>';
      d.cols.forEach(function (c, j) {
        var v = d.values[i][j], td = document.createElement('td');
        var bad = d.invalid && d.invalid[i][j];
        td.textContent = bad ? 'invalid' : fmt(v, d.format);
        td.setAttribute('data-row', r); td.setAttribute('data-col', c);
        td.setAttribute('data-value', v === null ? '' : String(v));
        if (bad) td.className = 'invalid'; else if (v === null) td.className = 'null'; else td.style.background = colour(v, lo, hi);
        tr.appendChild(td);
      });
      t.appendChild(tr);
    });
    el.appendChild(t);
  }
  function line(el, key, d) {
    var palette = ['#3a6fd8', '#d1453b', '#2e9e5b', '#9b59b6', '#e6a23c', '#16a2b8', '#555'];
    var series = [{ label: d.xLabel || 'day', value: function (u, v) { return v === null ? '' : (d.xLabels ? d.xLabels[v] : v); } }];
    var cols = [d.x];
    d.series.forEach(function (s, i) {
      series.push({ label: s.label, stroke: palette[i % palette.length], width: 1.5 });
      cols.push(s.values);
    });
    var opts = {
      width: Math.min(1100, (el.parentElement ? el.parentElement.clientWidth : 900) || 900), height: 320,
      series: series,
      scales: { x: { time: false } },
      axes: [{ values: function (u, ticks) { return ticks.map(function (t) { return d.xLabels && d.xLabels[t] !== undefined ? d.xLabels[t] : t; }); } },
             { label: d.yLabel || '', size: 70 }]
    };
    window.dnhCharts[key] = new uPlot(opts, cols, el);
  }
  function waterfall(el, d) {
    var run = 0, spans = [];
    d.values.forEach(function (v, i) {
      var total = d.totals && d.totals.indexOf(i) >= 0;
      var a = total ? 0 : run, b = total ? v : run + v;
      spans.push({ lo: Math.min(a, b), hi: Math.max(a, b), v: v, total: total });
      run = total ? v : run + v;
    });
    var lo = Math.min.apply(null, spans.map(function (s) { return s.lo; }).concat([0]));
    var hi = Math.max.apply(null, spans.map(function (s) { return s.hi; }).concat([0]));
    var range = (hi - lo) || 1;
    el.style.marginBottom = '44px';
    spans.forEach(function (s, i) {
      var col = document.createElement('div'); col.className = 'dnh-wf-col';
      var bar = document.createElement('div');
      bar.className = 'dnh-wf-bar ' + (s.total ? 'total' : s.v >= 0 ? 'pos' : 'neg');
      bar.style.bottom = (100 * (s.lo - lo) / range) + '%';
      bar.style.height = Math.max(0.5, 100 * (s.hi - s.lo) / range) + '%';
      bar.setAttribute('data-label', d.labels[i]); bar.setAttribute('data-value', String(s.v));
      bar.title = d.labels[i] + ': ' + fmt(s.v, 'usd');
      var val = document.createElement('div'); val.className = 'dnh-wf-value';
      val.style.bottom = 'calc(' + (100 * (s.hi - lo) / range) + '% + 2px)'; val.textContent = fmt(s.v, 'usd');
      var lab = document.createElement('div'); lab.className = 'dnh-wf-label'; lab.textContent = d.labels[i];
      col.appendChild(bar); col.appendChild(val); col.appendChild(lab); el.appendChild(col);
    });
  }
  var els = document.querySelectorAll('.dnh-chart');
  for (var i = 0; i < els.length; i++) {
    var el = els[i], kind = el.getAttribute('data-kind'), key = el.getAttribute('data-key'), d = data[key];
    if (!d) { console.error('dnh: no data for chart ' + key); continue; }
    if (kind === 'heatmap') heatmap(el, d);
    else if (kind === 'line') line(el, key, d);
    else if (kind === 'waterfall') waterfall(el, d);
    else console.error('dnh: unknown chart kind ' + kind);
  }
  document.body.setAttribute('data-dnh-ready', '1');
})();
`;
