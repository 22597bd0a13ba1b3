/**
 * Browser JavaScript of the line and histogram charts (see `page-assets.ts`).
 * Line: uPlot over `x` with `series` (`{ label, values, fill? }`), y values formatted by `format`
 * (`usd` | `pct`), optional `bands` (`[upper, lower]` series indices, filled between: a percentile
 * fan), a static legend of the series (the x series is not listed), and the x axis as DOM labels
 * (`xAxis`: month ticks for dates, never overlapping).
 * Histogram: `{ edges, values, format }` bars from `edges[i]` to `edges[i + 1]` of height `values[i]`.
 */
export const JS_LINE = String.raw`
  function line(el, key, d) {
    var series = [{ label: d.xLabel || 'x', value: function (u, v) { return v === null ? '' : (d.xLabels ? d.xLabels[v] : v); } }];
    var cols = [d.x], items = [];
    d.series.forEach(function (s, i) {
      var colour = s.colour || PALETTE[i % PALETTE.length];
      var inBand = d.bands && d.bands.some(function (b) { return b[0] === i || b[1] === i; });
      series.push({ label: s.label, stroke: colour, width: inBand ? 1 : 1.5, fill: s.fill || undefined, value: function (u, v) { return v === null ? '' : fmt(v, d.format); } });
      cols.push(s.values);
      if (!s.hideLegend) items.push({ label: s.label, colour: colour });
    });
    (d.bands || []).forEach(function (b) { items.push({ label: b[3] || '', colour: b[2], band: true }); });
    var width = Math.min(1100, (el.parentElement ? el.parentElement.clientWidth : 900) || 900);
    var opts = {
      width: width, height: d.height || 320,
      series: series,
      legend: { show: false },
      scales: { x: { time: false } },
      bands: (d.bands || []).map(function (b) { return { series: [b[0] + 1, b[1] + 1], fill: b[2] }; }),
      axes: [
        { show: false },
        { label: d.yLabel || '', size: 84, values: function (u, ticks) {
            var step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1;
            return ticks.map(function (t) { return d.format ? fmt(t, d.format, tickDigits(step, d.format)) : t; });
          } }
      ]
    };
    // The x labels need the scales, which uPlot sets when it first draws: place them in its ready hook.
    var axisBox = document.createElement('div');
    opts.hooks = { ready: [function (u) { xAxis(u, d, axisBox); }] };
    var u = new uPlot(opts, cols, el);
    window.dnhCharts[key] = u;
    el.appendChild(axisBox);
    if (d.xLabel) { var xl = document.createElement('div'); xl.className = 'note'; xl.style.fontSize = '11px'; xl.style.textAlign = 'center'; xl.style.width = width + 'px'; xl.textContent = d.xLabel; el.appendChild(xl); }
    if (items.filter(function (x) { return x.label; }).length) legend(el, items.filter(function (x) { return x.label; }));
  }
  function histogram(el, d) {
    var lo = d.edges[0], hi = d.edges[d.edges.length - 1], span = (hi - lo) || 1;
    var top = Math.max.apply(null, d.values.concat([0])) || 1;
    var wrap = document.createElement('div'); wrap.className = 'dnh-hist';
    var plot = document.createElement('div'); plot.className = 'dnh-hist-plot';
    var x = function (v) { return 100 * (v - lo) / span; };
    d.values.forEach(function (v, i) {
      var a = d.edges[i], b = d.edges[i + 1];
      if (!(b > a)) return;
      var bar = document.createElement('div'); bar.className = 'dnh-hist-bar' + (b <= 0 ? ' neg' : '');
      bar.style.left = x(a) + '%'; bar.style.width = (x(b) - x(a)) + '%'; bar.style.height = (100 * v / top) + '%';
      bar.setAttribute('data-lo', String(a)); bar.setAttribute('data-hi', String(b)); bar.setAttribute('data-value', String(v));
      bar.title = fmt(a, d.format, 2) + ' \u2026 ' + fmt(b, d.format, 2) + (d.mass ? ': ' + pctText(d.mass[i], 0) + ' of scenarios' : '');
      plot.appendChild(bar);
    });
    if (lo < 0 && hi > 0) { var z = document.createElement('div'); z.className = 'dnh-hist-zero'; z.style.left = x(0) + '%'; plot.appendChild(z); }
    wrap.appendChild(plot); el.appendChild(wrap);
    var axis = document.createElement('div'); axis.className = 'dnh-xaxis';
    var nt = niceTicks(lo, hi, 8), digits = tickDigits(nt.step, d.format);
    nt.ticks.forEach(function (t) {
      var s = document.createElement('span'); s.className = 'dnh-xtick'; s.style.left = x(t) + '%'; s.textContent = fmt(t, d.format, digits);
      s.setAttribute('data-x', String(t)); axis.appendChild(s);
    });
    el.appendChild(axis);
    if (d.xLabel) { var xl = document.createElement('div'); xl.className = 'note'; xl.style.fontSize = '11px'; xl.style.textAlign = 'center'; xl.textContent = d.xLabel; el.appendChild(xl); }
  }
`;
