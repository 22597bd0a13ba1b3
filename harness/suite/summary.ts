/**
 * From a reduced suite run to its result: per configuration the distribution (return and drawdown
 * percentiles, probability of any liquidation, expected liquidations, probability of ruin, VaR and
 * CVaR 95%), the configuration thresholds, the robust trigger per leverage group, and every failing
 * scenario with the one command that replays it. `hash` covers `content` only (no paths, timings,
 * engine or worker count), so the same suite and seed give the same hash on any machine.
 */
import { NEVER_TRIGGER } from '../../engine/model/params.js';
import type { BacktestParams } from '../../engine/model/types.js';
import { laneLabel } from '../sweep/grid.js';
import { formatLongLiquidation } from '../../engine/model/params.js';
import type { ScenarioFailure, SuiteAggregator } from './aggregate.js';
import { contentHash } from './hash.js';
import { locate, type ScenarioIndex } from './scenarios.js';
import { percentilePositions, selectOrdered, type OrderNeeds } from './select.js';
import { distribution, mean, percentileSorted, tailRisk, TAIL_LEVEL, type Distribution } from './stats.js';
import { isFiniteNumber, withinBound } from '../verdict/finite.js';
import type { Bound, ResolvedSuite } from './types.js';

export interface ThresholdCheck {
  metric: string;
  min?: number;
  max?: number;
  value: number;
  pass: boolean;
}

export interface ConfigSummary {
  config: number;
  label: string;
  params: {
    venue: string; model: string; convention: string; capital: number; leverage: number; trigger: number; longOpenFeeBps: number;
    /**
     * MODEL.md section 10 options, present only when not the default (so a default suite's content,
     * and its hash, are what they were before the options existed); `longLiquidation` as `partial:CF:BONUS`.
     */
    survivor?: string; legPrices?: string; longLiquidation?: string;
  };
  return: Distribution;
  maxDrawdown: Distribution;
  /** Return at percentiles 0, 5, ..., 100 (the distribution's shape, for charts). */
  returnCurve: number[];
  probLiquidation: number;
  expectedLiquidations: number;
  probRuin: number;
  var95: number;
  cvar95: number;
  failingScenarios: number;
  /** Scenarios with a non-finite figure (invalid runs); present only when > 0, so valid suites hash as before. */
  invalidScenarios?: number;
  thresholds: ThresholdCheck[];
  pass: boolean;
}

export interface RobustChoice {
  group: string;
  leverage: number;
  trigger: number;
  config: number;
  by: { metric: string; value: number };
  beside: { metric: string; value: number };
  candidates: number;
  /** Whether the chosen configuration passes its thresholds (the choice does not filter on them). */
  pass: boolean;
}

/** The robust choice: the best configuration among those passing every threshold (null: none passes). */
export interface SuiteChoice {
  config: number;
  label: string;
  by: { metric: string; value: number };
  beside: { metric: string; value: number };
  /** Configurations passing every threshold. */
  passing: number;
}

export interface FailureReport extends ScenarioFailure {
  id: string;
  replay: string;
}

export interface SuiteContent {
  suite: { name: string; description: string; dataSha256: Record<string, string> };
  seed: number;
  scenarios: { total: number; sets: { name: string; kind: string; count: number }[] };
  configurations: ConfigSummary[];
  skipped: { overrides: unknown; reason: string }[];
  robust: RobustChoice[];
  choice: SuiteChoice | null;
  /** `all` (default): the suite passes when every configuration does; `any`: when one does. */
  verdict?: 'any';
  failingScenarios: FailureReport[];
  pass: boolean;
}

export interface SuiteResult {
  hash: string;
  content: SuiteContent;
  meta: { file: string; engine: string; workers: number; elapsedMs: number };
}

/** Metrics where lower is better. */
const LOWER_BETTER = /^(maxDrawdown\.|probLiquidation$|expectedLiquidations$|probRuin$|var95$|cvar95$)/;

export function metricValue(c: ConfigSummary, metric: string): number {
  const m = /^(return|maxDrawdown)\.(p\d+|mean)$/.exec(metric) ?? /^(return)\.(es\d+)$/.exec(metric);
  if (m) return (c[m[1] as 'return' | 'maxDrawdown'] as unknown as Record<string, number>)[m[2]!]!;
  return c[metric as 'probRuin'] as number;
}

function checkBound(metric: string, value: number, b: Bound): ThresholdCheck {
  return { metric, ...b, value, pass: withinBound(value, b) };
}

export const CURVE_STEP = 5;

/** The return curve from the column sorted ascending. */
function curve(sorted: Float64Array): number[] {
  return Array.from({ length: 100 / CURVE_STEP + 1 }, (_, i) => percentileSorted(sorted, i * CURVE_STEP));
}

