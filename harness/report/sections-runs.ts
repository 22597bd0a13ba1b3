/**
 * Report sections about chosen runs (re-run with their event logs and equity series): event logs,
 * long-fee sensitivity, P&L waterfall (with chart), delta-neutral check, equity curves, drawdown (underwater).
 */
import { backtestGrid, type EngineKind } from '../../engine/backtest.js';
import type { MarketRow } from '../../engine/data/rows.js';
import { resolveParams } from '../../engine/model/params.js';
import type { BacktestResult } from '../../engine/model/types.js';
import { laneLabel } from '../sweep/grid.js';
import { section, type ReportSection } from './model.js';
import { num, pct, usd } from './table.js';
import { waterfallTerms } from './waterfall-terms.js';

export const EVENT_LOG_MAX = 60;
export const FEE_SENSITIVITY_BPS = [15, 10, 5, 0];

export interface ChosenRun {
  index: number;
  result: BacktestResult;
  rows: readonly MarketRow[];
}

export function eventSection(runs: readonly ChosenRun[]): ReportSection {
  const s = section('events', 'Event logs of chosen runs');
  for (const r of runs) {
    const ev = r.result.events ?? [];
    const shown = ev.slice(0, EVENT_LOG_MAX);
    s.tables.push({
      caption: `lane ${r.index}: ${laneLabel(r.result.params)} (${ev.length} events${ev.length > shown.length ? `, first ${shown.length} shown` : ''})`,
      table: {
        columns: ['date', 'event', 'leg', 'price', 'equity before', 'equity after', 'cost'],
        textColumns: 3,
        rows: shown.map((e) => [e.date, e.kind, e.leg, num(e.price, 2), usd(e.equityBefore), usd(e.equityAfter), usd(e.cost)]),
      },
    });
  }
  return s;
}

export function feeSensitivitySection(runs: readonly ChosenRun[], engine: EngineKind | undefined): ReportSection {
  const s = section('fee-sensitivity', 'Long open fee sensitivity', {
    notes: [`Each chosen run again with the lending venue's open fee at ${FEE_SENSITIVITY_BPS.join(', ')} bps, everything else equal.`],
  });
  for (const r of runs) {
    const p = r.result.params;
    const grid = FEE_SENSITIVITY_BPS.map((bps) => resolveParams({ ...p, long: { ...p.long, openFeeBps: bps } }));
    const res = backtestGrid(r.rows, grid, { engine });
    s.tables.push({
      caption: laneLabel(p),
      table: {
        columns: ['long open fee', 'final equity', 'annualised', 'fees + transfers'],
        rows: res.map((x, i) => [`${FEE_SENSITIVITY_BPS[i]} bps`, usd(x.finalEquity), pct(x.annualized), usd(x.waterfall.fees + x.waterfall.transferCosts)]),
      },
    });
  }
  return s;
}

export function waterfallSection(runs: readonly ChosenRun[], chartData: Record<string, unknown>): ReportSection {
  const s = section('waterfall', 'P&L waterfall', {
    notes: ['F - C = lend income - borrow interest + funding - fees - transfer costs - penalties + price P&L + bad debt; each term accumulated as it happened.'],
  });
  runs.forEach((r, n) => {
    const w = r.result.waterfall;
    const c = r.result.params.capital;
    const signed = waterfallTerms(w);
    const sum = signed.reduce((a, [, v]) => a + v, 0);
    const residual = r.result.finalEquity - c - sum;
    s.tables.push({
      caption: `lane ${r.index}: ${laneLabel(r.result.params)}`,
      table: {
        columns: ['term', 'USD'],
        rows: [['capital', usd(c)], ...signed.map(([k, v]) => [k, usd(v)]), ['final equity', usd(r.result.finalEquity)], ['identity residual', num(residual, 9)]],
      },
    });
    const key = `waterfall-${n}`;
    chartData[key] = {
      labels: ['capital', ...signed.map(([k]) => k), 'final equity'],
      values: [c, ...signed.map(([, v]) => v), r.result.finalEquity],
      totals: [0, signed.length + 1],
      lane: r.index,
    };
    s.charts.push({ kind: 'waterfall', key, caption: `lane ${r.index}: ${laneLabel(r.result.params)}` });
  });
  return s;
}

function stats(xs: readonly number[]): { mean: number; std: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length - 1);
  return { mean, std: Math.sqrt(v) };
}

