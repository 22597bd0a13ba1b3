/**
 * Loading a suite file: JSON Schema validation (ajv, `fixtures/suites/suite.schema.json`) with
 * errors that name the field (`scenarios[2].params.price.sigma[0]`), then the checks a schema cannot
 * express (generator and shock parameters, data files, an empty grid), each naming its field too.
 *
 * Example: `const suite = loadSuite('fixtures/suites/default.json')`
 */
import { existsSync, readFileSync } from 'node:fs';
import { readDataText } from '../../engine/data/read.js';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import AjvModule, { type ErrorObject } from 'ajv';
import { loadCanonicalCsv } from '../../engine/data/csv.js';
import type { MarketRow } from '../../engine/data/rows.js';
import { DataError, UsageError } from '../../engine/errors.js';
import { NEVER_TRIGGER } from '../../engine/model/params.js';
import { repoPath, sharedDir } from '../../engine/paths.js';
import { MAX_PATH_DAYS } from '../scenario/bootstrap.js';
import { datesFrom } from '../scenario/generator.js';
import { resolveGeneratorParams } from '../scenario/params.js';
import { RANDOM_AT, resolveAt, resolveShockParams } from '../scenario/stress.js';
import { checkedValue } from '../cli/flags.js';
import { expandGrid, GRID_BOUND, parseLongLiquidationList, type GridSpec } from '../sweep/grid.js';
import { rowsHaveSpot } from '../../engine/data/series.js';
import type { BacktestParams } from '../../engine/model/types.js';
import type { BaseSpec, ResolvedBase, ResolvedSet, ResolvedSuite, SuiteFile } from './types.js';

export const SUITE_SCHEMA_PATH = repoPath('fixtures', 'suites', 'suite.schema.json');
export const DEFAULT_PERCENTILES = [5, 25, 50, 75, 95];

type Validate = ((doc: unknown) => boolean) & { errors?: ErrorObject[] | null };
let validator: Validate | undefined;

function schemaValidator(): Validate {
  if (validator) return validator;
  const Ajv = (AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule;
  const ajv = new (Ajv as unknown as new (o: object) => { compile(s: unknown): Validate })({ allErrors: true, strict: false });
  return (validator = ajv.compile(JSON.parse(readFileSync(SUITE_SCHEMA_PATH, 'utf8'))));
}

/** `/scenarios/0/params/price/sigma/1` to `scenarios[0].params.price.sigma[1]`. */
export function fieldOf(pointer: string, extra?: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '') || '(root)';
}

const COMBINATORS = new Set(['if', 'then', 'else', 'allOf', 'anyOf', 'oneOf']);

function describeError(e: ErrorObject): { field: string; message: string } {
  if (e.keyword === 'additionalProperties') {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    return { field: fieldOf(e.instancePath, extra), message: 'unknown field' };
  }
  if (e.keyword === 'required') {
    const missing = (e.params as { missingProperty: string }).missingProperty;
    return { field: fieldOf(e.instancePath, missing), message: 'required field is missing' };
  }
  if (e.keyword === 'enum') return { field: fieldOf(e.instancePath), message: `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}` };
  const badName = (e as { propertyName?: string }).propertyName ?? (e.params as { propertyName?: string }).propertyName;
  if (badName !== undefined) return { field: fieldOf(e.instancePath, badName), message: 'unknown name (see the schema for the metric names)' };
  return { field: fieldOf(e.instancePath), message: e.message ?? e.keyword };
}

/** Validate a parsed suite document against the schema; throws a DataError naming the first bad field. */
export function validateSuiteDocument(doc: unknown, file: string): SuiteFile {
  const validate = schemaValidator();
  if (validate(doc)) return doc as SuiteFile;
  const errors = (validate.errors ?? []).filter((e) => !COMBINATORS.has(e.keyword));
  // The deepest path first: it is the most specific.
  const chosen = [...(errors.length ? errors : validate.errors ?? [])].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
  const { field, message } = chosen ? describeError(chosen) : { field: '(root)', message: 'invalid suite' };
  throw new DataError({ file, field }, message);
}

