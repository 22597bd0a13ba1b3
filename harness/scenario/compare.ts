/**
 * Summary statistics of a series, to compare a history with paths generated from its fit
 * (`dnh scenario fit` prints both, with each statistic's tolerance and whether it holds): does the
 * generator resemble the data? Tolerances and why: docs/scenario-suites.md ("Generator realism").
 */
import type { MarketRow } from '../../engine/data/rows.js';
import { autocorrelation } from './fit-funding.js';
import { generatePath } from './generator.js';
import type { GeneratorParams } from './params.js';
import { poissonInterval } from './poisson.js';
import { makeRng } from './rng.js';

/** A flash-crash wick: the low at least 30% below the day's open. */
export const FLASH_DROP = 0.3;
/** The borrow APY above which a day counts as a spike day. */
export const BORROW_SPIKE_APY = 0.15;

export interface SeriesStats {
  /** Standard deviation of daily close-to-close log returns. */
  returnSd: number;
  /** Share of days with |log return| above 4 standard deviations. */
  tailShare: number;
  /** Mean of log(high/low). */
  meanRange: number;
  /** Mean of log(high/max(open, close)). */
  upWick: number;
  /** Mean of log(min(open, close)/low). */
  downWick: number;
  /** 99th percentile (type 7) of the up-wick. */
  upWickP99: number;
  /** 99th percentile (type 7) of the down-wick. */
  downWickP99: number;
  /** Days with low <= (1 - FLASH_DROP) * open, per 1,000 days. */
  flashPer1000: number;
  fundingMean: number;
  /** Share of days with negative funding. */
  fundingNegative: number;
  /** Share of days on which funding changes sign. */
  fundingFlips: number;
  /** Autocorrelation of daily funding at lag 1 and lag 7. */
  fundingAc1: number;
  fundingAc7: number;
  lendMean: number;
  borrowMean: number;
  borrowMax: number;
  /** Share of days with borrow APY above BORROW_SPIKE_APY. */
  borrowAbove15: number;
}

export const STAT_KEYS: readonly (keyof SeriesStats)[] = [
  'returnSd',
  'tailShare',
  'meanRange',
  'upWick',
  'downWick',
  'upWickP99',
  'downWickP99',
  'flashPer1000',
  'fundingMean',
  'fundingNegative',
  'fundingFlips',
  'fundingAc1',
  'fundingAc7',
  'lendMean',
  'borrowMean',
  'borrowMax',
  'borrowAbove15',
];

const avg = (x: readonly number[]): number => x.reduce((a, b) => a + b, 0) / x.length;

function p99(x: number[]): number {
  const s = x.sort((a, b) => a - b);
  const h = (s.length - 1) * 0.99;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * (s[Math.min(s.length - 1, lo + 1)]! - s[lo]!);
}

export function seriesStats(rows: readonly MarketRow[]): SeriesStats {
  const r = rows.slice(1).map((x, t) => Math.log(x.close / rows[t]!.close));
  const m = avg(r);
  const sd = Math.sqrt(avg(r.map((x) => (x - m) ** 2)));
  const f = rows.map((x) => x.funding);
  let flips = 0;
  for (let t = 1; t < rows.length; t++) if (Math.sign(f[t]!) !== Math.sign(f[t - 1]!)) flips++;
  const up = rows.map((x) => Math.log(x.high / Math.max(x.open, x.close)));
  const down = rows.map((x) => Math.log(Math.min(x.open, x.close) / x.low));
  return {
    returnSd: sd,
    tailShare: r.filter((x) => Math.abs(x - m) > 4 * sd).length / r.length,
    meanRange: avg(rows.map((x) => Math.log(x.high / x.low))),
    upWick: avg(up),
    downWick: avg(down),
    upWickP99: p99(up),
    downWickP99: p99(down),
    flashPer1000: (1000 * rows.filter((x) => x.low <= (1 - FLASH_DROP) * x.open).length) / rows.length,
    fundingMean: avg(f),
    fundingNegative: f.filter((x) => x < 0).length / f.length,
    fundingFlips: flips / (rows.length - 1),
    fundingAc1: autocorrelation(f, 1),
    fundingAc7: autocorrelation(f, 7),
    lendMean: avg(rows.map((x) => x.lendApy)),
    borrowMean: avg(rows.map((x) => x.borrowApy)),
    borrowMax: rows.reduce((a, x) => Math.max(a, x.borrowApy), -Infinity),
    borrowAbove15: rows.filter((x) => x.borrowApy > BORROW_SPIKE_APY).length / rows.length,
  };
}

/** Paths `fitCompare` averages over by default. */
export const COMPARE_PATHS = 200;

/** Statistics averaged over `paths` paths generated from `params` (seeded: `compare/<i>`). */
export function generatedStats(params: GeneratorParams, paths = COMPARE_PATHS): SeriesStats {
  const all = Array.from({ length: paths }, (_, i) => seriesStats(generatePath(params, makeRng(`compare/${i}`))));
  return Object.fromEntries(STAT_KEYS.map((k) => [k, avg(all.map((s) => s[k]))])) as unknown as SeriesStats;
}

