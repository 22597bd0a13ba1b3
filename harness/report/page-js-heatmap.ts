/**
 * Browser JavaScript of the heatmap chart (see `page-assets.ts`): a coloured table with a colour
 * legend. The scale diverges at 0 (reds below, greens above) and is binned by quantiles on each
 * side: the positive values fall into up to five bins of equal count, so "good" and "very good"
 * get different greens however skewed the values are; the legend shows each bin's value range.
 */
export const JS_HEATMAP = String.raw`
  var POS = ['#d9f0d3', '#a6dba0', '#5aae61', '#1b7837', '#00441b'];
  var NEG = ['#fddbc7', '#f4a582', '#d6604d', '#b2182b', '#67001f'];
  /** Bin edges: up to five equal-count bins of the sorted magnitudes (distinct upper edges). */
  function quantileEdges(mags) {
    mags.sort(function (a, b) { return a - b; });
    var n = Math.min(5, mags.length), edges = [];
    for (var k = 1; k <= n; k++) {
      var e = mags[Math.min(mags.length - 1, Math.ceil(k * mags.length / n) - 1)];
      if (edges.indexOf(e) < 0) edges.push(e);
    }
    return edges;
  }
  function binOf(edges, m) {
    for (var k = 0; k < edges.length; k++) if (m <= edges[k]) return k;
    return edges.length - 1;
  }
  /** Colours spread over the palette so that 2 bins are light and dark, not the two lightest. */
  function binColour(palette, k, n) {
    var idx = n <= 1 ? palette.length - 2 : Math.round(k * (palette.length - 1) / (n - 1));
    return { colour: palette[idx], dark: idx >= 3 };
  }
  function heatScale(values) {
    var pos = [], neg = [];
    values.forEach(function (v) { if (v > 0) pos.push(v); else if (v < 0) neg.push(-v); });
    var pe = quantileEdges(pos), ne = quantileEdges(neg);
    return {
      pos: pe, neg: ne,
      of: function (v) {
        if (v === 0) return { colour: '#f7f7f7', dark: false };
        if (v > 0) return binColour(POS, binOf(pe, v), pe.length);
        return binColour(NEG, binOf(ne, -v), ne.length);
      }
    };
  }
  function colourLegend(el, scale, format) {
    var box = document.createElement('div'); box.className = 'dnh-colour-legend';
    var title = document.createElement('span'); title.className = 'dnh-legend-title'; title.textContent = 'colour scale (equal-count bins each side of 0):';
    box.appendChild(title);
    function add(lo, hi, c) {
      var s = document.createElement('span'); s.className = 'dnh-swatch' + (c.dark ? ' dark' : '');
      s.style.background = c.colour; s.setAttribute('data-lo', String(lo)); s.setAttribute('data-hi', String(hi));
      s.textContent = lo === hi ? fmt(lo, format) : fmt(lo, format) + ' \u2026 ' + fmt(hi, format);
      box.appendChild(s);
    }
    for (var k = scale.neg.length - 1; k >= 0; k--) add(-scale.neg[k], k > 0 ? -scale.neg[k - 1] : 0, binColour(NEG, k, scale.neg.length));
    for (var j = 0; j < scale.pos.length; j++) add(j > 0 ? scale.pos[j - 1] : 0, scale.pos[j], binColour(POS, j, scale.pos.length));
    el.appendChild(box);
  }
  function heatmap(el, d) {
    var vals = [];
    d.values.forEach(function (r, i) { r.forEach(function (v, j) { if (v !== null && !(d.invalid && d.invalid[i][j])) vals.push(v); }); });
    var scale = heatScale(vals);
    colourLegend(el, scale, d.format);
    var wrap = document.createElement('div'); wrap.className = 'dnh-scroll';
    var t = document.createElement('table');
    var head = document.createElement('tr');
    var corner = document.createElement('th'); corner.className = 'text'; corner.textContent = d.corner || ''; head.appendChild(corner);
    d.cols.forEach(function (c) { var th = document.createElement('th'); th.textContent = c; head.appendChild(th); });
    t.appendChild(head);
    d.rows.forEach(function (r, i) {
      var tr = document.createElement('tr');
      var th = document.createElement('th'); th.className = 'text'; th.textContent = r; tr.appendChild(th);
      d.cols.forEach(function (c, j) {
        var v = d.values[i][j], td = document.createElement('td');
        var bad = d.invalid && d.invalid[i][j];
        td.textContent = bad ? 'invalid' : fmt(v, d.format);
        td.setAttribute('data-row', r); td.setAttribute('data-col', c);
        td.setAttribute('data-value', v === null ? '' : String(v));
        if (bad) td.className = 'invalid';
        else if (v === null) td.className = 'null';
        else { var col = scale.of(v); td.style.background = col.colour; if (col.dark) td.className = 'dark'; }
        tr.appendChild(td);
      });
      t.appendChild(tr);
    });
    wrap.appendChild(t);
    el.appendChild(wrap);
  }
`;
