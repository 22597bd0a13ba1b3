/**
 * Several funding files of one venue merged by hour (the Hyperliquid API pages its history, and the
 * same hours often come from two downloads). Records are keyed by clock hour `floor(ms / 3,600,000)`;
 * an hour present in two files must carry exactly the same rate there (else a `DataError` naming both
 * files and records). The merged hours are summed per UTC day in hour order. Daily files cannot be
 * merged (their hours are gone).
 */
import { DataError } from '../errors.js';
import { checkSameAsset } from './asset.js';
import { dayOfMs } from '../data/dates.js';
import { sumHourlyByDay } from './hourly.js';
import { isoOf, MS_PER_HOUR, type DailyFunding, type Loaded } from './records.js';

interface Hour {
  ms: number;
  rate: number;
  record: number;
  file: string;
}

export function mergeFunding(sources: readonly Loaded<DailyFunding>[]): Loaded<DailyFunding> {
  if (sources.length === 1) return sources[0]!;
  const perDay = sources[0]!.perDay ?? 24;
  for (const s of sources) {
    if ((s.perDay ?? 24) !== perDay) throw new DataError({ file: s.file }, `funding interval differs from ${sources[0]!.file} (${24 / (s.perDay ?? 24)} h vs ${24 / perDay} h): cannot merge`);
  }
  checkSameAsset(sources.map((s) => ({ role: 'funding', file: s.file, asset: s.asset })));
  const byHour = new Map<number, Hour>();
  for (const s of sources) {
    if (!s.hourly) throw new DataError({ file: s.file }, `${s.format} holds daily values only: it cannot be merged with other funding files by hour`);
    for (const h of s.hourly) {
      const key = Math.floor(h.ms / MS_PER_HOUR);
      const seen = byHour.get(key);
      if (!seen) byHour.set(key, { ...h, file: s.file });
      else if (seen.rate !== h.rate) {
        throw new DataError(
          { file: s.file, row: h.record, date: isoOf(dayOfMs(h.ms)), field: 'fundingRate' },
          `hour overlaps ${seen.file} record ${seen.record} with a different rate (${h.rate} vs ${seen.rate})`,
        );
      }
    }
  }
  const hours = [...byHour.entries()].sort((a, b) => a[0] - b[0]).map(([, h]) => h);
  const file = sources.map((s) => s.file).join(' + ');
  const days = sumHourlyByDay(hours, file, 'time');
  return {
    file,
    format: `union by hour of ${sources.length} files (${[...new Set(sources.map((s) => s.format))].join(', ')})`,
    days,
    lastMs: Math.max(...sources.map((s) => s.lastMs ?? -Infinity)),
    hourly: hours.map(({ ms, rate, record }) => ({ ms, rate, record })),
    perDay,
    ...(sources.find((s) => s.asset) ? { asset: sources.find((s) => s.asset)!.asset } : {}),
  };
}
