/**
 * What a sweep produces and `dnh report` reads: the grid, the data it ran on, one result per lane
 * (no per-day series: those are recomputed for the few lanes a report shows), the skipped lanes and
 * the provenance (input hashes, parameters, code version).
 *
 * On disk (version 2, docs/outputs.md) the file is NDJSON, written piece by piece so any number of
 * lanes fits: line 1 the header (counts, spec, series, provenance), then one line per lane, then one
 * per skipped combination. Every line has a fixed key order, and non-finite numbers are written as
 * the strings "NaN", "Infinity", "-Infinity": the bytes depend on the inputs only, never on the
 * worker count. Reading validates every line against `results.schema.json`.
 */
import { existsSync, statSync } from 'node:fs';
import { DataError, UsageError } from '../../engine/errors.js';
import { paramsProblem } from '../../engine/model/params.js';
import { invalidReason } from '../verdict/finite.js';
import { CONVENTIONS, VENUES, WATERFALL_KEYS, type BacktestParams, type BacktestResult, type Venue } from '../../engine/model/types.js';
import type { MarketRow } from '../../engine/data/rows.js';
import { repoPath } from '../../engine/paths.js';
import { readLines } from '../io/lines.js';
import type { Provenance } from '../io/provenance.js';
import { schemaValidator } from '../io/schema.js';
import type { GridSpec, SkippedLane } from './grid.js';

export interface SeriesInfo {
  venue: Venue;
  /** The data file as recorded (absolute, or `repo:<path>` inside the checkout). */
  file: string;
  from: string;
  to: string;
  days: number;
}

export interface SweepResults {
  kind: 'dnh-sweep';
  version: 2;
  spec: Partial<GridSpec>;
  series: SeriesInfo[];
  lanes: SweepLane[];
  skipped: SkippedLane[];
  provenance: Provenance;
}

export const RESULTS_SCHEMA_PATH = repoPath('harness', 'sweep', 'results.schema.json');

export function seriesInfo(venue: Venue, file: string, rows: readonly MarketRow[]): SeriesInfo {
  return { venue, file, from: rows[0]!.date, to: rows[rows.length - 1]!.date, days: rows.length };
}

/** A lane as stored: the result without per-day detail, and `invalid` with the reason when a figure is not finite. */
export type SweepLane = BacktestResult & { invalid?: string };

/** Strip per-day detail from a lane result (kept small for files); mark an invalid run (harness/verdict/finite.ts). */
export function laneSummary(r: BacktestResult): SweepLane {
  const { events: _e, equity: _q, ...rest } = r;
  const invalid = invalidReason(r);
  return invalid === null ? rest : { ...rest, invalid };
}

/** Whether a stored lane is invalid: marked so, or a judged figure that is not finite (JSON writes NaN as null). */
export function laneInvalid(r: BacktestResult): string | null {
  return (r as SweepLane).invalid ?? invalidReason(r);
}

/** A number as written: finite as is, non-finite as its name (JSON has no NaN). */
const fig = (x: number): number | string => (Number.isFinite(x) ? x : String(x));
const unfig = (x: unknown): unknown => (x === 'NaN' ? NaN : x === 'Infinity' ? Infinity : x === '-Infinity' ? -Infinity : x);

const LANE_SCALARS_A = ['finalEquity', 'maxDrawdown', 'liquidations', 'liquidatedLegs', 'rebalances', 'rotations'] as const;
const LANE_SCALARS_B = ['minHealthLong', 'minHealthShort'] as const;

function paramsRecord(p: BacktestParams): BacktestParams {
  return {
    capital: p.capital, venue: p.venue, leverage: p.leverage, trigger: p.trigger, model: p.model, convention: p.convention,
    long: {
      openFeeBps: p.long.openFeeBps, closeFeeBps: p.long.closeFeeBps, maintenance: p.long.maintenance, penalty: { kind: p.long.penalty.kind, rate: p.long.penalty.rate },
      liquidation: p.long.liquidation.kind === 'full' ? { kind: 'full' } : { kind: 'partial', closeFactor: p.long.liquidation.closeFactor, bonus: p.long.liquidation.bonus },
    },
    perp: { feeBps: p.perp.feeBps, maintenance: p.perp.maintenance, penalty: { kind: p.perp.penalty.kind, rate: p.perp.penalty.rate } },
    transferCost: p.transferCost, gas: p.gas,
    survivor: p.survivor, legPrices: p.legPrices,
  };
}

/** One lane as its line: fixed key order (whatever object built the result), extra fields after. */
export function laneLine(r: BacktestResult): string {
  const o: Record<string, unknown> = {};
  for (const k of LANE_SCALARS_A) o[k] = fig(r[k]);
  o.ruined = r.ruined;
  for (const k of LANE_SCALARS_B) o[k] = fig(r[k]);
  const w: Record<string, unknown> = {};
  for (const k of WATERFALL_KEYS) w[k] = fig(r.waterfall[k]);
  o.waterfall = w;
  o.totalReturn = fig(r.totalReturn);
  o.annualized = fig(r.annualized);
  o.params = paramsRecord(r.params);
  o.convention = r.convention;
  const extra = Object.keys(r).filter((k) => !(k in o) && k !== 'events' && k !== 'equity').sort();
  for (const k of extra) {
    const v = (r as unknown as Record<string, unknown>)[k];
    o[k] = typeof v === 'number' ? fig(v) : v;
  }
  return JSON.stringify(o);
}

