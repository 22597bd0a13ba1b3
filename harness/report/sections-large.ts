/**
 * The summary of a large sweep (more than `LARGE_SWEEP_LANES` lanes), drawn instead of one heatmap per
 * series: the top configurations, a marginal plot per varying axis (best and median annualised return
 * at each value of the axis, over every other axis), and one heatmap over two axes (leverage x trigger
 * by default) with every other axis fixed at the best configuration's value. Each heatmap axis is
 * thinned to at most `MAX_HEAT_AXIS` evenly spaced values (the best one always kept). The full results
 * stay in the results file; the page stays a few hundred kilobytes whatever the lane count.
 */
import type { BacktestParams } from '../../engine/model/types.js';
import { executionLabel, laneLabel } from '../sweep/grid.js';
import { laneInvalid, type SweepResults } from '../sweep/results.js';
import { section, type ReportSection } from './model.js';
import { pct, triggerText, usd } from './table.js';

export const LARGE_SWEEP_LANES = 2_000;
export const TOP_CONFIGURATIONS = 25;
export const MAX_HEAT_AXIS = 40;

export interface SweepAxis {
  name: string;
  value: (p: BacktestParams) => number | string;
  text: (v: number | string) => string;
}

export const SWEEP_AXES: readonly SweepAxis[] = [
  { name: 'leverage', value: (p) => p.leverage, text: (v) => `${v}x` },
  { name: 'trigger', value: (p) => p.trigger, text: (v) => triggerText(v as number) },
  { name: 'venue', value: (p) => p.venue, text: String },
  { name: 'convention', value: (p) => p.convention, text: String },
  { name: 'model', value: (p) => p.model, text: String },
  { name: 'capital', value: (p) => p.capital, text: (v) => usd(v as number, 0) },
  { name: 'long open fee', value: (p) => p.long.openFeeBps, text: (v) => `${v} bps` },
  { name: 'execution', value: (p) => executionLabel(p).trim() || 'default', text: String },
];

const order = (a: number | string, b: number | string): number => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/** `n` evenly spaced items of `xs` (all when fewer), always including `keep`. */
export function thin<T>(xs: readonly T[], n: number, keep: T): T[] {
  if (xs.length <= n) return [...xs];
  const pick = new Set(Array.from({ length: n }, (_, i) => Math.round((i * (xs.length - 1)) / (n - 1))));
  const k = xs.indexOf(keep);
  if (k >= 0 && !pick.has(k)) {
    const nearest = [...pick].reduce((a, b) => (Math.abs(b - k) < Math.abs(a - k) ? b : a));
    pick.delete(nearest);
    pick.add(k);
  }
  return [...pick].sort((a, b) => a - b).map((i) => xs[i]!);
}

