/** The two outputs of `dnh backtest`: the JSON object of the issue's contract, and a readable summary. */
import type { MarketRow } from '../../engine/data/rows.js';
import { formatLongLiquidation } from '../../engine/model/params.js';
import { WATERFALL_KEYS, type BacktestResult } from '../../engine/model/types.js';
import { drawdown, fixed, money, percent, price } from '../../engine/format/number.js';

/** Exactly the fields the `--json` contract names, in that order. */
export function resultJson(r: BacktestResult): Record<string, unknown> {
  const o: Record<string, unknown> = {
    finalEquity: r.finalEquity,
    totalReturn: r.totalReturn,
    annualized: r.annualized,
    maxDrawdown: r.maxDrawdown,
    liquidations: r.liquidations,
    liquidatedLegs: r.liquidatedLegs,
    rebalances: r.rebalances,
    rotations: r.rotations,
    ruined: r.ruined,
    minHealthLong: r.minHealthLong,
    minHealthShort: r.minHealthShort,
    waterfall: Object.fromEntries(WATERFALL_KEYS.map((k) => [k, r.waterfall[k]])),
    params: r.params,
    convention: r.convention,
  };
  if (r.events) o.events = r.events;
  return o;
}

const usd = (x: number): string => money(x);
const pct = (x: number): string => percent(x, 2);
const signed = (x: number): string => (x >= 0 ? '+' : '-') + usd(Math.abs(x)).padStart(13);

export interface SummaryContext {
  file: string;
  rows: readonly MarketRow[];
  events: boolean;
}

export function summaryText(r: BacktestResult, ctx: SummaryContext): string {
  const p = r.params;
  const w = r.waterfall;
  const first = ctx.rows[0]!;
  const last = ctx.rows[ctx.rows.length - 1]!;
  const L: string[] = [];
  L.push(`delta-neutral backtest (convention ${r.convention}, model ${p.model}, venue ${p.venue})`);
  L.push(`data      ${ctx.file}`);
  L.push(`          ${first.date} .. ${last.date}, ${ctx.rows.length} days, SOL ${price(first.close)} -> ${price(last.close)}`);
  L.push('');
  L.push('parameters');
  L.push(`  capital ${usd(p.capital)}   leverage ${p.leverage}x   trigger ${p.trigger >= 999 ? 'never (999)' : p.trigger + 'x'}`);
  L.push(`  long  openFeeBps ${p.long.openFeeBps}  closeFeeBps ${p.long.closeFeeBps}  maintenance ${p.long.maintenance}  penalty ${p.long.penalty.kind}:${p.long.penalty.rate}`);
  L.push(`  perp  feeBps ${p.perp.feeBps}  maintenance ${p.perp.maintenance}  penalty ${p.perp.penalty.kind}:${p.perp.penalty.rate}`);
  L.push(`  transferCost ${usd(p.transferCost)}${p.convention === 'study' ? `   gas ${usd(p.gas)} per open` : ''}`);
  if (p.convention === 'exact') L.push(`  execution survivor ${p.survivor}  legPrices ${p.legPrices}  long.liquidation ${formatLongLiquidation(p.long.liquidation)}`);
  L.push('');
  L.push('result');
  L.push(`  final equity   ${usd(r.finalEquity)}${r.ruined ? '   RUINED' : ''}`);
  L.push(`  total return   ${pct(r.totalReturn)}    annualised ${pct(r.annualized)}${r.convention === 'study' ? ' (simple)' : ''}`);
  L.push(`  max drawdown   ${drawdown(r.maxDrawdown, 2)}`);
  L.push(`  liquidations   ${r.liquidations} (${r.liquidatedLegs} legs)   rebalances ${r.rebalances}   rotations ${r.rotations}`);
  L.push(`  min health     long ${fixed(r.minHealthLong, 1)}   short ${fixed(r.minHealthShort, 1)}`);
  L.push('');
  L.push('P&L waterfall');
  L.push(`  capital              ${usd(p.capital).padStart(14)}`);
  L.push(`  lend income          ${signed(w.lendIncome)}`);
  L.push(`  borrow interest      ${signed(-w.borrowInterest)}`);
  L.push(`  funding              ${signed(w.funding)}`);
  L.push(`  fees                 ${signed(-w.fees)}`);
  L.push(`  transfer costs       ${signed(-w.transferCosts)}`);
  L.push(`  penalties            ${signed(-w.penalties)}`);
  L.push(`  price P&L (MTM drag) ${signed(w.pricePnl)}`);
  L.push(`  bad debt (forgiven)  ${signed(w.badDebt)}`);
  L.push(`  final equity         ${usd(r.finalEquity).padStart(14)}`);
  if (ctx.events && r.events) {
    L.push('');
    L.push('events');
    L.push('  date        kind         leg    price        equity before  equity after   cost');
    for (const e of r.events) {
      L.push(
        `  ${e.date}  ${e.kind.padEnd(11)}  ${e.leg.padEnd(5)}  ${fixed(e.price, 4).padStart(10)}  ${fixed(e.equityBefore, 2).padStart(13)}  ${fixed(e.equityAfter, 2).padStart(12)}  ${fixed(e.cost, 2).padStart(8)}` +
          (e.repaid !== undefined ? `  ${e.kind === 'partial' ? 'repaid' : 'realised'} ${fixed(e.repaid, 2)}  ${e.kind === 'partial' ? 'seized SOL' : 'contracts closed'} ${fixed(e.seized!, 6)}` : ''),
      );
    }
  }
  return L.join('\n') + '\n';
}
