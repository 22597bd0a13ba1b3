/** `dnh example [--out FILE] [--seed N] [--days N]`: write the seeded synthetic example series. */
import { parseArgs } from 'node:util';
import { formatCanonicalCsv } from '../../engine/data/csv.js';
import { validateRows } from '../../engine/data/rows.js';
import { UsageError } from '../../engine/errors.js';
import { EXAMPLE_DEFAULTS, makeExampleSeries } from '../example/synthetic.js';
import { checkOutputs, writeFileAtomic } from '../io/atomic.js';
import { MAX_PATH_DAYS } from '../scenario/bootstrap.js';
import type { Command } from './io.js';
import { parseFlags, positiveInt } from './flags.js';

export const exampleCommand: Command = async (argv, io) => {
  const { values } = parseFlags(
    () =>
      parseArgs({
        args: argv,
        strict: true,
        options: { out: { type: 'string' }, seed: { type: 'string' }, days: { type: 'string' }, help: { type: 'boolean' } },
      }),
    'example',
  );
  if (values.help) {
    io.out('usage: dnh example [--out FILE] [--seed N] [--days N]\n  Writes the seeded synthetic example series (canonical CSV) to FILE or stdout.\n');
    return 0;
  }
  const seed = values.seed === undefined ? EXAMPLE_DEFAULTS.seed : positiveInt('--seed', values.seed);
  const days = values.days === undefined ? EXAMPLE_DEFAULTS.days : positiveInt('--days', values.days);
  if (days < 30 || days > MAX_PATH_DAYS) throw new UsageError(`--days: expected 30..${MAX_PATH_DAYS}, got ${days}`);
  checkOutputs([values.out ? { flag: '--out', path: values.out } : undefined], []);
  const rows = makeExampleSeries({ ...EXAMPLE_DEFAULTS, seed, days });
  validateRows(rows, 'generated example');
  const csv = formatCanonicalCsv(rows);
  if (values.out) writeFileAtomic(values.out, csv);
  else io.out(csv);
  return 0;
};
