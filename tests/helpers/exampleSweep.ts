/**
 * A small sweep on the bundled example series (leverage 2 and 3, four triggers, both venues, both
 * conventions) as `dnh sweep` would save it, for the report tests.
 */
import { loadCanonicalCsv } from '../../engine/data/csv.js';
import { repoPath } from '../../engine/paths.js';
import { provenance } from '../../harness/io/provenance.js';
import { expandGrid } from '../../harness/sweep/grid.js';
import { runSweep } from '../../harness/sweep/pool.js';
import { laneSummary, seriesInfo, type SweepResults } from '../../harness/sweep/results.js';

export const EXAMPLE_FILE = repoPath('fixtures', 'example', 'sol-synthetic-410d.csv');
export const exampleRows = loadCanonicalCsv(EXAMPLE_FILE);

export async function exampleSweepResults(): Promise<SweepResults> {
  const file = EXAMPLE_FILE;
  const rows = exampleRows;
  const spec = { leverage: [2, 3], trigger: [3, 4, 6, 999], venue: ['hl', 'drift'] as ('hl' | 'drift')[], convention: ['exact', 'study'] as ('exact' | 'study')[] };
  const { lanes, skipped } = expandGrid(spec);
  const results = await runSweep({ hl: rows, drift: rows }, lanes, { workers: 1 });
  return { kind: 'dnh-sweep', version: 2, spec, series: [seriesInfo('hl', file, rows), seriesInfo('drift', file, rows)], lanes: results.map(laneSummary), skipped, provenance: provenance([{ role: 'data-hl', path: file }, { role: 'data-drift', path: file }], spec, ['exact', 'study']) };
}
