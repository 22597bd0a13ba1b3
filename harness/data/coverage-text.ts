/** The coverage report of `dnh data align`, as text: window, rows, sources and every partial day. */
import type { Coverage } from '../../engine/venues-data/align.js';
import { isoMinute } from '../../engine/venues-data/records.js';

export function formatCoverage(c: Coverage, dropPartial: boolean): string {
  const lines = [`window ${c.from} .. ${c.to}: ${c.rows} rows`, 'sources:'];
  for (const s of c.sources) {
    lines.push(`  ${s.role.padEnd(8)} ${s.first} .. ${s.last}  ${String(s.days).padStart(5)} days  ${s.format}  ${s.file}`);
  }
  if (c.newestInputMs !== null) lines.push(`newest input time: ${isoMinute(c.newestInputMs)}`);
  if (c.unknownHours > 0) lines.push(`funding hours not recorded by the source on ${c.unknownHours} day(s): not checked for completeness`);
  if (c.partial.length === 0) {
    lines.push('partial days: none');
  } else {
    lines.push(`partial days (${c.partial.length}):`);
    for (const p of c.partial) {
      const mark = c.dropped.includes(p.date) ? 'DROPPED' : 'kept   ';
      lines.push(`  ${p.date}  ${mark}  ${p.reasons.join('; ')}`);
    }
    if (!dropPartial) lines.push('  (kept as they are; --drop-partial trims them from the window edges)');
  }
  return lines.join('\n') + '\n';
}
