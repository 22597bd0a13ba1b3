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

const HELP = `usage: dnh data align --prices FILE --funding FILE --lend FILE --borrow FILE [options] > rows.csv
       dnh data download hl|drift|defillama|binance --from DATE --to DATE [--out DIR]   (see dnh data download --help)

Aligns venue data into canonical daily rows (date,open,high,low,close,funding,lend_apy,borrow_apy).
  --prices FILE     Hyperliquid candleSnapshot JSON (1d), Binance daily klines CSV, or freqtrade 1d feather
  --funding FILE    Hyperliquid fundingHistory JSON, Drift funding records JSON, daily {date, rate} JSON,
                    or a freqtrade funding-rate feather (1 h or 8 h);
                    repeat it to merge hourly files by hour (overlapping hours must agree exactly)
  --lend FILE       DefiLlama chartLendBorrow JSON of the SOL pool (apyBase, percent)
  --borrow FILE     DefiLlama chartLendBorrow JSON of the USDC pool (apyBaseBorrow, percent)
  --spot FILE       spot candles (Binance daily klines CSV, freqtrade spot 1d feather, Hyperliquid candles):
                    adds the columns spot_open,spot_high,spot_low,spot_close (MODEL.md 10.2, --legPrices split);
                    the window then also needs every spot day
  --from DATE       first day (YYYY-MM-DD); default: the first day all sources share
  --to DATE         last day; default: the last day all sources share
  --drop-partial    drop partial days (fewer than 24 funding hours, unfinished candle) at the window edges
  --out FILE        write the rows to FILE (atomically) instead of stdout
The coverage report (window, rows, partial days) goes to stderr.
`;

export const dataCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h') {
    io.out(HELP);
    return 0;
  }
  if (sub === 'download') return (await import('./data-download.js')).dataDownloadCommand(rest, io);
  if (sub !== 'align') throw new UsageError(`expected the subcommand "align" or "download", got ${sub === undefined ? 'nothing' : `"${sub}"`} (see dnh data --help)`);
  const { values } = parseFlags(
    () =>
      parseArgs({
        args: rest,
        strict: true,
        allowPositionals: false,
        options: {
          prices: { type: 'string' }, funding: { type: 'string', multiple: true }, lend: { type: 'string' }, borrow: { type: 'string' }, spot: { type: 'string' },
          from: { type: 'string' }, to: { type: 'string' }, 'drop-partial': { type: 'boolean' }, out: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      }),
    'data',
  );
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  for (const f of ['prices', 'funding', 'lend', 'borrow'] as const) {
    if (!values[f] || (Array.isArray(values[f]) && values[f].length === 0)) throw new UsageError(`--${f} FILE is required (see dnh data --help)`);
  }
  checkOutputs([values.out ? { flag: '--out', path: values.out } : undefined], [values.prices, ...values.funding!, values.lend, values.borrow]);
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
