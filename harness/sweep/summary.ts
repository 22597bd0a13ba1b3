/** The short summary `dnh sweep` prints without `--report`: counts, skipped lanes, the best lanes. */
import { laneLabel } from './grid.js';
import { laneInvalid, type SweepResults } from './results.js';
import { pct, textTable, usd } from '../report/table.js';
import { drawdown } from '../../engine/format/number.js';

export const SUMMARY_TOP = 10;

export function formatSweepSummary(s: SweepResults): string {
  const out: string[] = [];
  const invalid = s.lanes.map((r, i) => ({ r, i, reason: laneInvalid(r) })).filter((x) => x.reason !== null);
  out.push(`sweep: ${s.lanes.length} lanes run, ${s.skipped.length} skipped` + (invalid.length ? `, ${invalid.length} invalid (a figure not finite; never ranked)` : ''));
  for (const i of s.series) out.push(`  data ${i.venue}: ${i.file} (${i.from} .. ${i.to}, ${i.days} days)`);
  const best = s.lanes
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => laneInvalid(r) === null)
    .sort((a, b) => b.r.annualized - a.r.annualized || a.i - b.i)
    .slice(0, SUMMARY_TOP);
  out.push('', `best ${best.length} lanes by annualised return:`);
  out.push(
    textTable({
      columns: ['lane', 'run', 'final equity', 'annualised', 'max DD', 'liqs', 'rebals', 'rots'],
      textColumns: 2,
      rows: best.map(({ r, i }) => [String(i), laneLabel(r.params), usd(r.finalEquity), pct(r.annualized), drawdown(r.maxDrawdown, 1), String(r.liquidations), String(r.rebalances), String(r.rotations)]),
    }),
  );
  if (invalid.length) {
    out.push(`invalid runs (a figure that is not a finite number): ${invalid.length}`);
    for (const { r, i, reason } of invalid) out.push(`  lane ${i} ${laneLabel(r.params)}: ${reason}`);
  }
  if (s.skipped.length) {
    out.push(`skipped (invalid combinations, MODEL.md section 3): ${s.skipped.length}`);
    for (const k of s.skipped) {
      const o = k.overrides;
      out.push(`  ${o.venue} ${o.model} ${o.convention} $${o.capital} ${o.leverage}x/${o.trigger}: ${k.reason}`);
    }
  }
  return out.join('\n') + '\n';
}
