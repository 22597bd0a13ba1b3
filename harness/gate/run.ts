/**
 * `dnh gate`'s work for one live configuration (docs/gate.md): each suite it names, run by the suite
 * runner on a grid of exactly that configuration with the configuration's thresholds; invariants over
 * every run (MODEL.md section 6 identity within 1e-9*C, health within [0, 100], every figure finite);
 * no liquidation in the named stress sets; the strategy engine over the paper venue on the stress paths
 * (no liquidation, no hedge timeout, the crosscheck within its tolerance); the Drift command flow
 * against the real program on the local chain (`not run` without the binaries, and then the gate
 * fails). Returns the checks; the report (report.ts) adds the identity, the clock and the hash.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { backtestGrid } from '../../engine/backtest.js';
import { DataError } from '../../engine/errors.js';
import type { BacktestResult } from '../../engine/model/types.js';
import { stepsFromDaily } from '../../engine/paper/replay.js';
import { DEFAULT_ALERTS } from '../../engine/alerts/healthAlerts.js';
import { runPaper } from '../../engine/drivers/paperDriver.js';
import { missingBinariesMessage, programBinaries } from '../chain/program/binaries.js';
import { compare, kernelTerms, paperSettings } from '../crosscheck/compare.js';
import { resolveSuite, validateSuiteDocument } from '../suite/load.js';
import { runSuite } from '../suite/runner.js';
import { indexScenarios, locate, scenarioPath } from '../suite/scenarios.js';
import { metricValue } from '../suite/summary.js';
import type { ResolvedSuite, SuiteFile } from '../suite/types.js';
import { invalidReason, isFiniteNumber, withinBound } from '../verdict/finite.js';
import { executionOptions, modelName, type LiveConfig } from './config.js';

export type Verdict = 'pass' | 'fail' | 'not run';

export interface GateCheck {
  id: string;
  /** a finite number, or its string when not finite ("NaN"), or null when the check has no figure */
  figure: number | string | null;
  threshold: string;
  verdict: Verdict;
  detail?: string;
}

export interface GateRunOptions {
  /** the configuration file (suite files are relative to it) */
  file: string;
  workers?: number;
  /** tests: at most this many paths per scenario set (the report is then marked reduced and never unlocks live) */
  maxPathsPerSet?: number;
  /** skip the chain part (tests that only look at the simulation checks); it is then `not run` */
  skipChain?: boolean;
  progress?: (text: string) => void;
  /** tests: replaces a suite's result figures before they are judged */
  tamperSuite?: (s: { configurations: { return: Record<string, number> }[] }) => void;
  now?: () => number;
}

export interface GateRun {
  checks: GateCheck[];
  seeds: Record<string, number>;
  reduced: false | { maxPathsPerSet: number };
}

const figureOf = (v: number): number | string => (Number.isFinite(v) ? v : String(v));
const boundText = (b: { min?: number; max?: number }): string => [b.min !== undefined ? `>= ${b.min}` : '', b.max !== undefined ? `<= ${b.max}` : ''].filter(Boolean).join(' and ');

function check(id: string, value: number, bound: { min?: number; max?: number }, detail?: string): GateCheck {
  const ok = isFiniteNumber(value) && withinBound(value, bound);
  return { id, figure: figureOf(value), threshold: boundText(bound), verdict: ok ? 'pass' : 'fail', ...(detail ? { detail } : {}) };
}

/** The suite file with its grid replaced by exactly the live configuration and its thresholds. */
export function restrictSuite(doc: SuiteFile, c: LiveConfig, maxPathsPerSet?: number): SuiteFile {
  const grid: Record<string, unknown> = {
    venue: [c.venue],
    leverage: [c.strategy.leverage],
    trigger: [c.strategy.trigger],
    model: [modelName(c.strategy.model)],
    convention: ['exact'],
    capital: [c.strategy.capital],
  };
  if (c.strategy.minTriggerRatio !== undefined) grid.minTriggerRatio = c.strategy.minTriggerRatio;
  for (const [k, v] of Object.entries(executionOptions(c.execution))) grid[k] = [v];
  const scenarios = doc.scenarios.map((s) => (maxPathsPerSet !== undefined && 'count' in s ? { ...s, count: Math.min(s.count, maxPathsPerSet) } : s));
  return { ...doc, scenarios, grid, verdict: 'all', thresholds: {}, robust: undefined };
}

const identityGap = (r: BacktestResult, C: number): number => {
  const w = r.waterfall;
  const sum = w.lendIncome - w.borrowInterest + w.funding - w.fees - w.transferCosts - w.penalties + w.pricePnl + w.badDebt;
  return Math.abs(r.finalEquity - C - sum) / C;
};