/** Least-squares slope of daily equity changes on daily close changes: USD per $1 of SOL = residual SOL held. */
export function solExposure(equity: readonly number[], closes: readonly number[]): number {
  const n = Math.min(equity.length, closes.length);
  const de: number[] = [];
  const dp: number[] = [];
  for (let t = 1; t < n; t++) {
    de.push(equity[t]! - equity[t - 1]!);
    dp.push(closes[t]! - closes[t - 1]!);
  }
  const me = de.reduce((a, b) => a + b, 0) / de.length;
  const mp = dp.reduce((a, b) => a + b, 0) / dp.length;
  let cov = 0;
  let vp = 0;
  for (let i = 0; i < de.length; i++) {
    cov += (de[i]! - me) * (dp[i]! - mp);
    vp += (dp[i]! - mp) ** 2;
  }
  return vp > 0 ? cov / vp : 0;
}

export function deltaSection(runs: readonly ChosenRun[]): ReportSection {
  const s = section('delta', 'Delta-neutral check', {
    notes: [
      'Price move vs equity move over the run; residual SOL exposure = slope of daily equity changes on daily SOL price changes',
      '(USD gained per $1 SOL move, i.e. SOL effectively held), shown also as the equity change for a 10% SOL move at the first close.',
    ],
  });
  const rows = runs.map((r) => {
    const eq = r.result.equity ?? [];
    const closes = r.rows.map((x) => x.close).slice(0, eq.length);
    const sol = solExposure(eq, closes);
    const p0 = closes[0]!;
    const { std } = stats(eq);
    let lo = 0;
    let hi = 0;
    eq.forEach((v, i) => {
      if (v < eq[lo]!) lo = i;
      if (v > eq[hi]!) hi = i;
    });
    return [
      laneLabel(r.result.params), pct(closes[closes.length - 1]! / p0 - 1), pct(eq[eq.length - 1]! / eq[0]! - 1),
      `${usd(eq[lo]!, 0)} (${r.rows[lo]!.date})`, `${usd(eq[hi]!, 0)} (${r.rows[hi]!.date})`, usd(std, 0), num(sol, 3), usd(sol * p0 * 0.1, 0),
    ];
  });
  s.tables.push({ table: { columns: ['run', 'SOL moved', 'equity moved', 'min equity', 'max equity', 'std dev', 'residual SOL', 'per 10% SOL move'], rows } });
  return s;
}

export function equitySection(runs: readonly ChosenRun[], chartData: Record<string, unknown>): ReportSection {
  const s = section('equity', 'Equity curves', { notes: ['Daily marked equity (both legs) of the chosen runs.'] });
  if (!runs.length) return s;
  const len = Math.max(...runs.map((r) => r.result.equity?.length ?? 0));
  const dates = runs[0]!.rows.map((x) => x.date).slice(0, len);
  chartData['equity'] = {
    x: Array.from({ length: len }, (_, i) => i),
    xLabels: dates,
    xLabel: 'date',
    yLabel: 'USD',
    format: 'usd',
    series: runs.map((r) => ({ label: `lane ${r.index}: ${laneLabel(r.result.params)}`, lane: r.index, values: r.result.equity ?? [] })),
  };
  s.charts.push({ kind: 'line', key: 'equity' });
  return s;
}

/** Underwater curve: equity over its running peak, minus 1 (0 at a new high, -0.25 when 25% below it). */
export function underwater(equity: readonly number[]): number[] {
  let peak = -Infinity;
  return equity.map((v) => {
    if (v > peak) peak = v;
    return peak > 0 ? v / peak - 1 : 0;
  });
}

export function drawdownSection(runs: readonly ChosenRun[], chartData: Record<string, unknown>): ReportSection {
  const s = section('drawdown', 'Drawdown (underwater)', {
    notes: ['Marked equity below its running peak, as a loss (0% at every new high). The table gives the deepest point of each run.'],
  });
  if (!runs.length) return s;
  const len = Math.max(...runs.map((r) => r.result.equity?.length ?? 0));
  const curves = runs.map((r) => underwater(r.result.equity ?? []));
  chartData['drawdown'] = {
    x: Array.from({ length: len }, (_, i) => i),
    xLabels: runs[0]!.rows.map((x) => x.date).slice(0, len),
    xLabel: 'date',
    yLabel: 'below peak',
    format: 'pct',
    series: runs.map((r, k) => ({ label: `lane ${r.index}: ${laneLabel(r.result.params)}`, lane: r.index, values: curves[k]! })),
  };
  s.charts.push({ kind: 'line', key: 'drawdown' });
  const rows = runs.map((r, k) => {
    const c = curves[k]!;
    let at = 0;
    c.forEach((v, i) => { if (v < c[at]!) at = i; });
    return [laneLabel(r.result.params), c.length ? pct(c[at]!, 2) : '—', c.length ? r.rows[at]!.date : '—'];
  });
  s.tables.push({ caption: 'deepest drawdown', table: { columns: ['run', 'max drawdown', 'on'], rows } });
  return s;
}
