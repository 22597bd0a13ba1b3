/**
 * Comparison sections: venues (funding statistics, monthly funding, correlation, winner per leverage)
 * and conventions (study vs exact side by side, and which findings survive the corrected accounting).
 */
import { executionLabel } from '../sweep/grid.js';
import type { MarketRow } from '../../engine/data/rows.js';
import type { Venue } from '../../engine/model/types.js';
import type { SeriesByVenue } from '../sweep/lanes.js';
import { bestPerLeverage, type LaneGroup } from './groups.js';
import { section, type ReportSection } from './model.js';
import { pct, triggerText, usd } from './table.js';

export interface FundingStats {
  annualisedMean: number;
  positiveShare: number;
  annualisedVol: number;
  days: number;
}

export function fundingStats(rows: readonly MarketRow[]): FundingStats {
  const f = rows.map((r) => r.funding);
  const mean = f.reduce((a, b) => a + b, 0) / f.length;
  const v = f.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, f.length - 1);
  return { annualisedMean: mean * 365, positiveShare: f.filter((x) => x > 0).length / f.length, annualisedVol: Math.sqrt(v) * Math.sqrt(365), days: f.length };
}

/** Pearson correlation of two venues' daily funding on their common dates (null when < 3 or constant). */
export function fundingCorrelation(a: readonly MarketRow[], b: readonly MarketRow[]): number | null {
  const bm = new Map(b.map((r) => [r.date, r.funding]));
  const pairs = a.filter((r) => bm.has(r.date)).map((r) => [r.funding, bm.get(r.date)!] as const);
  if (pairs.length < 3) return null;
  const mx = pairs.reduce((s, [x]) => s + x, 0) / pairs.length;
  const my = pairs.reduce((s, [, y]) => s + y, 0) / pairs.length;
  let sxy = 0, sxx = 0, syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  if (!(sxx > 0 && syy > 0)) return null;
  // sxx * syy underflows to 0 for tiny rates (1e-200): then take the roots apart; never a non-finite figure.
  const r = sxy / Math.sqrt(sxx * syy);
  if (Number.isFinite(r)) return r;
  const r2 = sxy / (Math.sqrt(sxx) * Math.sqrt(syy));
  return Number.isFinite(r2) ? r2 : null;
}

/** Sum of daily funding per calendar month (`YYYY-MM`). */
export function monthlyFunding(rows: readonly MarketRow[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) m.set(r.date.slice(0, 7), (m.get(r.date.slice(0, 7)) ?? 0) + r.funding);
  return m;
}

export const FUNDING_WINDOW_DAYS = 30;
/** Charts of the best return by leverage per venue (one per series of convention, model, capital and fee). */
export const MAX_VENUE_CHARTS = 4;

/**
 * Chart data of the venues' funding over time on the union of their dates: the trailing
 * `FUNDING_WINDOW_DAYS`-day mean of daily funding, annualised (x 365), and the cumulative sum of
 * daily funding (what a constant short of $1 would have received, per $1).
 */
export function fundingCharts(data: SeriesByVenue, venues: readonly Venue[]): { rolling: unknown; cumulative: unknown } {
  const dates = [...new Set(venues.flatMap((v) => data[v]!.map((r) => r.date)))].sort();
  const x = dates.map((_, i) => i);
  const rolling = venues.map((v) => {
    const by = new Map(data[v]!.map((r) => [r.date, r.funding]));
    const window: number[] = [];
    let sum = 0;
    return dates.map((d) => {
      const f = by.get(d);
      if (f === undefined) return null;
      window.push(f);
      sum += f;
      if (window.length > FUNDING_WINDOW_DAYS) sum -= window.shift()!;
      return window.length === FUNDING_WINDOW_DAYS ? (sum / FUNDING_WINDOW_DAYS) * 365 : null;
    });
  });
  const cumulative = venues.map((v) => {
    const by = new Map(data[v]!.map((r) => [r.date, r.funding]));
    let sum = 0;
    return dates.map((d) => (by.has(d) ? (sum += by.get(d)!) : null));
  });
  const chart = (values: (number | null)[][], yLabel: string) => ({ x, xLabels: dates, xLabel: 'date', yLabel, format: 'pct', series: venues.map((v, i) => ({ label: v, values: values[i]! })) });
  return { rolling: chart(rolling, `${FUNDING_WINDOW_DAYS}-day mean, annualised`), cumulative: chart(cumulative, 'cumulative funding') };
}