/** The file's lines, produced one at a time (the writer never holds the whole file as one string). */
export function* sweepResultLines(s: SweepResults): Generator<string> {
  const header = { kind: s.kind, version: s.version, lanes: s.lanes.length, skipped: s.skipped.length, spec: s.spec, series: s.series, provenance: s.provenance };
  yield JSON.stringify(header) + '\n';
  for (const r of s.lanes) yield laneLine(r) + '\n';
  for (const k of s.skipped) yield JSON.stringify({ overrides: k.overrides, reason: k.reason }) + '\n';
}

function reviveLane(raw: Record<string, unknown>): BacktestResult {
  for (const k of Object.keys(raw)) raw[k] = unfig(raw[k]);
  // Lines written before MODEL.md section 10 carry no execution options: they ran the defaults.
  const p = raw.params as Partial<BacktestResult['params']> | undefined;
  if (p && typeof p === 'object') {
    p.survivor ??= 'close';
    p.legPrices ??= 'perp';
    if (p.long && typeof p.long === 'object') p.long.liquidation ??= { kind: 'full' };
  }
  const w = raw.waterfall as Record<string, unknown>;
  for (const k of Object.keys(w)) w[k] = unfig(w[k]);
  return raw as unknown as BacktestResult;
}

function parseLine(file: string, row: number, line: string): unknown {
  try {
    return JSON.parse(line);
  } catch (e) {
    throw new DataError({ file, row }, `not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * Read and validate a results file written by `dnh sweep --out`: a DataError (exit 1) naming the line
 * and field for anything malformed, truncated or empty; never a partial result.
 */
export function readSweepResults(file: string): SweepResults {
  if (!existsSync(file)) throw new UsageError(`--results ${file}: no such file`);
  if (statSync(file).isDirectory()) throw new UsageError(`--results ${file}: is a directory`);
  const header = schemaValidator(RESULTS_SCHEMA_PATH, 'header');
  const lane = schemaValidator(RESULTS_SCHEMA_PATH, 'lane');
  const skip = schemaValidator(RESULTS_SCHEMA_PATH, 'skipped');
  let head: (SweepResults & { lanes: unknown; skipped: unknown }) | undefined;
  let nLanes = 0;
  let nSkipped = 0;
  const lanes: SweepLane[] = [];
  const skipped: SkippedLane[] = [];
  let row = 0;
  for (const line of readLines(file)) {
    row++;
    if (line.trim() === '') throw new DataError({ file, row }, 'empty line (results files have one JSON value per line)');
    const doc = parseLine(file, row, line);
    if (!head) {
      const kind = (doc as { kind?: unknown } | null)?.kind;
      if (kind !== 'dnh-sweep') throw new DataError({ file, row, field: 'kind' }, 'not a dnh sweep results file (expected "kind": "dnh-sweep" on line 1)');
      const version = (doc as { version?: unknown }).version;
      if (version !== 2) throw new DataError({ file, row, field: 'version' }, `version ${JSON.stringify(version)} is not readable here (expected 2: re-run the sweep with this version)`);
      header(doc, file, '', row);
      head = doc as typeof head;
      nLanes = head!.lanes as unknown as number;
      nSkipped = head!.skipped as unknown as number;
    } else if (lanes.length < nLanes) {
      lane(doc, file, `lanes[${lanes.length}]`, row);
      lanes.push(reviveLane(doc as Record<string, unknown>));
    } else if (skipped.length < nSkipped) {
      skip(doc, file, `skipped[${skipped.length}]`, row);
      skipped.push(doc as SkippedLane);
    } else {
      throw new DataError({ file, row }, `extra line: the header announces ${nLanes} lanes and ${nSkipped} skipped`);
    }
  }
  if (!head) throw new DataError({ file }, 'empty file: no results (a sweep writes at least a header and one lane)');
  if (lanes.length < nLanes || skipped.length < nSkipped) {
    throw new DataError({ file, row: row + 1 }, `truncated: the header announces ${nLanes} lanes and ${nSkipped} skipped, the file has ${lanes.length} and ${skipped.length}`);
  }
  const venues = new Set<string>();
  head.series.forEach((s, i) => {
    if (venues.has(s.venue)) throw new DataError({ file, row: 1, field: `series[${i}].venue` }, `venue ${s.venue} listed twice`);
    venues.add(s.venue);
  });
  lanes.forEach((l, i) => {
    checkLaneParams(l, i, file);
    if (!venues.has(l.params.venue)) throw new DataError({ file, row: i + 2, field: `lanes[${i}].params.venue` }, `no series for venue ${l.params.venue} in the header`);
  });
  return { kind: 'dnh-sweep', version: 2, spec: head.spec, series: head.series, lanes, skipped, provenance: head.provenance };
}

/**
 * A lane's parameters must be valid ones (MODEL.md section 3) before a report labels, groups or re-runs
 * them: a null or absurd capital is bad data naming the lane, not a TypeError. (Its figures may be
 * anything: a non-finite or missing figure makes the lane invalid, harness/verdict/finite.ts.)
 */
function checkLaneParams(lane: unknown, i: number, file: string): void {
  const p = (lane as { params?: unknown } | null)?.params as BacktestParams | undefined;
  const where = { file, row: i + 2, field: `lanes[${i}].params` };
  if (p === null || typeof p !== 'object' || p.long === null || typeof p.long !== 'object' || p.perp === null || typeof p.perp !== 'object'
    || p.long.penalty === null || typeof p.long.penalty !== 'object' || p.perp.penalty === null || typeof p.perp.penalty !== 'object') {
    throw new DataError(where, 'expected the parameters of a backtest');
  }
  const problem = paramsProblem(p);
  if (problem !== null) throw new DataError(where, problem);
  if (!VENUES.includes(p.venue) || !CONVENTIONS.includes(p.convention)) throw new DataError(where, `unknown venue or convention: ${String(p.venue)}, ${String(p.convention)}`);
}
