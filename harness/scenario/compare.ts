/**
 * Summary statistics of a series, to compare a history with paths generated from its fit
 * (`dnh scenario fit` prints both): does the generator resemble the data?
 */
import type { MarketRow } from '../../engine/data/rows.js';
import { generatePath } from './generator.js';
import type { GeneratorParams } from './params.js';
import { makeRng } from './rng.js';

export interface SeriesStats {
  /** Standard deviation of daily close-to-close log returns. */
  returnSd: number;
  /** Share of days with |log return| above 4 standard deviations. */
  tailShare: number;
  /** Mean of log(high/low). */
  meanRange: number;
  fundingMean: number;
  /** Share of days on which funding changes sign. */
  fundingFlips: number;
  lendMean: number;
  borrowMean: number;
  borrowMax: number;
}

export const STAT_KEYS: readonly (keyof SeriesStats)[] = ['returnSd', 'tailShare', 'meanRange', 'fundingMean', 'fundingFlips', 'lendMean', 'borrowMean', 'borrowMax'];

const avg = (x: readonly number[]): number => x.reduce((a, b) => a + b, 0) / x.length;

export function seriesStats(rows: readonly MarketRow[]): SeriesStats {
  const r = rows.slice(1).map((x, t) => Math.log(x.close / rows[t]!.close));
  const m = avg(r);
  const sd = Math.sqrt(avg(r.map((x) => (x - m) ** 2)));
  let flips = 0;
  for (let t = 1; t < rows.length; t++) if (Math.sign(rows[t]!.funding) !== Math.sign(rows[t - 1]!.funding)) flips++;
  return {
    returnSd: sd,
    tailShare: r.filter((x) => Math.abs(x - m) > 4 * sd).length / r.length,
    meanRange: avg(rows.map((x) => Math.log(x.high / x.low))),
    fundingMean: avg(rows.map((x) => x.funding)),
    fundingFlips: flips / (rows.length - 1),
    lendMean: avg(rows.map((x) => x.lendApy)),
    borrowMean: avg(rows.map((x) => x.borrowApy)),
    borrowMax: rows.reduce((a, x) => Math.max(a, x.borrowApy), -Infinity),
  };
}

/** Statistics averaged over `paths` paths generated from `params` (seeded: `compare/<i>`). */
export function generatedStats(params: GeneratorParams, paths = 50): SeriesStats {
  const all = Array.from({ length: paths }, (_, i) => seriesStats(generatePath(params, makeRng(`compare/${i}`))));
  return Object.fromEntries(STAT_KEYS.map((k) => [k, avg(all.map((s) => s[k]))])) as unknown as SeriesStats;
}

/** A small text table: data vs generated. */
export function compareText(data: SeriesStats, generated: SeriesStats): string {
  const f = (x: number): string => x.toPrecision(4).padStart(12);
  const lines = [`${'statistic'.padEnd(14)}${'data'.padStart(12)}${'generated'.padStart(12)}`];
  for (const k of STAT_KEYS) lines.push(`${k.padEnd(14)}${f(data[k])}${f(generated[k])}`);
  return lines.join('\n') + '\n';
}