/** Resolve a `data` reference: `shared:<path>` under ../shared, else relative to the suite file. */
export function resolveDataPath(ref: string, suiteFile: string, field: string): string {
  if (ref.startsWith('shared:')) {
    const dir = sharedDir();
    if (!dir) throw new DataError({ file: suiteFile, field }, `${ref} needs ../shared (or DNH_SHARED_DIR), which is absent`);
    return join(dir, ref.slice('shared:'.length));
  }
  return isAbsolute(ref) ? ref : resolve(dirname(suiteFile), ref);
}

/** Re-throw a UsageError from a resolver as a DataError on `field`. */
function inField<T>(file: string, field: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof UsageError) {
      const m = /^([\w.[\]]+): (.*)$/s.exec(e.message);
      throw m ? new DataError({ file, field: `${field}.${m[1]}` }, m[2]!) : new DataError({ file, field }, e.message);
    }
    throw e;
  }
}

function resolveBase(b: BaseSpec, file: string, field: string, histories: Map<string, MarketRow[]>): ResolvedBase {
  if (b.kind === 'generated') return { kind: 'generated', params: inField(file, `${field}.params`, () => resolveGeneratorParams(b.params ?? {})) };
  const path = resolveDataPath(b.data, file, `${field}.data`);
  if (!existsSync(path)) throw new DataError({ file, field: `${field}.data` }, `no such file: ${path}`);
  if (!histories.has(path)) histories.set(path, loadCanonicalCsv(path));
  if (b.kind === 'historical') return { kind: 'historical', file: path };
  const { blockSize, days, startDate, startPrice } = b;
  if (startPrice !== undefined) inField(file, field, () => checkedValue('startPrice', startPrice, 'price'));
  if (days !== undefined) inField(file, field, () => checkedValue('days', days, 'generatorDays'));
  if (days !== undefined && !(Number.isInteger(days) && days >= 2 && days <= MAX_PATH_DAYS)) {
    throw new DataError({ file, field: `${field}.days` }, `must be an integer in [2, ${MAX_PATH_DAYS}] (a path is built whole in memory), got ${days}`);
  }
  return { kind: 'bootstrap', file: path, bootstrap: { blockSize, days, startDate, startPrice } };
}

/** Dates of the base path (for checking a shock's `at`). */
function baseDates(base: ResolvedBase, histories: Map<string, MarketRow[]>): { date: string }[] {
  if (base.kind === 'generated') return datesFrom(base.params.startDate, base.params.days).slice(0, base.params.days).map((date) => ({ date }));
  const h = histories.get(base.file)!;
  if (base.kind === 'historical') return h;
  const days = base.bootstrap.days ?? h.length;
  return datesFrom(base.bootstrap.startDate ?? h[0]!.date, days).slice(0, days).map((date) => ({ date }));
}

function resolveSet(s: SuiteFile['scenarios'][number], i: number, file: string, histories: Map<string, MarketRow[]>): ResolvedSet {
  const field = `scenarios[${i}]`;
  if (s.kind === 'stress') {
    const base = resolveBase(s.base, file, `${field}.base`, histories);
    if (base.kind === 'historical' && s.count !== 1) throw new DataError({ file, field: `${field}.count` }, 'a stress set on a historical base has exactly one path: count must be 1');
    const dates = baseDates(base, histories) as MarketRow[];
    s.shocks.forEach((sh, k) => {
      const f = `${field}.shocks[${k}]`;
      inField(file, f, () => resolveShockParams(sh.name, sh.params ?? {}, 'params'));
      if (sh.params?.at !== undefined && sh.params.at !== RANDOM_AT) inField(file, f, () => resolveAt(dates, sh.params!.at!, 'params.at'));
    });
    return { name: s.name, kind: 'stress', count: s.count, base, shocks: s.shocks, days: dates.length };
  }
  const base = resolveBase(s as BaseSpec, file, field, histories);
  return { name: s.name, kind: s.kind, count: s.kind === 'historical' ? 1 : s.count, base, shocks: [], days: baseDates(base, histories).length };
}

