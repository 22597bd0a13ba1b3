/**
 * `dnh scenario fit --data rows.csv [--out params.json]`: estimate the generator's parameters; print (stderr)
 *   the data beside paths generated from the fit, and each realism item of docs/scenario-suites.md with
 *   its tolerance and verdict.
 * `dnh scenario generate [--params p.json] [--seed N] [--set NAME] [--index I] [--days D] [--out rows.csv]`:
 *   one generated path as canonical CSV (the stream of scenario I of set NAME under suite seed N).
 * `dnh scenario shocks`: the stress library with its parameters.
 */
import { readJsonFlag } from '../io/json.js';
import { parseArgs } from 'node:util';
import { loadCanonicalCsv, formatCanonicalCsv } from '../../engine/data/csv.js';
import { UsageError } from '../../engine/errors.js';
import { checkOutputs, writeFileAtomic } from '../io/atomic.js';
import { compareText, COMPARE_PATHS, generatedStats, realismRows, seriesStats } from '../scenario/compare.js';
import { fitGenerator } from '../scenario/fit.js';
import { generatePath } from '../scenario/generator.js';
import { resolveGeneratorParams, type GeneratorOverrides } from '../scenario/params.js';
import { scenarioRng } from '../scenario/rng.js';
import { describeShocks } from '../scenario/stress.js';
import { validateRows } from '../../engine/data/rows.js';
import { boundedFlag, parseFlags } from './flags.js';
import type { CliIo, Command } from './io.js';
import { dayRange, sliceByDay } from '../data/range.js';
import { FIT_OPTIONS, GENERATE_OPTIONS } from './specs/scenario.js';

function emit(io: CliIo, out: string | undefined, text: string): void {
  if (out) writeFileAtomic(out, text);
  else io.out(text);
}

function readOverrides(file: string): GeneratorOverrides {
  const doc = readJsonFlag('--params', file);
  return doc as GeneratorOverrides;
}

async function fit(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(() => parseArgs({ args: argv, strict: true, options: FIT_OPTIONS }), 'scenario fit');
  if (!values.data) throw new UsageError('fit: --data FILE is required (a canonical daily CSV)');
  checkOutputs([values.out ? { flag: '--out', path: values.out } : undefined], [values.data]);
  const rows = sliceByDay(loadCanonicalCsv(values.data), (r) => r.date, dayRange({ from: values.from, to: values.to }), values.data);
  const params = fitGenerator(rows, values.data);
  emit(io, values.out, JSON.stringify(params, null, 2) + '\n');
  // Does the fitted generator resemble the data? (stderr: stdout may be the JSON)
  io.err(`${values.data} vs ${COMPARE_PATHS} paths of ${rows.length} days generated from the fit (means over paths):\n`);
  const data = seriesStats(rows);
  const gen = generatedStats(params, COMPARE_PATHS);
  io.err(compareText(data, gen, rows.length));
  const failed = realismRows(data, gen, rows.length).filter((r) => !r.pass).length;
  io.err(failed === 0 ? 'realism: every item within its tolerance\n' : `realism: ${failed} item(s) outside their tolerance\n`);
  if (values.out) io.err(`wrote ${values.out}\n`);
  return 0;
}

async function generate(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(
    () =>
      parseArgs({
        args: argv,
        strict: true,
        options: GENERATE_OPTIONS,
      }),
    'scenario generate',
  );
  checkOutputs([values.out ? { flag: '--out', path: values.out } : undefined], [values.params]);
  const overrides = values.params ? readOverrides(values.params) : {};
  if (values.days) overrides.days = boundedFlag('--days', values.days, 'generatorDays');
  const params = resolveGeneratorParams(overrides);
  const seed = values.seed ?? '1';
  const set = values.set ?? 'generated';
  const index = values.index ? boundedFlag('--index', values.index, 'scenarioIndex') : 0;
  const rows = generatePath(params, scenarioRng(seed, set, index));
  // A path may drift outside the data bounds (docs/bounds.md), up to Infinity: refuse it rather than
  // write rows no loader would read back.
  validateRows(rows, `generated path (seed ${seed}, set ${set}, index ${index}; lower price.drift, sigma or days)`);
  emit(io, values.out, formatCanonicalCsv(rows));
  return 0;
}

export const scenarioCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  if (sub === 'fit') return fit(rest, io);
  if (sub === 'generate') return generate(rest, io);
  if (sub === 'shocks') {
    if (rest.length > 0) throw new UsageError(`shocks takes no arguments, got ${rest.join(' ')}`);
    io.out(describeShocks() + '\n');
    return 0;
  }
  throw new UsageError(`unknown subcommand "${sub}" (expected fit, generate or shocks)`);
};
