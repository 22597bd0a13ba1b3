/**
 * `dnh data align --prices F --funding F --lend F --borrow F [--from D] [--to D] [--drop-partial] [--out F]`:
 * venue files to canonical daily rows (CSV on stdout, or atomically to `--out`), with the coverage
 * report on stderr (window, row count, every partial day).
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../../engine/errors.js';
import { formatCanonicalCsv } from '../../engine/data/csv.js';
import { alignVenueData } from '../../engine/venues-data/align.js';
import { loadFunding, loadPrices, loadRates } from '../../engine/venues-data/detect.js';
import { mergeFunding } from '../../engine/venues-data/merge.js';
import { formatCoverage } from '../data/coverage-text.js';
import { checkOutputs, writeFileAtomic } from '../io/atomic.js';
import { parseFlags } from './flags.js';
import type { Command } from './io.js';
import { ALIGN_OPTIONS } from './specs/scenario.js';
import { alignHourly, formatHourlyCsv, loadHlHourlyCandles } from '../data/hourly-rows.js';

export const dataCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  if (sub === 'download') return (await import('./data-download.js')).dataDownloadCommand(rest, io);
  if (sub !== 'align') throw new UsageError(`expected the subcommand "align" or "download", got ${sub === undefined ? 'nothing' : `"${sub}"`} (see dnh data --help)`);
  const { values } = parseFlags(
    () =>
      parseArgs({
        args: rest,
        strict: true,
        allowPositionals: false,
        options: ALIGN_OPTIONS,
      }),
    'data',
  );
  for (const f of ['prices', 'funding', 'lend', 'borrow'] as const) {
    if (!values[f] || (Array.isArray(values[f]) && values[f].length === 0)) throw new UsageError(`--${f} FILE is required (see dnh data --help)`);
  }
  checkOutputs([values.out ? { flag: '--out', path: values.out } : undefined], [values.prices, ...values.funding!, values.lend, values.borrow]);
  if (values.hourly) {
    if (values.spot || values['drop-partial']) throw new UsageError('--hourly takes neither --spot nor --drop-partial (see dnh data align --help)');
    const { rows, from, to } = alignHourly({
      candles: loadHlHourlyCandles(values.prices!),
      candlesFile: values.prices!,
      funding: mergeFunding(values.funding!.map(loadFunding)),
      lend: loadRates(values.lend!, 'apyBase'),
      borrow: loadRates(values.borrow!, 'apyBaseBorrow'),
      from: values.from,
      to: values.to,
    });
    const csv = formatHourlyCsv(rows);
    if (values.out) writeFileAtomic(values.out, csv);
    else io.out(csv);
    io.err(`hourly window ${from} .. ${to}: ${rows.length} rows\n`);
    return 0;
  }
  const { rows, coverage } = alignVenueData({
    prices: loadPrices(values.prices!),
    funding: mergeFunding(values.funding!.map(loadFunding)),
    lend: loadRates(values.lend!, 'apyBase'),
    borrow: loadRates(values.borrow!, 'apyBaseBorrow'),
    ...(values.spot ? { spot: loadPrices(values.spot) } : {}),
    from: values.from,
    to: values.to,
    dropPartial: values['drop-partial'] ?? false,
  });
  const csv = formatCanonicalCsv(rows);
  if (values.out) writeFileAtomic(values.out, csv);
  else io.out(csv);
  io.err(formatCoverage(coverage, values['drop-partial'] ?? false));
  return 0;
};
