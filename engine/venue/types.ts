/**
 * Venue-neutral commands and results (MODEL.md section 8): what the strategy sends to a perp venue (the
 * short leg) and a lending venue (the long leg), and what it reads back. The paper venues implement them
 * and so does a live adapter; nothing here names one venue. Drift's integer units: quote 1e6, base 1e9,
 * price 1e6, leverage 1e4, funding rates 1e9 (quote per base per period, Drift's
 * `FUNDING_RATE_PRECISION`). Amounts are `bigint`; an adapter to the live venue converts them to the
 * SDK's `BN` with `new BN(x.toString())`.
 */
import type { PerpPositionState } from '../health/types.js';
import type { VenueError } from './errors.js';

export type Direction = 'long' | 'short';

/** A command to the perp venue (the short leg). */
export type PerpCommand =
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

/** What a perp venue command did. */
export type PerpResult =
  | { type: 'DEPOSIT'; time: number; amount: bigint; after: AccountFigures }
  | { type: 'WITHDRAW'; time: number; amount: bigint; after: AccountFigures }
  | { type: 'OPEN_POSITION'; time: number; fill: Fill; after: AccountFigures }
  | { type: 'CLOSE_POSITION'; time: number; fill: Fill; /** PnL of the closed part, before fee */ realizedPnl: bigint; after: AccountFigures }
  | { type: 'SETTLE_PNL'; time: number; marketIndex: number; settled: bigint; after: AccountFigures };

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: VenueError };

/** A perp position as the health math sees it, plus its cost basis. */
export interface PositionView extends PerpPositionState {
  /** cost basis of the open size (negative for a long), quote 1e6, fees excluded */
  quoteEntryAmount: bigint;
}

/** A command to the lending venue (the long leg), quote 1e6. */
export type SpotCommand =
  /** post `equity` USDC, borrow the rest of `notional`, buy SOL with it (quote 1e6) */
  | { type: 'SPOT_OPEN'; equity: bigint; notional: bigint }
  /** sell all SOL, repay the debt, release the rest */
  | { type: 'SPOT_CLOSE' }
  /** borrow more USDC out of the leg (moves `amount` to the wallet) */
  | { type: 'SPOT_BORROW'; amount: bigint }
  /** repay debt from the wallet */
  | { type: 'SPOT_REPAY'; amount: bigint };

export interface SpotResult {
  type: SpotCommand['type'];
  time: number;
  /** USDC into (+) or out of (-) the wallet by this command, quote 1e6 */
  walletDelta: bigint;
  fee: bigint;
}

/** A command tagged with the leg it goes to: what the strategy emits and the safety gates judge. */
export type VenueCommand = { venue: 'perp'; command: PerpCommand } | { venue: 'spot'; command: SpotCommand };
