/**
 * Browser JavaScript of the waterfall chart (see `page-assets.ts`): start equity, each P&L term as a
 * bar floating at the running total, the identity residual (end - start - sum of terms, computed
 * here from the same numbers) as its own bar, and the end equity; a value axis with ticks. The axis
 * spans the running totals (not 0), so terms of a few hundred dollars beside $10,000 stay visible;
 * the start and end bars are then cut at the axis floor, and a note says so. Every bar carries
 * `data-label`, `data-value`, `data-start` and `data-end` (its running total before and after).
 */
export const JS_WATERFALL = String.raw`
  function waterfallSpans(d) {
    var last = d.values.length - 1, start = d.values[0], end = d.values[last], run = start, sum = 0, spans = [];
    spans.push({ label: d.labels[0], v: start, a: start, b: start, kind: 'total' });
    for (var i = 1; i < last; i++) {
      var v = d.values[i];
      spans.push({ label: d.labels[i], v: v, a: run, b: run + v, kind: v >= 0 ? 'pos' : 'neg' });
      run += v; sum += v;
    }
    var residual = end - start - sum;
    spans.push({ label: 'identity residual', v: residual, a: run, b: run + residual, kind: 'residual' });
    spans.push({ label: d.labels[last], v: end, a: end, b: end, kind: 'total' });
    return spans;
  }
  function waterfall(el, d) {
    var spans = waterfallSpans(d);
    var levels = [];
    spans.forEach(function (s) { levels.push(s.a, s.b); });
    var lo = Math.min.apply(null, levels), hi = Math.max.apply(null, levels);
    var pad = Math.max((hi - lo) * 0.12, Math.abs(hi) * 1e-4, 1e-9);
    var nt = niceTicks(lo - pad, hi + pad, 6);
    var axLo = Math.min(nt.ticks[0], lo - pad * 0.5), axHi = Math.max(nt.ticks[nt.ticks.length - 1], hi + pad * 0.5);
    if (lo >= 0 && axLo < 0) axLo = 0;
    var range = axHi - axLo, pctOf = function (v) { return 100 * (v - axLo) / range; };
    var digits = tickDigits(nt.step, 'usd');
    var axis = document.createElement('div'); axis.className = 'dnh-wf-axis';
    var plot = document.createElement('div'); plot.className = 'dnh-wf-plot';
    nt.ticks.forEach(function (t) {
      if (t < axLo || t > axHi) return;
      var lab = document.createElement('div'); lab.className = 'dnh-wf-tick'; lab.style.bottom = pctOf(t) + '%'; lab.textContent = money(t, digits);
      lab.setAttribute('data-value', String(t)); axis.appendChild(lab);
      var g = document.createElement('div'); g.className = 'dnh-wf-grid'; g.style.bottom = pctOf(t) + '%'; plot.appendChild(g);
    });
    var cut = false, labels = document.createElement('div'); labels.className = 'dnh-wf-labels';
    spans.forEach(function (s, i) {
      var col = document.createElement('div'); col.className = 'dnh-wf-col';
      var bar = document.createElement('div');
      var top = Math.max(s.a, s.b), bottom = s.kind === 'total' ? axLo : Math.min(s.a, s.b);
      if (s.kind === 'total' && axLo > 0) { cut = true; bar.className = 'dnh-wf-bar total cut'; } else bar.className = 'dnh-wf-bar ' + s.kind;
      bar.style.bottom = pctOf(bottom) + '%';
      bar.style.height = Math.max(0, pctOf(top) - pctOf(bottom)) + '%';
      bar.setAttribute('data-label', s.label); bar.setAttribute('data-value', String(s.v));
      bar.setAttribute('data-start', String(s.kind === 'total' ? s.v : s.a)); bar.setAttribute('data-end', String(s.b));
      var text = s.kind === 'residual' && Math.abs(s.v) < 0.005 ? (s.v === 0 ? '$0' : (s.v < 0 ? '-$' : '$') + Math.abs(s.v).toExponential(1)) : money(s.v);
      bar.title = s.label + ': ' + text + (s.kind === 'total' ? '' : ' (running total ' + money(s.b) + ')');
      var val = document.createElement('div'); val.className = 'dnh-wf-value';
      val.style.bottom = 'calc(' + pctOf(top) + '% + 2px)'; val.textContent = text;
      col.appendChild(bar); col.appendChild(val);
      if (i < spans.length - 1) {
        var link = document.createElement('div'); link.className = 'dnh-wf-link'; link.style.bottom = pctOf(s.b) + '%'; col.appendChild(link);
      }
      plot.appendChild(col);
      var lab = document.createElement('div'); lab.textContent = s.label; labels.appendChild(lab);
    });
    var row = document.createElement('div'); row.className = 'dnh-waterfall-body'; row.style.display = 'flex';
    row.appendChild(axis); row.appendChild(plot);
    el.style.display = 'block';
    el.appendChild(row); el.appendChild(labels);
    var note = document.createElement('div'); note.className = 'dnh-wf-note';
    note.textContent = 'Bars float at the running total (dotted lines link them). ' +
      (cut ? 'The value axis starts at ' + money(axLo, digits) + ', so the ' + spans[0].label + ' and ' + spans[spans.length - 1].label + ' bars are cut at the floor. ' : '') +
      'Identity residual = ' + spans[spans.length - 1].label + ' - ' + spans[0].label + ' - sum of terms.';
    el.appendChild(note);
  }
`;