/**
 * A realism check: generated (mean over paths of the data's length) against the data. `abs`: within
 * `tol` of the data; `rel`: within `tol` times the data; `poisson`: the data's count of events over
 * its days is a Poisson draw, and the generated rate lies in its two-sided 95% interval (exact, from
 * the chi-square quantiles; for 0 events [0, 3.69/days]) and, when the data has events, above 0; `ratio`: the down/up wick
 * ratio within `tol` of the data's, and above 1 when the data's is.
 */
export interface RealismCheck {
  item: string;
  key: keyof SeriesStats | 'wickRatio';
  kind: 'abs' | 'rel' | 'poisson' | 'ratio';
  tol: number;
  /** With `abs`: the tolerance is the larger of `tol` and `orRel` times the data. */
  orRel?: number;
}

/** The items of issue 9 point 7 (docs/scenario-suites.md "Generator realism"). */
export const REALISM_CHECKS: readonly RealismCheck[] = [
  { item: 'wicks', key: 'upWick', kind: 'rel', tol: 0.15 },
  { item: 'wicks', key: 'downWick', kind: 'rel', tol: 0.15 },
  { item: 'wicks', key: 'wickRatio', kind: 'ratio', tol: 0.15 },
  { item: 'wicks', key: 'downWickP99', kind: 'rel', tol: 0.3 },
  { item: 'wicks', key: 'flashPer1000', kind: 'poisson', tol: 0 },
  { item: 'funding', key: 'fundingNegative', kind: 'abs', tol: 0.05 },
  { item: 'funding', key: 'fundingFlips', kind: 'abs', tol: 0.04 },
  { item: 'funding', key: 'fundingAc1', kind: 'abs', tol: 0.1 },
  { item: 'funding', key: 'fundingAc7', kind: 'abs', tol: 0.1 },
  { item: 'borrow', key: 'borrowAbove15', kind: 'abs', tol: 0.02, orRel: 0.25 },
  { item: 'borrow', key: 'borrowMean', kind: 'abs', tol: 0.01 },
];

export interface RealismRow {
  item: string;
  statistic: string;
  data: number;
  generated: number;
  tolerance: string;
  pass: boolean;
}

/** Every realism check of `REALISM_CHECKS`, data against generated; `days` is the data's length. */
export function realismRows(data: SeriesStats, generated: SeriesStats, days: number): RealismRow[] {
  return REALISM_CHECKS.map((c) => {
    if (c.key === 'wickRatio') {
      const d = data.downWick / data.upWick;
      const g = generated.downWick / generated.upWick;
      return { item: c.item, statistic: 'downWick/upWick', data: d, generated: g, tolerance: `+-${c.tol}, > 1 if the data's is`, pass: (d <= 1 || g > 1) && Math.abs(g - d) <= c.tol };
    }
    const d = data[c.key];
    const g = generated[c.key];
    if (c.kind === 'poisson') {
      const count = Math.round((d * days) / 1000);
      const [lo, hi] = poissonInterval(count).map((x) => (1000 * x) / days) as [number, number];
      return { item: c.item, statistic: c.key, data: d, generated: g, tolerance: `[${lo.toPrecision(3)}, ${hi.toPrecision(3)}]` + (count > 0 ? ', > 0' : ''), pass: (count === 0 || g > 0) && g >= lo && g <= hi };
    }
    const tol = c.kind === 'rel' ? c.tol * Math.abs(d) : Math.max(c.tol, (c.orRel ?? 0) * Math.abs(d));
    const text = c.kind === 'rel' ? `+-${c.tol * 100}%` : `+-${c.tol}` + (c.orRel ? ` or +-${c.orRel * 100}%` : '');
    return { item: c.item, statistic: c.key, data: d, generated: g, tolerance: text, pass: Math.abs(g - d) <= tol };
  });
}

/** A text table: data vs generated for every statistic, then the realism checks with their verdicts. */
export function compareText(data: SeriesStats, generated: SeriesStats, days?: number): string {
  const f = (x: number): string => x.toPrecision(4).padStart(12);
  const lines = [`${'statistic'.padEnd(16)}${'data'.padStart(12)}${'generated'.padStart(12)}`];
  for (const k of STAT_KEYS) lines.push(`${k.padEnd(16)}${f(data[k])}${f(generated[k])}`);
  if (days !== undefined) {
    lines.push('', `realism (docs/scenario-suites.md): ${'item'.padEnd(8)} ${'statistic'.padEnd(16)}${'data'.padStart(12)}${'generated'.padStart(12)}  tolerance`);
    for (const r of realismRows(data, generated, days)) {
      lines.push(`  ${r.pass ? 'ok  ' : 'FAIL'} ${r.item.padEnd(8)} ${r.statistic.padEnd(16)}${f(r.data)}${f(r.generated)}  ${r.tolerance}`);
    }
  }
  return lines.join('\n') + '\n';
}