export function largeSweepSection(sweep: SweepResults, chartData: Record<string, unknown>, heatAxes: readonly [string, string] = ['leverage', 'trigger']): ReportSection {
  const valid = sweep.lanes.map((r, i) => ({ r, i })).filter((x) => laneInvalid(x.r) === null);
  const s = section('summary', 'Sweep summary', {
    notes: [
      `${sweep.lanes.length.toLocaleString('en-US')} lanes is more than ${LARGE_SWEEP_LANES.toLocaleString('en-US')}: the report summarises them (top configurations, best and median per axis value, one heatmap with the other axes fixed at the best configuration).`,
      'Every lane is in the results file (dnh sweep --out); --select N shows any lane in detail.',
    ],
  });
  if (!valid.length) {
    s.notes.push('No valid lane: nothing to rank.');
    return s;
  }
  const ranked = valid.slice().sort((a, b) => b.r.annualized - a.r.annualized || a.i - b.i);
  const best = ranked[0]!;
  s.tables.push({
    caption: `top ${Math.min(TOP_CONFIGURATIONS, ranked.length)} configurations by annualised return`,
    table: {
      columns: ['lane', 'configuration', 'annualised', 'final equity', 'max drawdown', 'liqs'],
      textColumns: 2,
      rows: ranked.slice(0, TOP_CONFIGURATIONS).map(({ r, i }) => [String(i), laneLabel(r.params), pct(r.annualized), usd(r.finalEquity), pct(-r.maxDrawdown), String(r.liquidations)]),
    },
  });
  const varying = SWEEP_AXES.filter((a) => new Set(valid.map((x) => a.value(x.r.params))).size > 1);
  varying.forEach((a) => {
    const by = new Map<number | string, number[]>();
    for (const { r } of valid) {
      const v = a.value(r.params);
      let xs = by.get(v);
      if (!xs) by.set(v, (xs = []));
      xs.push(r.annualized);
    }
    const keys = [...by.keys()].sort(order);
    const sorted = keys.map((k) => by.get(k)!.sort((x, y) => x - y));
    const key = `marginal-${a.name.replace(/\W+/g, '-')}`;
    chartData[key] = {
      x: keys.map((_, i) => i),
      xLabels: keys.map(a.text),
      xLabel: a.name,
      yLabel: 'annualised return',
      format: 'pct',
      height: 220,
      series: [
        { label: `best over the other axes`, values: sorted.map((xs) => xs[xs.length - 1]!) },
        { label: `median over the other axes`, values: sorted.map(median) },
      ],
    };
    s.charts.push({ kind: 'line', key, caption: `annualised return by ${a.name}` });
    // The same numbers for text and Markdown (collapsed under the chart in HTML).
    s.tables.push({
      caption: `annualised return by ${a.name}`,
      table: { columns: [a.name, 'lanes', 'best', 'median'], rows: keys.map((k, i) => [a.text(k), String(sorted[i]!.length), pct(sorted[i]![sorted[i]!.length - 1]!), pct(median(sorted[i]!))]) },
    });
  });
  const [ax, ay] = heatAxes.map((n) => SWEEP_AXES.find((a) => a.name === n)!);
  const fixed = SWEEP_AXES.filter((a) => a !== ax && a !== ay);
  const bp = best.r.params;
  const slice = valid.filter(({ r }) => fixed.every((a) => a.value(r.params) === a.value(bp)));
  const rowsAll = [...new Set(slice.map(({ r }) => ax!.value(r.params)))].sort(order);
  const colsAll = [...new Set(slice.map(({ r }) => ay!.value(r.params)))].sort(order);
  const rows = thin(rowsAll, MAX_HEAT_AXIS, ax!.value(bp));
  const cols = thin(colsAll, MAX_HEAT_AXIS, ay!.value(bp));
  const cell = new Map(slice.map(({ r, i }) => [`${ax!.value(r.params)}|${ay!.value(r.params)}`, { r, i }]));
  chartData['summary-heat'] = {
    corner: `${ax!.name} \\ ${ay!.name}`,
    rows: rows.map(ax!.text),
    cols: cols.map(ay!.text),
    values: rows.map((rv) => cols.map((cv) => cell.get(`${rv}|${cv}`)?.r.annualized ?? null)),
    lanes: rows.map((rv) => cols.map((cv) => cell.get(`${rv}|${cv}`)?.i ?? null)),
    format: 'pct',
  };
  const fixedText = fixed.filter((a) => varying.includes(a)).map((a) => `${a.name} ${a.text(a.value(bp))}`).join(', ');
  const heatCaption = `annualised return by ${ax!.name} and ${ay!.name}${fixedText ? `, other axes at the best configuration (${fixedText})` : ''}`;
  s.charts.push({ kind: 'heatmap', key: 'summary-heat', caption: heatCaption });
  s.tables.push({
    caption: heatCaption,
    table: { columns: [`${ax!.name} \\ ${ay!.name}`, ...cols.map(ay!.text)], rows: rows.map((rv) => [ax!.text(rv), ...cols.map((cv) => { const c = cell.get(`${rv}|${cv}`); return c ? pct(c.r.annualized) : '—'; })]) },
  });
  if (rows.length < rowsAll.length || cols.length < colsAll.length) {
    s.notes.push(`Heatmap thinned to ${rows.length} of ${rowsAll.length} ${ax!.name} values and ${cols.length} of ${colsAll.length} ${ay!.name} values (evenly spaced, the best kept).`);
  }
  return s;
}
