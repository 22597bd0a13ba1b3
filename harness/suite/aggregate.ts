/**
 * Streaming reduction of a suite run with bounded memory: per configuration, the per-scenario
 * return and drawdown (two doubles per lane, for percentiles) and running counts for liquidations and
 * ruin; scenario-threshold failures are checked as each chunk arrives and kept per scenario (at most
 * `MAX_FAILED_CONFIGS` configurations in detail, all of them counted). Chunks may arrive in any
 * order: everything is stored by scenario number, so the result cannot depend on the worker count.
 */
import { breachText } from './threshold-text.js';
import type { ChunkResult } from './chunk.js';
import { isFiniteNumber, notFiniteReason, withinBound } from '../verdict/finite.js';
import type { Bound, ScenarioThresholds } from './types.js';

export const MAX_FAILED_CONFIGS = 5;

export interface FailedConfig {
  config: number;
  reasons: string[];
  totalReturn: number;
  maxDrawdown: number;
  liquidations: number;
  ruined: boolean;
}

export interface ScenarioFailure {
  /** Global scenario number. */
  scenario: number;
  failedConfigs: number;
  configs: FailedConfig[];
}

function breach(name: string, v: number, b: Bound | undefined): string | null {
  // A non-finite value is reported once, as an invalid run (see check), not again as a breach.
  if (!b || withinBound(v, b) || !Number.isFinite(v)) return null;
  return breachText(name, v, b);
}

const INVALID_PREFIX = 'invalid run: ';

/**
 * Why one run fails its scenario thresholds (empty: it passes). Rule 1 (harness/verdict/finite.ts):
 * a non-finite figure fails the scenario whatever the thresholds. Also used by `dnh suite replay`.
 */
export function scenarioReasons(t: ScenarioThresholds, ret: number, dd: number, liq: number, ruined: boolean): string[] {
  const invalid = ([['return', ret], ['maxDrawdown', dd], ['liquidations', liq]] as const).filter(([, v]) => !isFiniteNumber(v)).map(([name, v]) => `${INVALID_PREFIX}${notFiniteReason(name, v)}`);
  const reasons = [...invalid, breach('return', ret, t.return), breach('maxDrawdown', dd, t.maxDrawdown), breach('liquidations', liq, t.liquidations)].filter(
    (x): x is string => x !== null,
  );
  if (t.ruined === false && ruined) reasons.push('ruined');
  return reasons;
}

export class SuiteAggregator {
  /** Config-major: `[config * scenarios + scenario]`. */
  readonly totalReturn: Float64Array;
  readonly maxDrawdown: Float64Array;
  readonly anyLiquidation: Float64Array;
  readonly liquidationSum: Float64Array;
  readonly ruinedCount: Float64Array;
  /** Scenarios failing a scenario threshold, per configuration. */
  readonly failCount: Float64Array;
  /** Scenarios whose figures are not all finite (invalid runs), per configuration. */
  readonly invalidCount: Float64Array;
  private readonly failures = new Map<number, ScenarioFailure>();
  private done = 0;

  /**
   * `shared`: the two columns live in SharedArrayBuffers, so suite workers can order them in place at
   * the end of a run (`runner.ts`) without copies (each fresh copy of ~100 MB costs ~0.4 s of page faults here).
   */
  constructor(
    readonly scenarios: number,
    readonly configs: number,
    private readonly thresholds: ScenarioThresholds,
    shared = false,
  ) {
    const column = (): Float64Array => (shared ? new Float64Array(new SharedArrayBuffer(8 * scenarios * configs)) : new Float64Array(scenarios * configs));
    this.totalReturn = column();
    this.maxDrawdown = column();
    this.anyLiquidation = new Float64Array(configs);
    this.liquidationSum = new Float64Array(configs);
    this.ruinedCount = new Float64Array(configs);
    this.failCount = new Float64Array(configs);
    this.invalidCount = new Float64Array(configs);
  }

  /**
   * Touch every page of the two columns once (writing the zero already there): the first touch of
   * fresh memory costs ~0.4 s per 115 MB of page faults on this VM, and the runner does it while its
   * workers start, instead of during the run where it competes with them for the cores. Does
   * nothing once a chunk has been added (it would overwrite figures).
   */
  prefault(): void {
    if (this.done > 0) return;
    for (const col of [this.totalReturn, this.maxDrawdown]) {
      for (let i = 0; i < col.length; i += 512) col[i] = 0;
    }
  }

  /** Scenarios reduced so far. */
  get completed(): number {
    return this.done;
  }

  /**
   * Configuration-major loops (the stores into the config-major columns are then consecutive; with
   * the scenario loop outside, every store was a cache miss `S` doubles away). Each scenario still
   * sees its configurations in grid order, so failures are recorded as before; the counts are
   * integer sums, exact in any order.
   */
  add(c: ChunkResult): void {
    const L = this.configs;
    const S = this.scenarios;
    for (let l = 0; l < L; l++) {
      const base = l * S;
      let anyLiq = 0;
      let liqSum = 0;
      let ruinedN = 0;
      for (let g = c.from; g < c.to; g++) {
        const o = (g - c.from) * L + l;
        const ret = c.totalReturn[o]!;
        const dd = c.maxDrawdown[o]!;
        const liq = c.liquidations[o]!;
        const ruined = c.ruined[o] === 1;
        this.totalReturn[base + g] = ret;
        this.maxDrawdown[base + g] = dd;
        if (liq > 0) anyLiq += 1;
        liqSum += liq;
        if (ruined) ruinedN += 1;
        if (!this.passes(ret, dd, liq, ruined)) this.check(g, l, ret, dd, liq, ruined);
      }
      this.anyLiquidation[l]! += anyLiq;
      this.liquidationSum[l]! += liqSum;
      this.ruinedCount[l]! += ruinedN;
    }
    this.done += c.to - c.from;
  }

  /** True when `check` would find no reason (all finite, within every bound, not a failing ruin); allocates nothing. */
  private passes(ret: number, dd: number, liq: number, ruined: boolean): boolean {
    const t = this.thresholds;
    return (
      Number.isFinite(ret) && Number.isFinite(dd) && Number.isFinite(liq) &&
      (!t.return || withinBound(ret, t.return)) &&
      (!t.maxDrawdown || withinBound(dd, t.maxDrawdown)) &&
      (!t.liquidations || withinBound(liq, t.liquidations)) &&
      !(t.ruined === false && ruined)
    );
  }

  private check(g: number, l: number, ret: number, dd: number, liq: number, ruined: boolean): void {
    const reasons = scenarioReasons(this.thresholds, ret, dd, liq, ruined);
    if (reasons.some((r) => r.startsWith(INVALID_PREFIX))) this.invalidCount[l]! += 1;
    if (reasons.length === 0) return;
    this.failCount[l]! += 1;
    let f = this.failures.get(g);
    if (!f) this.failures.set(g, (f = { scenario: g, failedConfigs: 0, configs: [] }));
    f.failedConfigs++;
    if (f.configs.length < MAX_FAILED_CONFIGS) f.configs.push({ config: l, reasons, totalReturn: ret, maxDrawdown: dd, liquidations: liq, ruined });
  }

  /** Failing scenarios in scenario order (configurations within each in grid order). */
  failingScenarios(): ScenarioFailure[] {
    return [...this.failures.values()].sort((a, b) => a.scenario - b.scenario);
  }

  column(metric: 'totalReturn' | 'maxDrawdown', config: number): Float64Array {
    return this[metric].subarray(config * this.scenarios, (config + 1) * this.scenarios);
  }
}