async function suiteChecks(c: LiveConfig, spec: LiveConfig['suites'][number], idx: number, opts: GateRunOptions, seeds: Record<string, number>): Promise<GateCheck[]> {
  const file = resolve(dirname(opts.file), spec.file);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DataError({ file: opts.file, field: `suites[${idx}].file` }, `cannot read suite ${file}: ${(e as Error).message}`);
  }
  const suiteDoc = restrictSuite(validateSuiteDocument(doc, file), c, opts.maxPathsPerSet);
  const suite: ResolvedSuite = resolveSuite({ ...suiteDoc, thresholds: { configuration: spec.thresholds } }, file);
  if (suite.grid.length !== 1) throw new DataError({ file: opts.file, field: 'strategy' }, `the configuration resolves to ${suite.grid.length} runs per path in ${file}, expected 1 (${suite.skipped.map((s) => s.reason).join('; ')})`);
  const names = new Set(suite.sets.map((s) => s.name));
  spec.noLiquidationIn.forEach((n, j) => {
    if (!names.has(n)) throw new DataError({ file: opts.file, field: `suites[${idx}].noLiquidationIn[${j}]` }, `no scenario set "${n}" in ${file} (sets: ${[...names].join(', ')})`);
  });
  const seed = spec.seed ?? suite.seed;
  const tag = `suite ${suite.name}`;
  seeds[suite.name] = seed;
  const out: GateCheck[] = [];

  // 1. The suite runner, thresholds on the one configuration.
  const total = indexScenarios(suite).total;
  let shown = -1;
  const r = await runSuite(suite, {
    seed,
    workers: opts.workers ?? 1,
    onProgress: (done, all) => {
      const pct = Math.floor((100 * done) / all);
      if (pct >= shown + 10 || done === all) opts.progress?.(`${tag}: ${done}/${all} paths\n`), (shown = pct);
    },
  });
  opts.tamperSuite?.(r.content as unknown as { configurations: { return: Record<string, number> }[] });
  const cfg = r.content.configurations[0]!;
  for (const [metric, bound] of Object.entries(spec.thresholds)) out.push(check(`${tag}: ${metric}`, metricValue(cfg, metric), bound));
  out.push(check(`${tag}: invalid scenarios (a non-finite figure)`, cfg.invalidScenarios ?? 0, { max: 0 }));

  // 2. Every run again with its full result: the invariants and the named stress sets.
  opts.progress?.(`${tag}: invariants over ${total} runs\n`);
  const C = suite.grid[0]!.capital;
  let worstGap = 0;
  let healthLo = Infinity;
  let healthHi = -Infinity;
  let nonFinite = 0;
  let firstNonFinite = '';
  const liquidatedIn = new Map<string, number>(spec.noLiquidationIn.map((n) => [n, 0]));
  const stressPaths: { set: string; rows: ReturnType<typeof scenarioPath>; result: BacktestResult }[] = [];
  const sidx = indexScenarios(suite);
  const perSet = new Map<string, number>();
  for (let g = 0; g < total; g++) {
    const { set, index } = locate(sidx, g);
    const s = suite.sets[set]!;
    const rows = scenarioPath(s, seed, index);
    const res = backtestGrid(rows, suite.grid, { engine: 'wasm' })[0]!;
    const bad = invalidReason(res);
    if (bad !== null) {
      nonFinite++;
      firstNonFinite ||= `${s.name}#${index}: ${bad}`;
    }
    const gap = identityGap(res, C);
    worstGap = Number.isNaN(gap) ? NaN : Math.max(worstGap, gap);
    healthLo = Math.min(healthLo, res.minHealthLong, res.minHealthShort);
    healthHi = Math.max(healthHi, res.minHealthLong, res.minHealthShort);
    if (res.liquidations > 0 && liquidatedIn.has(s.name)) liquidatedIn.set(s.name, liquidatedIn.get(s.name)! + 1);
    const k = perSet.get(s.name) ?? 0;
    if (s.kind === 'stress' && liquidatedIn.has(s.name) && k < c.paper.pathsPerSet) {
      stressPaths.push({ set: s.name, rows, result: res });
      perSet.set(s.name, k + 1);
    }
  }
  out.push(check(`${tag}: invariant |F - C - waterfall| / C, worst run`, worstGap, { max: 1e-9 }));
  out.push(check(`${tag}: invariant minimum health, lowest`, healthLo, { min: 0, max: 100 }));
  out.push(check(`${tag}: invariant minimum health, highest`, healthHi, { min: 0, max: 100 }));
  out.push(check(`${tag}: invariant runs with a non-finite figure`, nonFinite, { max: 0 }, firstNonFinite || undefined));
  for (const [n, count] of liquidatedIn) out.push(check(`${tag}: runs liquidated in stress set ${n}`, count, { max: 0 }));

  // 3. The strategy engine over the paper venue on the stress paths.
  opts.progress?.(`${tag}: strategy engine over the paper venue on ${stressPaths.length} paths of the named stress sets\n`);
  let paperLiq = 0;
  let timeouts = 0;
  let alerts = 0;
  let misLevelled = 0;
  let misWhere = '';
  let worstDiff = 0;
  let where = '';
  for (const p of stressPaths) {
    const params = suite.grid[0]!;
    const settings = paperSettings(params as Parameters<typeof paperSettings>[0], { slippage: false });
    const run = await runPaper(stepsFromDaily(p.rows), settings);
    const ac = { ...DEFAULT_ALERTS, ...settings.alerts };
    for (const a of run.alerts) {
      alerts++;
      const want = a.health < ac.criticalBelow ? 'critical' : a.health < ac.warningBelow ? 'warning' : null;
      const threshold = want === 'critical' ? ac.criticalBelow : ac.warningBelow;
      if (a.level !== want || a.threshold !== threshold) {
        misLevelled++;
        misWhere ||= `${p.set}: ${a.level} at health ${a.health} (threshold ${a.threshold})`;
      }
    }
    paperLiq += run.liquidations.perp.length + run.liquidations.spot.length;
    timeouts += run.events.filter((e) => e.kind === 'strategy' && e.text.startsWith('hedge-timeout')).length;
    const cc = compare(C, { finalEquity: p.result.finalEquity, terms: kernelTerms(p.result.waterfall), liquidations: p.result.liquidations, rebalances: p.result.rebalances, rotations: p.result.rotations }, run);
    const d = Math.abs(cc.diff.finalEquity) / C;
    if (!(d <= worstDiff)) {
      worstDiff = Number.isNaN(d) ? NaN : d;
      where = p.set;
    }
  }
  out.push(check(`${tag}: paper venue liquidations on the named stress paths`, paperLiq, { max: 0 }));
  out.push(check(`${tag}: paper venue alerts at a wrong level`, misLevelled, { max: 0 }, misWhere || `${alerts} alerts, each at its level`));
  out.push(check(`${tag}: paper venue legs left unhedged until the hedge timeout fired`, timeouts, { max: 0 }));
  out.push(check(`${tag}: crosscheck |paper - kernel| / C, worst named stress path`, worstDiff, { max: c.paper.crosscheckTolerance }, where ? `worst in set ${where}` : undefined));
  return out;
}

