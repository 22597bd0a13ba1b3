/**
 * The ports the strategy's drivers talk to: asynchronous at the edge, so the same strategy code drives
 * the paper venues and a live one (STYLE.md habits 3 and 16). `decide` never sees them and stays a pure,
 * synchronous function of the observation: a driver awaits the ports into an `Observation`, asks
 * `decide`, and sends the resulting commands back through the ports, one at a time. The paper venue and
 * the paper lending leg implement them through their adapters (`paperPerpPort`, `paperSpotPort`); a
 * live adapter (Drift via the SDK, a lending protocol) implements the same shapes from
 * engine/venue/types.ts, converting bigint venue units to the SDK's `BN` at its edge.
 */
import type { TradingState } from '../safety/gates.js';
import type { AccountFigures, Outcome, PerpCommand, PerpResult, PositionView, SpotCommand, SpotResult } from '../venue/types.js';
import type { Observation } from './fundingEngine.js';

/**
 * The perp venue (the short leg). Every method returns a promise (STYLE.md habit 16): a live venue
 * answers over the network. A driver awaits one call at a time, in program order (habit 9), so a venue
 * sees the same sequence of calls whatever order its answers would arrive in.
 */
export interface PerpPort {
  execute(cmd: PerpCommand): Promise<Outcome<PerpResult>>;
  settlePnl(marketIndex: number): Promise<Outcome<PerpResult>>;
  figures(): Promise<AccountFigures>;
  position(marketIndex: number): Promise<PositionView | undefined>;
}

/** The lending venue (the long leg); asynchronous as `PerpPort`. */
export interface SpotPort {
  execute(cmd: SpotCommand): Promise<Outcome<SpotResult>>;
  /** SOL held, 1e9 */
  sol(): Promise<bigint>;
  /** quote 1e6 */
  equity(): Promise<bigint>;
  /** quote 1e6 */
  notional(): Promise<bigint>;
  health(): Promise<number>;
}

export interface MarketView {
  now: number;
  /** SOL oracle price, USD */
  price: number;
  funding: Observation['funding'];
  lendApy: number;
  borrowApy: number;
}

/**
 * Read both ports into the strategy's observation (SOL-PERP is perp market 0): one read at a time, in a
 * fixed order (perp figures, perp position, then the lending leg's SOL, equity, notional, health).
 */
export async function observe(market: MarketView, perp: PerpPort, spot: SpotPort, wallet: bigint, tradingState: TradingState): Promise<Observation> {
  const fig = await perp.figures();
  const pos = await perp.position(0);
  const base = pos?.baseAssetAmount ?? 0n;
  const notional = ((base < 0n ? -base : base) * BigInt(Math.round(market.price * 1e6))) / 1_000_000_000n;
  const sol = await spot.sol();
  const equity = await spot.equity();
  const spotNotional = await spot.notional();
  const health = await spot.health();
  return {
    ...market,
    perp: { base, collateral: fig.collateral, equity: fig.equity, notional, health: fig.health },
    spot: { sol, equity, notional: spotNotional, health },
    wallet,
    tradingState,
  };
}
