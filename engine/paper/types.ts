/**
 * State of the paper venue that only a simulation has: its running ledger. The commands, results and
 * figures it shares with every venue are in engine/venue/types.ts.
 */

/** Running totals, each accumulated as it happens (never derived as a remainder). */
export interface PaperLedger {
  deposits: bigint;
  withdrawals: bigint;
  fees: bigint;
  slippage: bigint;
  /** funding moved from unsettled into the position's quote (positive = received) */
  fundingRealised: bigint;
  /** PnL moved into collateral by settlement (positive = credited) */
  settledPnl: bigint;
  /** Drift liquidation fees charged to the account: to the liquidator, to the insurance fund */
  liquidatorFees: bigint;
  ifFees: bigint;
  /** losses beyond the collateral after a liquidation (bankruptcy), taken by the insurance fund */
  badDebt: bigint;
  /** liquidations run (each one or more `liquidate_perp` steps) */
  liquidations: number;
}
