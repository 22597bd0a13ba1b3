/**
 * Commands, results and state of the paper venue (MODEL.md section 8), in Drift's integer units:
 * quote 1e6, base 1e9, price 1e6, leverage 1e4, funding rates 1e9 (quote per base per period, Drift's
 * `FUNDING_RATE_PRECISION`). Amounts are `bigint`; an adapter to the live venue converts them to the
 * SDK's `BN` with `new BN(x.toString())`.
 */
import type { PerpPositionState } from '../health/types.js';
import type { PaperVenueError } from './errors.js';

export type Direction = 'long' | 'short';

export type PaperCommand =
  | { type: 'DEPOSIT'; amount: bigint }
  | { type: 'WITHDRAW'; amount: bigint }
  | { type: 'OPEN_POSITION'; marketIndex: number; direction: Direction; baseAssetAmount: bigint }
  /** `baseAssetAmount` omitted: close the whole position */
  | { type: 'CLOSE_POSITION'; marketIndex: number; baseAssetAmount?: bigint };

export interface Fill {
  marketIndex: number;
  /** the side of this trade: `long` buys base, `short` sells it */
  side: Direction;
  /** traded size, positive, base 1e9 */
  baseAssetAmount: bigint;
  oraclePrice: bigint;
  /** |base| x oracle, quote 1e6 */
  notional: bigint;
  /** slippage cost against the taker, quote 1e6 */
  slippage: bigint;
  /** taker fee, quote 1e6 */
  fee: bigint;
  /** effective price including slippage (not the fee), 1e6, rounded against the taker */
  fillPrice: bigint;
}

export interface AccountFigures {
  /** settled USDC collateral, quote 1e6 */
  collateral: bigint;
  /** unrealised PnL incl. unsettled funding over all positions, quote 1e6 */
  unsettledPnl: bigint;
  /** of which unsettled funding, quote 1e6 */
  unsettledFunding: bigint;
  /** collateral + unsettledPnl, quote 1e6 */
  equity: bigint;
  health: number;
  /** 1e4 */
  leverage: bigint;
  /** quote 1e6 */
  freeCollateral: bigint;
}

export type PaperResult =
  | { type: 'DEPOSIT'; time: number; amount: bigint; after: AccountFigures }
  | { type: 'WITHDRAW'; time: number; amount: bigint; after: AccountFigures }
  | { type: 'OPEN_POSITION'; time: number; fill: Fill; after: AccountFigures }
  | { type: 'CLOSE_POSITION'; time: number; fill: Fill; /** PnL of the closed part, before fee */ realizedPnl: bigint; after: AccountFigures }
  | { type: 'SETTLE_PNL'; time: number; marketIndex: number; settled: bigint; after: AccountFigures };

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: PaperVenueError };

/** A perp position as the health math sees it, plus its cost basis. */
export interface PositionView extends PerpPositionState {
  /** cost basis of the open size (negative for a long), quote 1e6, fees excluded */
  quoteEntryAmount: bigint;
}

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