export function venueSection(data: SeriesByVenue, groups: readonly LaneGroup[], chartData: Record<string, unknown> = {}): ReportSection {
  const venues = (Object.keys(data) as Venue[]).filter((v) => data[v]);
  const s = section('venues', 'Venue comparison', {
    notes: ['Funding as received by the short (positive: longs pay shorts). Annualised mean = mean daily funding x 365; volatility = daily std x sqrt(365).'],
  });
  if (venues.length) {
    const f = fundingCharts(data, venues);
    chartData['funding-rolling'] = f.rolling;
    chartData['funding-cumulative'] = f.cumulative;
    s.charts.push({ kind: 'line', key: 'funding-rolling', caption: `funding received by the short, ${FUNDING_WINDOW_DAYS}-day mean annualised` });
    s.charts.push({ kind: 'line', key: 'funding-cumulative', caption: 'cumulative funding (sum of daily rates)' });
  }
  if (venues.length === 2 && data.hl === data.drift) s.notes.push('Both venues ran on the same data file, so their funding is identical: only fees, maintenances and penalties differ.');
  s.tables.push({
    caption: 'funding statistics',
    table: {
      columns: ['venue', 'days', 'annualised mean', 'positive days', 'volatility'],
      rows: venues.map((v) => { const f = fundingStats(data[v]!); return [v, String(f.days), pct(f.annualisedMean, 2), pct(f.positiveShare), pct(f.annualisedVol, 2)]; }),
    },
  });
  if (venues.length === 2) {
    const c = fundingCorrelation(data.hl!, data.drift!);
    s.notes.push(`Correlation of daily funding between hl and drift: ${c === null ? 'n/a' : c.toFixed(3)}.`);
  }
  const months = venues.map((v) => monthlyFunding(data[v]!));
  const keys = [...new Set(months.flatMap((m) => [...m.keys()]))].sort();
  s.tables.push({ caption: 'monthly funding (sum of daily rates)', table: { columns: ['month', ...venues], rows: keys.map((k) => [k, ...months.map((m) => (m.has(k) ? pct(m.get(k)!, 3) : '—'))]) } });
  // Winner per leverage: same convention, model, capital and fee, best trigger of each venue.
  const byRest = new Map<string, LaneGroup[]>();
  for (const g of groups) {
    const p = g.lanes[0]!.result.params;
    const k = `${p.convention}|${p.model}|${p.capital}|${p.long.openFeeBps}`;
    byRest.set(k, [...(byRest.get(k) ?? []), g]);
  }
  const rows: string[][] = [];
  let charted = 0;
  for (const gs of byRest.values()) {
    if (gs.length < 2) continue;
    const p = gs[0]!.lanes[0]!.result.params;
    const bests = gs.map((g) => ({ venue: g.lanes[0]!.result.params.venue, best: bestPerLeverage(g) }));
    const levs = [...new Set(bests.flatMap((b) => b.best.map((x) => x.leverage)))].sort((a, b) => a - b);
    if (charted < MAX_VENUE_CHARTS) {
      const key = `venue-best-${charted++}`;
      chartData[key] = {
        x: levs.map((_, i) => i),
        xLabels: levs.map((l) => `${l}x`),
        xLabel: 'leverage',
        yLabel: 'best annualised return',
        format: 'pct',
        height: 240,
        series: bests.map((b) => ({ label: b.venue, values: levs.map((lev) => b.best.find((y) => y.leverage === lev)?.best.result.annualized ?? null) })),
      };
      s.charts.push({ kind: 'line', key, caption: `best annualised return by leverage (best trigger of each venue): ${p.convention} ${p.model} $${p.capital.toLocaleString('en-US')}, long fee ${p.long.openFeeBps} bps` });
    }
    for (const lev of levs) {
      const cand = bests.map((b) => ({ venue: b.venue, x: b.best.find((y) => y.leverage === lev) })).filter((c) => c.x);
      const win = cand.reduce((a, b) => (b.x!.best.result.annualized > a.x!.best.result.annualized ? b : a));
      rows.push([`${p.convention} ${p.model} $${p.capital}`, `${lev}x`, ...cand.map((c) => `${c.venue}: ${pct(c.x!.best.result.annualized)} (T=${triggerText(c.x!.best.result.params.trigger)})`), win.venue]);
    }
  }
  if (rows.length) s.tables.push({ caption: 'winner per leverage (best trigger of each venue)', table: { columns: ['series', 'leverage', ...venues.map((v) => `${v} best`), 'winner'], textColumns: 2, rows } });
  else s.notes.push('The grid has a single venue: no winner per leverage.');
  return s;
}