/**
 * The aggregator's two columns with each configuration's segment ordered where the summary reads it
 * (`selectOrdered` with `summaryNeeds`), and each segment's mean taken (`mean`, scenario order) before
 * it was reordered: what the workers of a multi-worker run hand back (in place, in the aggregator's
 * shared columns). Only the places in `summaryNeeds` are those of a sorted column: anything reading
 * a sorted column elsewhere must add its places there first.
 */
export interface OrderedColumns {
  totalReturn: Float64Array;
  maxDrawdown: Float64Array;
  /** Per configuration: `mean` of its return and drawdown segments in scenario order. */
  returnMean: Float64Array;
  drawdownMean: Float64Array;
}

/**
 * Every place of a configuration's sorted columns (`n` scenarios) the summary reads: the return's
 * percentiles, curve and VaR (two order statistics each) and its lowest values in order for CVaR and
 * the expected shortfalls; the drawdown's percentiles.
 */
export function summaryNeeds(suite: Pick<ResolvedSuite, 'percentiles' | 'shortfalls'>, n: number): { totalReturn: OrderNeeds; maxDrawdown: OrderNeeds } {
  const places = (ps: readonly number[]): number[] => ps.flatMap((p) => percentilePositions(n, p));
  const curvePs = Array.from({ length: 100 / CURVE_STEP + 1 }, (_, i) => i * CURVE_STEP);
  const prefix = Math.max(Math.ceil(TAIL_LEVEL * n), ...(suite.shortfalls ?? []).map((p) => Math.max(1, Math.ceil((p / 100) * n))));
  return {
    totalReturn: { positions: places([...suite.percentiles, ...curvePs, TAIL_LEVEL * 100]), prefix },
    maxDrawdown: { positions: places(suite.percentiles), prefix: 0 },
  };
}

/** `values` copied into `scratch` and ordered where `needs` says (the one-thread run's form of `OrderedColumns`). */
function orderedCopy(values: Float64Array, needs: OrderNeeds, scratch: Float64Array): Float64Array {
  scratch.set(values);
  selectOrdered(scratch, needs);
  return scratch;
}

/** What every configuration's summary shares: the places to order, two scratch columns (one thread). */
interface SummaryWork {
  needs: ReturnType<typeof summaryNeeds>;
  scratch: [Float64Array, Float64Array];
}

function configSummary(suite: ResolvedSuite, agg: SuiteAggregator, l: number, failing: number, work: SummaryWork, sorted?: OrderedColumns): ConfigSummary {
  const p: BacktestParams = suite.grid[l]!;
  const S = agg.scenarios;
  // (With `sorted`, the aggregator's columns may be those very ordered columns: then only the means given are read from them.)
  const ret = agg.column('totalReturn', l);
  const dd = agg.column('maxDrawdown', l);
  // Ordered once (where read) for the distribution, the curve and the tail risk: the values a full sort gives there.
  // (The scratch columns are reused by the next configuration: nothing below keeps them.)
  const retSorted = sorted ? sorted.totalReturn.subarray(l * S, (l + 1) * S) : orderedCopy(ret, work.needs.totalReturn, work.scratch[0]);
  const ddSorted = sorted ? sorted.maxDrawdown.subarray(l * S, (l + 1) * S) : orderedCopy(dd, work.needs.maxDrawdown, work.scratch[1]);
  const c: ConfigSummary = {
    config: l,
    label: laneLabel(p),
    params: {
      venue: p.venue, model: p.model, convention: p.convention, capital: p.capital, leverage: p.leverage, trigger: p.trigger, longOpenFeeBps: p.long.openFeeBps,
      ...(p.survivor !== 'close' ? { survivor: p.survivor } : {}),
      ...(p.legPrices !== 'perp' ? { legPrices: p.legPrices } : {}),
      ...(p.long.liquidation.kind !== 'full' ? { longLiquidation: formatLongLiquidation(p.long.liquidation) } : {}),
    },
    return: distribution(ret, suite.percentiles, suite.shortfalls ?? [], retSorted, sorted ? sorted.returnMean[l]! : mean(ret)),
    maxDrawdown: distribution(dd, suite.percentiles, [], ddSorted, sorted ? sorted.drawdownMean[l]! : mean(dd)),
    returnCurve: curve(retSorted),
    probLiquidation: agg.anyLiquidation[l]! / S,
    expectedLiquidations: agg.liquidationSum[l]! / S,
    probRuin: agg.ruinedCount[l]! / S,
    ...tailRisk(ret, retSorted),
    failingScenarios: failing,
    thresholds: [],
    pass: true,
  };
  if (agg.invalidCount[l]! > 0) c.invalidScenarios = agg.invalidCount[l]!;
  c.thresholds = Object.entries(suite.thresholds.configuration)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([metric, b]) => checkBound(metric, metricValue(c, metric), b));
  c.pass = c.thresholds.every((t) => t.pass) && failing === 0 && c.invalidScenarios === undefined;
  return c;
}

