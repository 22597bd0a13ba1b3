/**
 * The ports the strategy's drivers talk to. `decide` never sees them: a driver reads the ports into an
 * `Observation`, asks `decide`, and sends the resulting commands back through the ports. The paper venue
 * and the paper lending leg implement them; a live adapter (Drift via the SDK, a lending protocol)
 * implements the same shapes, converting bigint venue units to the SDK's `BN` at its edge.
 */
import type { TradingState } from '../safety/gates.js';
import type { AccountFigures, Outcome, PerpCommand, PerpResult, PositionView, SpotCommand, SpotResult } from '../venue/types.js';
import type { Observation } from './fundingEngine.js';

/** The perp venue (the short leg). */
export interface PerpPort {
  execute(cmd: PerpCommand): Outcome<PerpResult>;
  settlePnl(marketIndex: number): Outcome<PerpResult>;
  figures(): AccountFigures;
  position(marketIndex: number): PositionView | undefined;
}

/** The lending venue (the long leg). */
export interface SpotPort {
  execute(cmd: SpotCommand): Outcome<SpotResult>;
  readonly sol: bigint;
  equity(): bigint;
  notional(): bigint;
  health(): number;
}

export interface MarketView {
  now: number;
  /** SOL oracle price, USD */
  price: number;
  funding: Observation['funding'];
  lendApy: number;
  borrowApy: number;
}

/** Read both ports into the strategy's observation (SOL-PERP is perp market 0). */
export function observe(market: MarketView, perp: PerpPort, spot: SpotPort, wallet: bigint, tradingState: TradingState): Observation {
  const fig = perp.figures();
  const pos = perp.position(0);
  const base = pos?.baseAssetAmount ?? 0n;
  const notional = ((base < 0n ? -base : base) * BigInt(Math.round(market.price * 1e6))) / 1_000_000_000n;
  return {
    ...market,
    perp: { base, collateral: fig.collateral, equity: fig.equity, notional, health: fig.health },
    spot: { sol: spot.sol, equity: spot.equity(), notional: spot.notional(), health: spot.health() },
    wallet,
    tradingState,
  };
}