async function chainCheck(opts: GateRunOptions): Promise<GateCheck> {
  const id = 'drift command flow against the real program (local chain)';
  if (opts.skipChain) return { id, figure: null, threshold: 'every step as expected', verdict: 'not run', detail: 'NOT RUN: skipped by the caller' };
  const bins = programBinaries();
  if (!bins) return { id, figure: null, threshold: 'every step as expected', verdict: 'not run', detail: missingBinariesMessage('the Drift command flow') };
  opts.progress?.('drift command flow on the local chain\n');
  const dir = mkdtempSync(join(tmpdir(), 'dnh-gate-flow-'));
  try {
    const { runFlow } = await import('../chain/program/flow.js');
    const r = await runFlow(bins, { seed: 'gate', journalDir: dir, now: opts.now ?? (() => 0) });
    const unexpected = r.steps.filter((s) => (s.error !== null) !== (s.actor === 'alice' && s.key === 'settle-early'));
    return { id, figure: unexpected.length, threshold: '<= 0 unexpected steps', verdict: unexpected.length === 0 ? 'pass' : 'fail', detail: unexpected.length ? unexpected.map((s) => `${s.actor} ${s.key}: ${s.error ? s.error.driftError ?? s.error.name : 'not refused'}`).join('; ') : `${r.steps.length} steps, accounts ${r.accountsHash}` };
  } catch (e) {
    return { id, figure: null, threshold: 'every step as expected', verdict: 'fail', detail: (e as Error).message };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runGateChecks(c: LiveConfig, opts: GateRunOptions): Promise<GateRun> {
  const seeds: Record<string, number> = {};
  const checks: GateCheck[] = [];
  for (let i = 0; i < c.suites.length; i++) checks.push(...(await suiteChecks(c, c.suites[i]!, i, opts, seeds)));
  checks.push(await chainCheck(opts));
  return { checks, seeds, reduced: opts.maxPathsPerSet === undefined ? false : { maxPathsPerSet: opts.maxPathsPerSet } };
}