/** Everything but the trigger: `hl rebalance exact $10,000 2x`. */
export function groupKey(p: ConfigSummary['params']): string {
  return (
    `${p.venue} ${p.model} ${p.convention} $${p.capital.toLocaleString('en-US')} ${p.leverage}x` + (p.longOpenFeeBps !== 15 ? ` fee${p.longOpenFeeBps}` : '') +
    (p.survivor !== undefined ? ` survivor=${p.survivor}` : '') +
    (p.legPrices !== undefined ? ` ${p.legPrices}` : '') +
    (p.longLiquidation !== undefined ? ` ${p.longLiquidation}` : '')
  );
}

const sign = (m: string): number => (LOWER_BETTER.test(m) ? -1 : 1);

/** The better of two configurations: `by` first, then `beside`, then the lower trigger (then the first). */
function better(a: ConfigSummary, b: ConfigSummary, by: string, beside: string): ConfigSummary {
  const d1 = sign(by) * (metricValue(b, by) - metricValue(a, by));
  if (d1 !== 0) return d1 > 0 ? b : a;
  const d2 = sign(beside) * (metricValue(b, beside) - metricValue(a, beside));
  if (d2 !== 0) return d2 > 0 ? b : a;
  return b.params.trigger < a.params.trigger ? b : a;
}

/** The robust choice over the whole grid: the best configuration passing every threshold. */
export function suiteChoice(configs: readonly ConfigSummary[], by: string, beside: string): SuiteChoice | null {
  const passing = configs.filter((c) => c.pass);
  if (passing.length === 0) return null;
  const best = passing.reduce((a, b) => better(a, b, by, beside));
  return { config: best.config, label: best.label, by: { metric: by, value: metricValue(best, by) }, beside: { metric: beside, value: metricValue(best, beside) }, passing: passing.length };
}

/** Best configuration per group (everything but the trigger): `by` first, then `beside`, then the lower trigger. */
export function robustChoices(configs: readonly ConfigSummary[], by: string, beside: string): RobustChoice[] {
  const groups = new Map<string, ConfigSummary[]>();
  // Rule 1: a configuration with an invalid run, or a non-finite metric, is never a candidate.
  const valid = (c: ConfigSummary): boolean => c.invalidScenarios === undefined && isFiniteNumber(metricValue(c, by)) && isFiniteNumber(metricValue(c, beside));
  for (const c of configs.filter(valid)) {
    const key = groupKey(c.params);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(c);
  }
  return [...groups.entries()].map(([group, cs]) => {
    const best = cs.reduce((a, b) => better(a, b, by, beside));
    return {
      group,
      leverage: best.params.leverage,
      trigger: best.params.trigger,
      config: best.config,
      by: { metric: by, value: metricValue(best, by) },
      beside: { metric: beside, value: metricValue(best, beside) },
      candidates: cs.length,
      pass: best.pass,
    };
  });
}

/** The one command that replays scenario `id` alone. */
export function replayCommand(file: string, seed: number, id: string, config?: number): string {
  const q = (s: string): string => (/^[\w./:@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return `dnh suite replay ${q(file)} --seed ${seed} --scenario ${q(id)}` + (config !== undefined ? ` --config ${config}` : '');
}

export function summarise(
  suite: ResolvedSuite,
  seed: number,
  agg: SuiteAggregator,
  idx: ScenarioIndex,
  dataSha256: Record<string, string>,
  meta: SuiteResult['meta'],
  sorted?: OrderedColumns,
): SuiteResult {
  const failures: FailureReport[] = agg.failingScenarios().map((f) => {
    const { set, index } = locate(idx, f.scenario);
    const id = `${suite.sets[set]!.name}:${index}`;
    return { ...f, id, replay: replayCommand(suite.file, seed, id) };
  });
  const work: SummaryWork = { needs: summaryNeeds(suite, agg.scenarios), scratch: [new Float64Array(agg.scenarios), new Float64Array(agg.scenarios)] };
  const configurations = suite.grid.map((_, l) => configSummary(suite, agg, l, agg.failCount[l]!, work, sorted));
  const content: SuiteContent = {
    suite: { name: suite.name, description: suite.description, dataSha256 },
    seed,
    scenarios: { total: idx.total, sets: suite.sets.map((s) => ({ name: s.name, kind: s.kind, count: s.count })) },
    configurations,
    skipped: suite.skipped.map((s) => ({ overrides: s.overrides, reason: s.reason })),
    robust: robustChoices(configurations, suite.robust.by, suite.robust.beside),
    choice: suiteChoice(configurations, suite.robust.by, suite.robust.beside),
    ...(suite.verdict === 'any' ? { verdict: 'any' as const } : {}),
    failingScenarios: failures,
    pass: suite.verdict === 'any' ? configurations.some((c) => c.pass) : failures.length === 0 && configurations.every((c) => c.pass),
  };
  return { hash: contentHash(content), content, meta };
}

export function triggerText(t: number): string {
  return t >= NEVER_TRIGGER ? 'never' : String(t);
}
