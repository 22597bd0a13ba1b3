/** Report sections over the whole grid: performance matrix (with heatmaps), best trigger per leverage, fee breakdown. */
import { laneLabel } from '../sweep/grid.js';
import { INVALID_MARK } from '../verdict/finite.js';
import { bestPerLeverage, cell, isInvalid, type LaneGroup } from './groups.js';
import { section, type ReportSection } from './model.js';
import { pct, triggerText, usd } from './table.js';

export function matrixSection(groups: readonly LaneGroup[], chartData: Record<string, unknown>): ReportSection {
  const s = section('matrix', 'Performance matrix', {
    notes: ['Annualised return by leverage (rows) and trigger (columns); "—" marks a combination that was skipped as invalid.'],
  });
  if (groups.some((g) => g.lanes.some(isInvalid))) s.notes.push('"invalid" marks a run whose figures are not finite numbers (never ranked; see "Invalid runs").');
  groups.forEach((g, n) => {
    const key = `heat-${n}`;
    const invalid = g.leverages.map((lev) => g.triggers.map((t) => { const c = cell(g, lev, t); return c !== undefined && isInvalid(c); }));
    const values = g.leverages.map((lev, i) => g.triggers.map((t, j) => (invalid[i]![j] ? null : cell(g, lev, t)?.result.annualized ?? null)));
    const text = (i: number, j: number, v: number | null): string => (invalid[i]![j] ? INVALID_MARK : v === null ? '—' : pct(v));
    chartData[key] = {
      corner: 'leverage \\ trigger',
      rows: g.leverages.map((l) => `${l}x`),
      cols: g.triggers.map(triggerText),
      values,
      format: 'pct',
      lanes: g.leverages.map((lev) => g.triggers.map((t) => cell(g, lev, t)?.index ?? null)),
      ...(invalid.some((r) => r.some(Boolean)) ? { invalid } : {}),
    };
    s.tables.push({
      caption: `${g.label}: annualised return`,
      table: {
        columns: ['leverage', ...g.triggers.map((t) => `T=${triggerText(t)}`)],
        rows: g.leverages.map((lev, i) => [`${lev}x`, ...values[i]!.map((v, j) => text(i, j, v))]),
      },
    });
    s.tables.push({
      caption: `${g.label}: final equity`,
      table: {
        columns: ['leverage', ...g.triggers.map((t) => `T=${triggerText(t)}`)],
        rows: g.leverages.map((lev) => [`${lev}x`, ...g.triggers.map((t) => { const c = cell(g, lev, t); return c ? (isInvalid(c) ? INVALID_MARK : usd(c.result.finalEquity)) : '—'; })]),
      },
    });
    s.charts.push({ kind: 'heatmap', key, caption: `${g.label}: annualised return` });
  });
  return s;
}

export function bestSection(groups: readonly LaneGroup[]): ReportSection {
  const s = section('best', 'Best trigger per leverage', {
    notes: [
      'Best = first strict maximum of the annualised return in ascending trigger. The neighbours are the next lower and higher triggers of the grid;',
      'a best that beats both neighbours by more than 2 percentage points is marked ISOLATED: a lucky single trigger rather than a robust region.',
    ],
  });
  for (const g of groups) {
    const rows = bestPerLeverage(g).map((b) => [
      `${b.leverage}x`,
      triggerText(b.best.result.params.trigger),
      pct(b.best.result.annualized),
      b.below ? `${triggerText(b.below.result.params.trigger)}: ${pct(b.below.result.annualized)}` : '—',
      b.above ? `${triggerText(b.above.result.params.trigger)}: ${pct(b.above.result.annualized)}` : '—',
      usd(b.best.result.finalEquity),
      b.isolated ? 'ISOLATED' : 'robust',
    ]);
    s.tables.push({ caption: g.label, table: { columns: ['leverage', 'best T', 'annualised', 'lower neighbour', 'higher neighbour', 'final equity', 'peak'], rows } });
  }
  return s;
}

export function feeSection(groups: readonly LaneGroup[]): ReportSection {
  const s = section('fees', 'Fee breakdown', {
    notes: ['For the best trigger of each leverage. Gross = lend income - borrow interest + funding; fee share = (fees + transfers) / gross.'],
  });
  const rows: string[][] = [];
  for (const g of groups) {
    for (const b of bestPerLeverage(g)) {
      const r = b.best.result;
      const w = r.waterfall;
      const gross = w.lendIncome - w.borrowInterest + w.funding;
      rows.push([
        laneLabel(r.params), usd(gross, 0), usd(w.fees, 0), usd(w.transferCosts, 0), usd(w.penalties, 0), usd(w.badDebt, 0),
        gross > 0 ? pct((w.fees + w.transferCosts) / gross) : 'n/a', String(r.rebalances), String(r.rotations), String(r.liquidations),
      ]);
    }
  }
  s.tables.push({ table: { columns: ['run', 'gross', 'fees', 'transfers', 'penalties', 'bad debt', 'fee share', 'rebals', 'rots', 'liqs'], rows } });
  return s;
}
