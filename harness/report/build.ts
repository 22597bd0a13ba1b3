/**
 * Build the sweep report model from sweep results and the series they ran on. Chosen runs (event
 * logs, waterfall, delta check, equity curves) are the best lane of each convention x venue, plus any
 * lanes the caller names; they are re-run with their per-day detail, which cannot change a figure.
 */
import { backtestGrid, type EngineKind } from '../../engine/backtest.js';
import { NEVER_TRIGGER } from '../../engine/model/params.js';
import type { SeriesByVenue } from '../sweep/lanes.js';
import { laneLabel } from '../sweep/grid.js';
import { laneInvalid, type SweepResults } from '../sweep/results.js';
import { groupLanes } from './groups.js';
import type { ReportModel } from './model.js';
import { conventionSection, venueSection } from './sections-compare.js';
import { bestSection, feeSection, matrixSection } from './sections-grid.js';
import { LARGE_SWEEP_LANES, largeSweepSection } from './sections-large.js';
import { deltaSection, drawdownSection, equitySection, eventSection, feeSensitivitySection, waterfallSection, type ChosenRun } from './sections-runs.js';
import { num, usd } from './table.js';

export interface ReportOptions {
  engine?: EngineKind;
  /** Extra lane indices to show in detail. */
  select?: readonly number[];
  title?: string;
  /** Most chosen runs shown in detail. */
  maxRuns?: number;
  /** Extra header lines (e.g. data given explicitly instead of the recorded files). */
  notes?: readonly string[];
}

export function chooseLanes(sweep: SweepResults, extra: readonly number[] = [], max = 6): number[] {
  const best = new Map<string, number>();
  sweep.lanes.forEach((r, i) => {
    const k = `${r.params.convention}|${r.params.venue}`;
    const b = best.get(k);
    if (laneInvalid(r) !== null) return; // never chosen as a best run (harness/verdict/finite.ts)
    if (b === undefined || r.annualized > sweep.lanes[b]!.annualized) best.set(k, i);
  });
  return [...new Set([...extra.filter((i) => laneInvalid(sweep.lanes[i]!) === null), ...best.values()])].slice(0, max);
}

function chosenRuns(sweep: SweepResults, data: SeriesByVenue, idx: readonly number[], engine?: EngineKind): ChosenRun[] {
  return idx.map((index) => {
    const params = sweep.lanes[index]!.params;
    const rows = data[params.venue]!;
    const [result] = backtestGrid(rows, [params], { engine, detail: [0] });
    return { index, result: result!, rows };
  });
}

function parametersNote(sweep: SweepResults): string[] {
  const seen = new Map<string, string>();
  for (const r of sweep.lanes) {
    const p = r.params;
    const k = `${p.convention}|${p.venue}`;
    if (seen.has(k)) continue;
    seen.set(k, `${p.convention}/${p.venue}: long open ${p.long.openFeeBps} bps, close ${p.long.closeFeeBps} bps, maintenance ${p.long.maintenance}, penalty ${p.long.penalty.kind} ${p.long.penalty.rate}; ` +
      `perp fee ${p.perp.feeBps} bps, maintenance ${p.perp.maintenance}, penalty ${p.perp.penalty.kind} ${p.perp.penalty.rate}; transfer ${usd(p.transferCost)}, gas ${usd(p.gas)}`);
  }
  return [...seen.values()];
}

/** Invalid runs and skipped combinations listed in the report (all of them stay in the results file). */
export const MAX_LISTED = 200;

function listedNote(shown: number, total: number): string[] {
  return shown < total ? [`Showing ${shown} of ${total}; the results file lists all of them.`] : [];
}

export function buildReport(sweep: SweepResults, data: SeriesByVenue, opts: ReportOptions = {}): ReportModel {
  const chartData: Record<string, unknown> = {};
  const groups = groupLanes(sweep.lanes);
  const runs = chosenRuns(sweep, data, chooseLanes(sweep, opts.select, opts.maxRuns), opts.engine);
  const conventions = [...new Set(sweep.lanes.map((l) => l.params.convention))].join(' and ');
  const invalid = sweep.lanes.map((r, i) => ({ r, i, reason: laneInvalid(r) })).filter((x) => x.reason !== null);
  const header = [
    (invalid.length
      ? `${sweep.lanes.length} lanes (${invalid.length} invalid run(s): a figure not finite, never ranked), ${sweep.skipped.length} skipped as invalid combinations`
      : `${sweep.lanes.length} lanes, ${sweep.skipped.length} skipped as invalid`) + `; convention(s): ${conventions}; trigger ${NEVER_TRIGGER} = never.`,
    ...sweep.series.map((s) => `data ${s.venue}: ${s.file} (${s.from} .. ${s.to}, ${s.days} days)`),
    ...(opts.notes ?? []),
    'parameters used:',
    ...parametersNote(sweep).map((x) => `  ${x}`),
  ];
  const large = sweep.lanes.length > LARGE_SWEEP_LANES;
  const sections = [
    large ? largeSweepSection(sweep, chartData) : matrixSection(groups, chartData),
    bestSection(groups),
    feeSection(groups),
    eventSection(runs),
    feeSensitivitySection(runs, opts.engine),
    waterfallSection(runs, chartData),
    deltaSection(runs),
    equitySection(runs, chartData),
    drawdownSection(runs, chartData),
    venueSection(data, groups, chartData),
    conventionSection(groups),
  ];
  if (invalid.length) {
    const rows = invalid.slice(0, MAX_LISTED).map(({ r, i, reason }) => [String(i), laneLabel(r.params), reason!]);
    const notes = ['Runs whose figures are not finite numbers: reported as invalid, never ranked or drawn as a number.', ...listedNote(rows.length, invalid.length)];
    sections.push({ id: 'invalid', title: 'Invalid runs', notes, charts: [], tables: [{ table: { columns: ['lane', 'run', 'reason'], textColumns: 3, rows } }] });
  }
  if (sweep.skipped.length) {
    const skippedRows = sweep.skipped.slice(0, MAX_LISTED).map((k) => [`${k.overrides.venue} ${k.overrides.convention} ${k.overrides.leverage}x T=${num(k.overrides.trigger ?? NaN, 2)}`, k.reason]);
    sections.push({ id: 'skipped', title: 'Skipped combinations', notes: listedNote(skippedRows.length, sweep.skipped.length), charts: [], tables: [{ table: { columns: ['lane', 'reason'], textColumns: 2, rows: skippedRows } }] });
  }
  return { title: opts.title ?? 'Delta-neutral sweep report', header, sections, chartData };
}
