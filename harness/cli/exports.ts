/**
 * `--equity-csv` and `--events-csv` of `dnh backtest` and `dnh paper`: the daily equity curve and the
 * event log as CSV (numbers with at most 12 significant digits, harness/io/csv-number.ts). The files are
 * written with the command's other outputs, atomically (harness/io/atomic.ts).
 *
 * backtest equity: `date,close,equity,drawdown` - equity marked at each day's close (both legs; the
 *   kernel keeps no per-leg series), drawdown from the running peak (<= 0). The last row is before the
 *   final close; the JSON's finalEquity also pays that close's fees.
 * paper equity: `time,price,wallet,perp_equity,long_equity,total_equity,drawdown` - the account at the
 *   end of every replay step, in USD.
 */
import type { MarketRow } from '../../engine/data/rows.js';
import type { PaperEquityPoint, PaperEvent } from '../../engine/drivers/paperDriver.js';
import type { BacktestEvent } from '../../engine/model/types.js';
import { csvNumber, csvText } from '../io/csv-number.js';

function drawdowns(equity: readonly number[]): number[] {
  let peak = -Infinity;
  return equity.map((e) => {
    peak = Math.max(peak, e);
    return peak > 0 ? e / peak - 1 : 0;
  });
}

export function backtestEquityCsv(rows: readonly MarketRow[], equity: readonly number[]): string {
  if (equity.length !== rows.length) throw new RangeError(`equity series of ${equity.length} days for ${rows.length} rows`);
  const dd = drawdowns(equity);
  const lines = ['date,close,equity,drawdown'];
  for (let i = 0; i < rows.length; i++) lines.push(`${rows[i]!.date},${csvNumber(rows[i]!.close)},${csvNumber(equity[i]!)},${csvNumber(dd[i]!)}`);
  return lines.join('\n') + '\n';
}

export function backtestEventsCsv(events: readonly BacktestEvent[]): string {
  const lines = ['date,kind,leg,price,equity_before,equity_after,cost,repaid,seized'];
  for (const e of events) {
    const opt = (x: number | undefined): string => (x === undefined ? '' : csvNumber(x));
    lines.push([e.date, e.kind, e.leg, csvNumber(e.price), csvNumber(e.equityBefore), csvNumber(e.equityAfter), csvNumber(e.cost), opt(e.repaid), opt(e.seized)].join(','));
  }
  return lines.join('\n') + '\n';
}

const usd = (x: bigint): number => Number(x) / 1e6;

export function paperEquityCsv(points: readonly PaperEquityPoint[], iso: (ms: number) => string): string {
  const dd = drawdowns(points.map((p) => usd(p.totalEquity)));
  const lines = ['time,price,wallet,perp_equity,long_equity,total_equity,drawdown'];
  points.forEach((p, i) => lines.push([iso(p.time), csvNumber(p.price), csvNumber(usd(p.wallet)), csvNumber(usd(p.perpEquity)), csvNumber(usd(p.spotEquity)), csvNumber(usd(p.totalEquity)), csvNumber(dd[i]!)].join(',')));
  return lines.join('\n') + '\n';
}

export function paperEventsCsv(events: readonly PaperEvent[], iso: (ms: number) => string): string {
  return ['time,kind,text', ...events.map((e) => `${iso(e.time)},${e.kind},${csvText(e.text)}`)].join('\n') + '\n';
}
