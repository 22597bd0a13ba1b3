/**
 * Scenario paths of a resolved suite: scenario `index` of set `set` under seed `seed`, rebuilt from
 * its own seeded stream alone (so any worker, or a replay, gets the same bytes). Historical series are
 * loaded once per process and cached.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadCanonicalCsv } from '../../engine/data/csv.js';
import type { MarketRow } from '../../engine/data/rows.js';
import { UsageError } from '../../engine/errors.js';
import { bootstrapPath } from '../scenario/bootstrap.js';
import { ROW_STRIDE } from '../../engine/data/series.js';
import { datesFrom, generateColumns, generatePath } from '../scenario/generator.js';
import { scenarioRng } from '../scenario/rng.js';
import { applyShocks, RANDOM_AT, resolveAt, type ShockSpec } from '../scenario/stress.js';
import type { ResolvedBase, ResolvedSet, ResolvedSuite } from './types.js';

const histories = new Map<string, MarketRow[]>();

function history(file: string): MarketRow[] {
  let h = histories.get(file);
  if (!h) histories.set(file, (h = loadCanonicalCsv(file)));
  return h;
}

function basePath(base: ResolvedBase, seed: number, set: string, index: number): MarketRow[] {
  if (base.kind === 'historical') return history(base.file);
  const rng = scenarioRng(seed, set, index);
  if (base.kind === 'generated') return generatePath(base.params, rng);
  return bootstrapPath(history(base.file), base.bootstrap, rng);
}

/**
 * Shocks with `at: "random"` get a day drawn uniformly from 1..days-1, from the scenario's own
 * second stream (`<set>/at`), so the base path is the same as without the shock.
 */
function placeShocks(set: ResolvedSet, seed: number, index: number, days: number): ShockSpec[] {
  if (!set.shocks.some((s) => s.params?.at === RANDOM_AT)) return set.shocks;
  const rng = scenarioRng(seed, `${set.name}/at`, index);
  return set.shocks.map((s) => (s.params?.at === RANDOM_AT ? { ...s, params: { ...s.params, at: 1 + Math.floor(rng.uniform() * (days - 1)) } } : s));
}

/** The rows of one scenario. */
export function scenarioPath(set: ResolvedSet, seed: number, index: number): readonly MarketRow[] {
  const rows = basePath(set.base, seed, set.name, index);
  if (!set.shocks.length) return rows;
  return applyShocks(rows, placeShocks(set, seed, index, rows.length), `scenarios.${set.name}.shocks`);
}

/**
 * The same scenario in the kernel's layout, for a generated set without shocks (null for any other
 * set: use `scenarioPath`): `generateColumns` from the same stream, so the same numbers as
 * `prepareSeries(scenarioPath(...))` once `prepareApyColumns` turns the APYs into daily rates.
 * `into`: a buffer to reuse when it has the right length (see `generateColumns`).
 */
export function scenarioColumns(set: ResolvedSet, seed: number, index: number, into?: Float64Array): { columns: Float64Array; dates: readonly string[] } | null {
  if (set.base.kind !== 'generated' || set.shocks.length) return null;
  const p = set.base.params;
  const dates = datesFrom(p.startDate, p.days);
  return { columns: generateColumns(p, scenarioRng(seed, set.name, index), into?.length === p.days * ROW_STRIDE ? into : undefined), dates: dates.length === p.days ? dates : dates.slice(0, p.days) };
}

/** The days each shock of one scenario hits (row indices), after random placement. */
export function shockDays(set: ResolvedSet, seed: number, index: number, rows: readonly MarketRow[]): number[] {
  return placeShocks(set, seed, index, rows.length).map((s) => resolveAt(rows, (s.params?.at as number | string | undefined) ?? Math.floor(rows.length / 2)));
}

/** Global scenario numbering: sets in file order, indices within each set. */
export interface ScenarioIndex {
  total: number;
  /** First global number of each set. */
  offsets: number[];
}

export function indexScenarios(suite: ResolvedSuite): ScenarioIndex {
  const offsets: number[] = [];
  let total = 0;
  for (const s of suite.sets) {
    offsets.push(total);
    total += s.count;
  }
  return { total, offsets };
}

/** Set number and index within the set of global scenario `g`. */
export function locate(idx: ScenarioIndex, g: number): { set: number; index: number } {
  let set = idx.offsets.length - 1;
  while (idx.offsets[set]! > g) set--;
  return { set, index: g - idx.offsets[set]! };
}

/** `set:index` to its set number and index; a UsageError when it names no scenario. */
export function parseScenarioId(suite: ResolvedSuite, id: string): { set: number; index: number } {
  const m = /^(.+):(\d+)$/.exec(id);
  if (!m) throw new UsageError(`--scenario: expected SET:INDEX (e.g. regimes:17), got "${id}"`);
  const set = suite.sets.findIndex((s) => s.name === m[1]);
  if (set < 0) throw new UsageError(`--scenario: no set "${m[1]}" in ${suite.file} (sets: ${suite.sets.map((s) => s.name).join(', ')})`);
  const index = Number(m[2]);
  if (index >= suite.sets[set]!.count) throw new UsageError(`--scenario: set ${m[1]} has ${suite.sets[set]!.count} scenarios (0..${suite.sets[set]!.count - 1}), got ${index}`);
  return { set, index };
}

/** sha256 of each data file the suite reads (content, not path: hashes agree across machines). */
export function dataDigests(suite: ResolvedSuite): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of suite.sets) {
    if (s.base.kind !== 'generated') out[s.name] = createHash('sha256').update(readFileSync(s.base.file)).digest('hex');
  }
  return out;
}
