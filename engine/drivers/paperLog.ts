/**
 * How the paper driver writes commands and venue liquidations into its event log (one line each, USD
 * with cents, SOL with four decimals). Shared by `dnh paper` and `dnh crosscheck`.
 */
import { fixed, money } from '../format/number.js';
import type { LendingLiquidation } from '../paper/lendingLeg.js';
import type { PerpLiquidation } from '../paper/perpLiquidation.js';
import type { VenueCommand } from '../venue/types.js';

/** Integer USD at precision 1e6 as money (`-$1,234.56`, engine/format/number.ts). */
export const usd = (x: bigint): string => money(Number(x) / 1e6);
const sol = (x: bigint): string => `${fixed(Number(x) / 1e9, 4)} SOL`;

export function describeCommand(c: VenueCommand): string {
  const cmd = c.command;
  switch (cmd.type) {
    case 'DEPOSIT':
    case 'WITHDRAW':
    case 'SPOT_BORROW':
    case 'SPOT_REPAY':
      return `${c.venue} ${cmd.type} ${usd(cmd.amount)}`;
    case 'OPEN_POSITION':
      return `perp OPEN_POSITION ${cmd.direction} ${sol(cmd.baseAssetAmount)}`;
    case 'CLOSE_POSITION':
      return `perp CLOSE_POSITION${cmd.baseAssetAmount === undefined ? '' : ` ${sol(cmd.baseAssetAmount)}`}`;
    case 'SPOT_OPEN':
      return `spot SPOT_OPEN equity ${usd(cmd.equity)} notional ${usd(cmd.notional)}`;
    case 'SPOT_CLOSE':
      return 'spot SPOT_CLOSE';
  }
}

export function describePerpLiquidation(l: PerpLiquidation): string {
  const base = l.steps.reduce((s, x) => s + x.baseAssetAmount, 0n);
  const liq = l.steps.reduce((s, x) => s + x.liquidatorFee, 0n);
  const ifFee = l.steps.reduce((s, x) => s + x.ifFee, 0n);
  const pnl = l.steps.reduce((s, x) => s + x.realizedPnl, 0n);
  return `perp liquidated at oracle ${fixed(Number(l.oraclePrice) / 1e6, 4)}: ${l.steps.length} step(s), ${sol(base)} taken over (value ${usd(l.steps.reduce((s, x) => s + x.baseAssetValue, 0n))}, PnL ${usd(pnl)}), liquidator fee ${usd(liq)}, insurance fund fee ${usd(ifFee)}; collateral ${usd(l.totalCollateral)} was below the requirement ${usd(l.marginRequirement)}; ${sol(l.baseAfter < 0n ? -l.baseAfter : l.baseAfter)} left${l.badDebt > 0n ? `, bad debt ${usd(l.badDebt)}` : ''}`;
}

export function describeLendingLiquidation(l: LendingLiquidation): string {
  const repaid = l.rounds.reduce((s, r) => s + r.repaid, 0n);
  const seized = l.rounds.reduce((s, r) => s + r.seized, 0n);
  const bonus = l.rounds.reduce((s, r) => s + r.bonus, 0n);
  const rounds = `${l.rounds.length} partial round(s) repaid ${usd(repaid)}, seized ${sol(seized)}, bonus ${usd(bonus)}`;
  const full = l.full ? `; then liquidated in full: penalty ${usd(l.penalty)}, bad debt ${usd(l.badDebt)}, released ${usd(l.released)}` : `; ${sol(l.solAfter)} and debt ${usd(l.debtAfter)} left`;
  return `lending liquidated at ${fixed(l.price, 4)}: ${rounds}${full}`;
}
