/**
 * Browser JavaScript shared by the page's charts (a string, concatenated into one script by
 * `page-assets.ts`): number formats (money with separators and a leading minus, `-$159.29`, the same
 * as the tables of `table.ts`), nice axis ticks, a static legend, and an x axis of DOM labels that
 * never overlap (month ticks for dates, every k-th label for categories).
 */
export const JS_COMMON = String.raw`
  function group(n, d) {
    var s = Math.abs(n).toFixed(d), parts = s.split('.');
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return (n < 0 && Number(s) !== 0 ? '-' : '') + parts.join('.');
  }
  function money(v, d) {
    if (d === undefined) d = 2;
    var s = group(v, d);
    return s.charAt(0) === '-' ? '-$' + s.slice(1) : '$' + s;
  }
  function pctText(v, d) {
    var s = (v * 100).toFixed(d);
    if (Number(s) === 0) s = (0).toFixed(d);
    return s + '%';
  }
  function fmt(v, format, d) {
    if (v === null || v === undefined) return '\u2014';
    if (!isFinite(v)) return 'invalid';
    if (format === 'pct') return pctText(v, d === undefined ? 1 : d);
    if (format === 'usd') return money(v, d === undefined ? 2 : d);
    if (format === 'int') return group(v, 0);
    return String(v);
  }
  /** Ticks at 1, 2 or 5 x 10^k covering [lo, hi], about n of them. */
  function niceTicks(lo, hi, n) {
    var span = hi - lo;
    if (!(span > 0)) span = Math.abs(hi) || 1;
    var raw = span / n, mag = Math.pow(10, Math.floor(Math.log10(raw))), norm = raw / mag;
    var step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
    var out = [];
    for (var t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
    return { ticks: out, step: step };
  }
  /** Tick label digits: enough to tell neighbouring ticks apart. */
  function tickDigits(step, format) {
    var s = format === 'pct' ? step * 100 : step;
    return s >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(s)));
  }
  var PALETTE = ['#3a6fd8', '#d1453b', '#2e9e5b', '#9b59b6', '#e6a23c', '#16a2b8', '#555'];
  function legend(el, items) {
    var box = document.createElement('div'); box.className = 'dnh-legend';
    items.forEach(function (it) {
      var s = document.createElement('span'); s.className = 'dnh-legend-item';
      var sw = document.createElement('span'); sw.className = 'sw' + (it.band ? ' band' : ''); sw.style.background = it.colour;
      s.appendChild(sw); s.appendChild(document.createTextNode(it.label)); box.appendChild(s);
    });
    el.appendChild(box);
  }
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
  /** Candidate ticks: month starts (dates) or every index (categories), each with a rank used to thin them. */
  function tickCandidates(d) {
    var labels = d.xLabels, out = [];
    if (labels && labels.length && ISO_DATE.test(labels[0])) {
      var prev = '';
      labels.forEach(function (s, i) {
        var ym = s.slice(0, 7);
        if (ym !== prev && (i > 0 || s.slice(8, 10) === '01')) {
          var y = Number(s.slice(0, 4)), m = Number(s.slice(5, 7)) - 1;
          out.push({ x: d.x[i], n: y * 12 + m, text: m === 0 || out.length === 0 ? MONTHS[m] + ' ' + y : MONTHS[m] });
        }
        prev = ym;
      });
      if (out.length >= 2) return { cands: out, steps: [1, 2, 3, 6, 12, 24, 48] };
      out = [];
      labels.forEach(function (s, i) { out.push({ x: d.x[i], n: i, text: s }); });
      return { cands: out, steps: [1, 2, 5, 7, 14, 30, 60, 120] };
    }
    d.x.forEach(function (x, i) { out.push({ x: x, n: i, text: labels ? String(labels[i]) : String(x) }); });
    return { cands: out, steps: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000] };
  }
  /** Draw the x labels under a uPlot chart, at the coarsest-needed step so that no two overlap. */
  function xAxis(u, d, el) {
    var box = document.createElement('div'); box.className = 'dnh-xaxis';
    box.style.width = (u.over.offsetLeft + u.over.offsetWidth) + 'px';
    el.appendChild(box);
    var c = tickCandidates(d), left = u.over.offsetLeft, width = u.over.offsetWidth;
    for (var k = 0; k < c.steps.length; k++) {
      box.innerHTML = '';
      var step = c.steps[k], placed = [];
      c.cands.forEach(function (t) {
        if (t.n % step !== 0) return;
        var pos = u.valToPos(t.x, 'x');
        if (!(pos >= 0 && pos <= width)) return;
        var s = document.createElement('span'); s.className = 'dnh-xtick'; s.textContent = t.text;
        s.style.left = (left + pos) + 'px'; s.setAttribute('data-x', String(t.x));
        box.appendChild(s); placed.push(s);
      });
      var ok = true;
      for (var i = 1; i < placed.length && ok; i++) {
        if (placed[i].getBoundingClientRect().left < placed[i - 1].getBoundingClientRect().right + 6) ok = false;
      }
      if (ok) break;
    }
  }
`;
