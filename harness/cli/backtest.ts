/**
 * `dnh backtest`: one run of the MODEL.md backtest on a canonical daily CSV (default: the bundled
 * example). Human summary by default; `--json` prints exactly one JSON object.
 */
import { parseArgs } from 'node:util';
import { backtest, type EngineKind } from '../../engine/backtest.js';
import { loadCanonicalCsv } from '../../engine/data/csv.js';
import { DataError, UsageError } from '../../engine/errors.js';
import { repoPath } from '../../engine/paths.js';
import { parseLongLiquidation } from '../../engine/model/params.js';
import { CONVENTIONS, LEG_PRICES, MODELS, SURVIVORS, VENUES, type ParamOverrides, type Penalty, type PenaltyKind } from '../../engine/model/types.js';
import { requireSpot, rowsHaveSpot } from '../../engine/data/series.js';
import { invalidReason } from '../verdict/finite.js';
import { laneLabel } from '../sweep/grid.js';
import { resultJson, summaryText } from './backtest-output.js';
import type { BoundKey } from '../../engine/bounds.js';
import { boundedFlag, choiceFlag, parseFlags } from './flags.js';
import type { Command } from './io.js';
import { checkOutputs, writeOutputs, type OutputFile } from '../io/atomic.js';
import { dayRange, sliceByDay } from '../data/range.js';
import { configFlags } from './config-file.js';
import { backtestEquityCsv, backtestEventsCsv } from './exports.js';
import { BACKTEST_OPTIONS } from './specs/backtest.js';

export const EXAMPLE_DATA = ['fixtures', 'example', 'sol-synthetic-410d.csv'] as const;

const OPTIONS = BACKTEST_OPTIONS;

/** `kind:rate`, e.g. `notional:0.05` or `equity:0.5`. */
export function penaltyFlag(flag: string, raw: string): Penalty {
  const m = /^(notional|equity):(.+)$/.exec(raw);
  if (!m) throw new UsageError(`${flag}: expected notional:RATE or equity:RATE, got "${raw}"`);
  return { kind: m[1] as PenaltyKind, rate: boundedFlag(flag, m[2]!, 'penaltyRate') };
}

type Values = Partial<Record<keyof typeof OPTIONS, string | boolean>>;

/** The plausibility bound of each numeric flag (engine/bounds.ts, docs/bounds.md). */
const FLAG_BOUND: Partial<Record<keyof typeof OPTIONS, BoundKey>> = {
  capital: 'capital',
  leverage: 'leverage',
  trigger: 'trigger',
  transferCost: 'transferCost',
  'long.openFeeBps': 'feeBps',
  'long.closeFeeBps': 'feeBps',
  'perp.feeBps': 'feeBps',
  'long.maintenance': 'maintenance',
  'perp.maintenance': 'maintenance',
};

/** Flags to parameter overrides (bounds checked here, model validity in resolveParams). */
export function overridesFromFlags(v: Values): ParamOverrides {
  const num = (k: keyof typeof OPTIONS): number | undefined => (typeof v[k] === 'string' ? boundedFlag(`--${k}`, v[k] as string, FLAG_BOUND[k]!) : undefined);
  const str = (k: keyof typeof OPTIONS): string | undefined => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  const o: ParamOverrides = { long: {}, perp: {} };
  const set = <K extends keyof ParamOverrides>(key: K, value: ParamOverrides[K] | undefined): void => {
    if (value !== undefined) o[key] = value;
  };
  set('capital', num('capital'));
  set('leverage', num('leverage'));
  set('trigger', num('trigger'));
  set('transferCost', num('transferCost'));
  const venue = str('venue');
  if (venue !== undefined) o.venue = choiceFlag('--venue', venue, VENUES);
  const model = str('model');
  if (model !== undefined) o.model = choiceFlag('--model', model, MODELS);
  const convention = str('convention');
  if (convention !== undefined) o.convention = choiceFlag('--convention', convention, CONVENTIONS);
  const long = o.long!;
  const perp = o.perp!;
  if (num('long.openFeeBps') !== undefined) long.openFeeBps = num('long.openFeeBps');
  if (num('long.closeFeeBps') !== undefined) long.closeFeeBps = num('long.closeFeeBps');
  if (num('long.maintenance') !== undefined) long.maintenance = num('long.maintenance');
  if (str('long.penalty') !== undefined) long.penalty = penaltyFlag('--long.penalty', str('long.penalty')!);
  if (num('perp.feeBps') !== undefined) perp.feeBps = num('perp.feeBps');
  if (num('perp.maintenance') !== undefined) perp.maintenance = num('perp.maintenance');
  if (str('perp.penalty') !== undefined) perp.penalty = penaltyFlag('--perp.penalty', str('perp.penalty')!);
  const survivor = str('survivor');
  if (survivor !== undefined) o.survivor = choiceFlag('--survivor', survivor, SURVIVORS);
  const legPrices = str('legPrices');
  if (legPrices !== undefined) o.legPrices = choiceFlag('--legPrices', legPrices, LEG_PRICES);
  const liq = str('long.liquidation');
  if (liq !== undefined) long.liquidation = parseLongLiquidation(liq);
  return o;
}

export const backtestCommand: Command = async (argv, io) => {
  const { values: given, positionals } = parseFlags(() => parseArgs({ args: argv, strict: true, allowPositionals: false, options: OPTIONS }), 'backtest');
  void positionals;
  // Precedence: defaults < --config file < flags given (docs/cli.md).
  const values: Values = given.config !== undefined ? { ...(await configFlags(given.config, 'backtest')), ...given } : given;
  const range = dayRange({ from: given.from, to: given.to });
  const overrides = overridesFromFlags(values);
  const engine: EngineKind | undefined = given.engine === undefined ? undefined : choiceFlag('--engine', given.engine, ['wasm', 'ts'] as const);
  const file = given.data ?? repoPath(...EXAMPLE_DATA);
  const equityCsv = given['equity-csv'];
  const eventsCsv = given['events-csv'];
  checkOutputs([equityCsv ? { flag: '--equity-csv', path: equityCsv } : undefined, eventsCsv ? { flag: '--events-csv', path: eventsCsv } : undefined], [file, given.config]);
  const rows = sliceByDay(loadCanonicalCsv(file), (r) => r.date, range, file);
  if (overrides.legPrices !== undefined) requireSpot({ hasSpot: rowsHaveSpot(rows) }, overrides.legPrices, file);
  const result = backtest(rows, overrides, { engine, events: given.events === true || eventsCsv !== undefined, equity: equityCsv !== undefined });
  // Rule 1 (harness/verdict/finite.ts): a non-finite figure is an invalid run, never a result.
  const invalid = invalidReason(result);
  if (invalid !== null) throw new DataError({ file }, `invalid run (${laneLabel(result.params)}): ${invalid}; no result is printed`);
  const files: OutputFile[] = [];
  if (equityCsv) files.push({ path: equityCsv, content: backtestEquityCsv(rows, result.equity!) });
  if (eventsCsv) files.push({ path: eventsCsv, content: backtestEventsCsv(result.events!) });
  writeOutputs(files);
  const shown = { ...result };
  delete shown.equity;
  if (given.events !== true) delete shown.events;
  if (given.json) io.out(JSON.stringify(resultJson(shown)) + '\n');
  else io.out(summaryText(shown, { file, rows, events: given.events === true }));
  return 0;
};
