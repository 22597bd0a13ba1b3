/**
 * The series a sweep or report runs on: `--data F` for every venue, or `--data-hl F` / `--data-drift F`
 * per venue (so a venue comparison uses each venue's own funding).
 */
import { loadCanonicalCsv } from '../../engine/data/csv.js';
import type { MarketRow } from '../../engine/data/rows.js';
import { UsageError } from '../../engine/errors.js';
import { VENUES, type Venue } from '../../engine/model/types.js';
import { recordedPath } from '../io/provenance.js';
import { sliceByDay, type DayRange } from '../data/range.js';
import type { SeriesByVenue } from './lanes.js';
import { seriesInfo, type SeriesInfo } from './results.js';

export interface LoadedSeries {
  data: SeriesByVenue;
  /** The files as recorded in results (absolute, or `repo:` inside the checkout). */
  info: SeriesInfo[];
  /** The file each venue was read from, as given. */
  files: Partial<Record<Venue, string>>;
}

/** `range` (`--from/--to`, harness/data/range.ts) cuts every venue's rows; the info records the cut series. */
export function loadSeries(files: { all?: string; hl?: string; drift?: string }, venues: readonly Venue[], range: DayRange = {}): LoadedSeries {
  const cache = new Map<string, MarketRow[]>();
  const load = (f: string) => {
    let rows = cache.get(f);
    if (!rows) cache.set(f, (rows = sliceByDay(loadCanonicalCsv(f), (r) => r.date, range, f)));
    return rows;
  };
  const data: SeriesByVenue = {};
  const info: SeriesInfo[] = [];
  const used: Partial<Record<Venue, string>> = {};
  for (const v of VENUES) {
    if (!venues.includes(v)) continue;
    const f = files[v] ?? files.all;
    if (!f) throw new UsageError(`no data for venue ${v}: give --data FILE or --data-${v} FILE`);
    data[v] = load(f);
    used[v] = f;
    info.push(seriesInfo(v, recordedPath(f), data[v]!));
  }
  return { data, info, files: used };
}
