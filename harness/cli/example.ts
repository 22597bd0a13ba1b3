/** `dnh example [--out FILE] [--seed N] [--days N] [--spot]`: write the seeded synthetic example series. */
import { parseArgs } from 'node:util';
import { formatCanonicalCsv } from '../../engine/data/csv.js';
import { validateRows } from '../../engine/data/rows.js';
import { UsageError } from '../../engine/errors.js';
import { EXAMPLE_DEFAULTS, makeExampleSeries } from '../example/synthetic.js';
import { withExampleSpot } from '../example/spot.js';
import { checkOutputs, writeFileAtomic } from '../io/atomic.js';
import { MAX_PATH_DAYS } from '../scenario/bootstrap.js';
import type { Command } from './io.js';
import { EXAMPLE_OPTIONS } from './specs/backtest.js';
import { boundedFlag, parseFlags } from './flags.js';

export const exampleCommand: Command = async (argv, io) => {
  const { values } = parseFlags(
    () =>
      parseArgs({
        args: argv,
        strict: true,
        options: EXAMPLE_OPTIONS,
      }),
    'example',
  );
  const seed = values.seed === undefined ? EXAMPLE_DEFAULTS.seed : boundedFlag('--seed', values.seed, 'seed');
  const days = values.days === undefined ? EXAMPLE_DEFAULTS.days : boundedFlag('--days', values.days, 'generatorDays');
  if (days < 30 || days > MAX_PATH_DAYS) throw new UsageError(`--days: expected 30..${MAX_PATH_DAYS}, got ${days}`);
  checkOutputs([values.out ? { flag: '--out', path: values.out } : undefined], []);
  const perp = makeExampleSeries({ ...EXAMPLE_DEFAULTS, seed, days });
  const rows = values.spot ? withExampleSpot(perp, seed) : perp;
  validateRows(rows, 'generated example');
  const csv = formatCanonicalCsv(rows);
  if (values.out) writeFileAtomic(values.out, csv);
  else io.out(csv);
  return 0;
};
