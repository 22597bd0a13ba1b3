/**
 * The paper venues behind the strategy's asynchronous ports (engine/strategy/ports.ts). The venues stay
 * synchronous and deterministic inside; each port call runs the venue at once and hands its answer back
 * as a resolved promise, so a driver that awaits one call at a time sees exactly what it saw when it
 * called the venue directly.
 *
 * @example
 *   const perp = paperPerpPort(new PaperVenue(clock));
 *   const fig = await perp.figures();
 */
import type { PerpPort, SpotPort } from '../strategy/ports.js';
import type { PaperLendingLeg } from './lendingLeg.js';
import type { PaperVenue } from './venue.js';

/** The paper Drift venue as the strategy's perp port. */
export function paperPerpPort(venue: PaperVenue): PerpPort {
  return {
    execute: async (cmd) => venue.execute(cmd),
    settlePnl: async (marketIndex) => venue.settlePnl(marketIndex),
    figures: async () => venue.figures(),
    position: async (marketIndex) => venue.position(marketIndex),
  };
}

/** The paper lending leg as the strategy's spot port. */
export function paperSpotPort(leg: PaperLendingLeg): SpotPort {
  return {
    execute: async (cmd) => leg.execute(cmd),
    sol: async () => leg.sol,
    equity: async () => leg.equity(),
    notional: async () => leg.notional(),
    health: async () => leg.health(),
  };
}