function matchKey(p: LaneGroup['lanes'][number]['result']['params']): string {
  return `${p.venue}|${p.model}|${p.capital}|${p.long.openFeeBps}|${p.leverage}|${p.trigger}|${executionLabel(p)}`;
}

export function conventionSection(groups: readonly LaneGroup[]): ReportSection {
  const s = section('conventions', 'Study vs exact accounting', {
    notes: [
      'The study convention (MODEL.md section 9) reproduces the feasibility study; exact is the corrected model.',
      'A finding survives when it holds under both.',
    ],
  });
  const study = groups.filter((g) => g.lanes[0]!.result.params.convention === 'study');
  const exact = groups.filter((g) => g.lanes[0]!.result.params.convention === 'exact');
  if (!study.length || !exact.length) {
    s.notes.push('Only one convention in this grid: add --convention exact,study to compare.');
    return s;
  }
  const exactLanes = new Map(exact.flatMap((g) => g.lanes.map((l) => [matchKey(l.result.params), l] as const)));
  const side: string[][] = [];
  const findings: string[][] = [];
  for (const g of study) {
    // Side by side: the T = 2L lanes and each leverage's best under either convention (a grid of
    // thousands of lanes would otherwise print thousands of rows).
    const eg0 = exact.find((x) => x.key.replace(/^exact/, 'study') === g.key);
    const bestKeys = new Set([...bestPerLeverage(g), ...(eg0 ? bestPerLeverage(eg0) : [])].map((b) => matchKey(b.best.result.params)));
    const pairs = g.lanes.filter((l) => exactLanes.has(matchKey(l.result.params)) && (l.result.params.trigger === 2 * l.result.params.leverage || bestKeys.has(matchKey(l.result.params))));
    for (const l of pairs) {
      const e = exactLanes.get(matchKey(l.result.params))!.result;
      const p = l.result.params;
      side.push([`${p.venue} $${p.capital} ${p.leverage}x T=${triggerText(p.trigger)}`, usd(l.result.finalEquity), pct(l.result.annualized), usd(e.finalEquity), pct(e.annualized), String(l.result.liquidations), String(e.liquidations)]);
    }
    const eg = eg0;
    if (!eg) continue;
    const bs = bestPerLeverage(g);
    const be = bestPerLeverage(eg);
    const venue = g.lanes[0]!.result.params.venue;
    for (const b of bs) {
      const x = be.find((y) => y.leverage === b.leverage);
      if (!x) continue;
      const tS = b.best.result.params.trigger, tE = x.best.result.params.trigger;
      findings.push([`${venue} ${b.leverage}x: best trigger`, triggerText(tS), triggerText(tE), tS === tE ? 'survives' : 'does not survive']);
      const sS = b.best.result.annualized > 0, sE = x.best.result.annualized > 0;
      findings.push([`${venue} ${b.leverage}x: best run is profitable`, `${sS ? 'yes' : 'no'} (${pct(b.best.result.annualized)})`, `${sE ? 'yes' : 'no'} (${pct(x.best.result.annualized)})`, sS === sE ? 'survives' : 'does not survive']);
    }
    const topS = bs.reduce((a, b) => (b.best.result.annualized > a.best.result.annualized ? b : a), bs[0]!);
    const topE = be.reduce((a, b) => (b.best.result.annualized > a.best.result.annualized ? b : a), be[0]!);
    if (topS && topE) findings.push([`${venue}: best leverage`, `${topS.leverage}x`, `${topE.leverage}x`, topS.leverage === topE.leverage ? 'survives' : 'does not survive']);
  }
  s.tables.push({ caption: 'side by side', table: { columns: ['run', 'study final', 'study annualised', 'exact final', 'exact annualised', 'study liqs', 'exact liqs'], rows: side } });
  s.tables.push({ caption: 'findings', table: { columns: ['finding', 'study', 'exact', 'verdict'], rows: findings } });
  return s;
}