function gridSpec(g: Record<string, unknown>): Partial<GridSpec> {
  const trigger = (g.trigger as (number | string)[]).map((t) => (t === 'never' ? NEVER_TRIGGER : t)) as GridSpec['trigger'];
  // Plausibility bounds (docs/bounds.md), each refusal naming `grid.<key>[i]`.
  for (const key of ['leverage', 'capital', 'longOpenFeeBps', 'trigger'] as const) {
    const list = key === 'trigger' ? trigger : (g[key] as unknown[] | undefined);
    list?.forEach((v, i) => {
      if (typeof v === 'number') checkedValue(`${key}[${i}]`, v, GRID_BOUND[key]);
    });
  }
  const { 'long.liquidation': liq, ...rest } = g;
  const spec: Partial<GridSpec> = { ...(rest as Partial<GridSpec>), trigger };
  if (liq !== undefined) spec.longLiquidation = parseLongLiquidationList((liq as string[]).join(','));
  return spec;
}

/** `legPrices split` needs spot columns on every path: only historical sets whose file has them. */
function checkSplit(grid: readonly BacktestParams[], sets: readonly ResolvedSet[], histories: Map<string, MarketRow[]>, file: string): void {
  if (!grid.some((p) => p.legPrices === 'split')) return;
  for (const s of sets) {
    const ok = s.base.kind === 'historical' && s.kind === 'historical' && rowsHaveSpot(histories.get(s.base.file)!);
    if (!ok) {
      throw new DataError(
        { file, field: 'grid.legPrices' },
        `split needs the spot_open, spot_high, spot_low, spot_close columns on every path; scenario set "${s.name}" (${s.kind}) has none`,
      );
    }
  }
}

/** The displayed percentiles plus every one a threshold or the robust choice refers to. */
function neededPercentiles(s: SuiteFile): number[] {
  const named = [s.robust?.by ?? 'return.p5', s.robust?.beside ?? 'return.p50', ...Object.keys(s.thresholds?.configuration ?? {})];
  const refs = named.map((m) => /\.p(\d+)$/.exec(m)).filter((m) => m !== null).map((m) => Number(m[1]));
  return [...new Set([...(s.metrics?.percentiles ?? DEFAULT_PERCENTILES), ...refs])].sort((a, b) => a - b);
}

/** Every expected-shortfall level a threshold or the robust choice names (`return.es5` -> 5). */
function neededShortfalls(s: SuiteFile): number[] {
  const named = [s.robust?.by ?? '', s.robust?.beside ?? '', ...Object.keys(s.thresholds?.configuration ?? {})];
  const refs = named.map((m) => /^return\.es(\d+)$/.exec(m)).filter((m) => m !== null).map((m) => Number(m[1]));
  return [...new Set(refs)].sort((a, b) => a - b);
}

/** Parse, validate and resolve a suite file. */
export function loadSuite(file: string): ResolvedSuite {
  const text = readDataText(file);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new DataError({ file }, `not valid JSON: ${(e as Error).message}`);
  }
  return resolveSuite(validateSuiteDocument(doc, file), file);
}

/** Resolve a schema-valid suite document (`file` locates relative data and names errors). */
export function resolveSuite(s: SuiteFile, file: string): ResolvedSuite {
  const names = new Set<string>();
  s.scenarios.forEach((set, i) => {
    if (names.has(set.name)) throw new DataError({ file, field: `scenarios[${i}].name` }, `duplicate set name "${set.name}"`);
    names.add(set.name);
  });
  const histories = new Map<string, MarketRow[]>();
  const sets = s.scenarios.map((set, i) => resolveSet(set, i, file, histories));
  const { lanes, skipped } = inField(file, 'grid', () => expandGrid(gridSpec(s.grid)));
  if (lanes.length === 0) throw new DataError({ file, field: 'grid' }, `no valid configuration (${skipped.length} skipped: ${skipped[0]?.reason ?? ''})`);
  checkSplit(lanes, sets, histories, file);
  return {
    file,
    name: s.name,
    description: s.description ?? '',
    seed: s.seed,
    sets,
    grid: lanes,
    skipped,
    percentiles: neededPercentiles(s),
    ...(neededShortfalls(s).length ? { shortfalls: neededShortfalls(s) } : {}),
    robust: { by: s.robust?.by ?? 'return.p5', beside: s.robust?.beside ?? 'return.p50' },
    ...(s.verdict === 'any' ? { verdict: 'any' as const } : {}),
    thresholds: { configuration: s.thresholds?.configuration ?? {}, scenario: s.thresholds?.scenario ?? {} },
  };
}
