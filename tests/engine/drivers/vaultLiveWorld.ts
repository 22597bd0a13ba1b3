/**
 * `liveStep` over the paper venues with a vault guard, for the vault tests: SOL at $100, a week of
 * hourly funding, 2,000 USDC in the wallet, the strategy's defaults and a gate pass. The perp port
 * records each command type it sends; the guard reads collateral with `makeRead` (2 attempts).
 */
import { Keypair } from '@solana/web3.js';
import type { VaultAlert } from '../../../engine/alerts/vaultAlerts.js';
import { VaultGuard } from '../../../engine/drivers/vaultGuard.js';
import { PaperLendingLeg } from '../../../engine/paper/lendingLeg.js';
import { paperPerpPort, paperSpotPort } from '../../../engine/paper/ports.js';
import { PaperVenue } from '../../../engine/paper/venue.js';
import { DEFAULT_STRATEGY, INITIAL_ENGINE_STATE } from '../../../engine/strategy/fundingEngine.js';
import type { PerpPort } from '../../../engine/strategy/ports.js';
import { ManualClock } from '../../../engine/venue/clock.js';
import { configFor, passFor } from '../../harness/live/helpers.js';

export const NOW = 1_704_067_200_000;
const HOUR = 3_600_000;
const { config, hash } = configFor(Keypair.fromSeed(new Uint8Array(32).fill(4)).publicKey.toBase58());

export function vaultLiveWorld(makeRead: (perp: PerpPort, clock: ManualClock) => () => Promise<bigint>) {
  const clock = new ManualClock(NOW);
  const venue = new PaperVenue(clock);
  const leg = new PaperLendingLeg(clock, { maintenance: DEFAULT_STRATEGY.longMaintenance, openFeeBps: DEFAULT_STRATEGY.longOpenFeeBps, closeFeeBps: 0 });
  const rates = { lendApy: 0.05, borrowApy: 0.08 };
  leg.update({ price: 100, ...rates });
  venue.setMarket(0, { oraclePrice: 100_000000n, fundingRate: 0n });
  const inner = paperPerpPort(venue);
  const sent: string[] = [];
  const perp: PerpPort = { ...inner, figures: () => inner.figures(), execute: (c) => (sent.push(c.type), inner.execute(c)) } as PerpPort;
  const alerts: VaultAlert[] = [];
  const guard = new VaultGuard({ account: 'paper', clock, intervalMs: 60_000, tolerancePerCommand: 1n, attempts: 2, delayMs: 1, sleep: async () => {}, alert: (a) => alerts.push(a), readCollateral: makeRead(inner, clock) });
  const funding = Array.from({ length: 24 * 7 + 1 }, (_, i) => ({ time: clock.now() - (24 * 7 - i) * HOUR, rate: 0.0001 }));
  const input = { gate: passFor(config, hash, NOW), market: { now: clock.now(), price: 100, funding, ...rates }, perp, spot: paperSpotPort(leg), wallet: 2_000_000000n, tradingState: 'active' as const, engineState: INITIAL_ENGINE_STATE, params: DEFAULT_STRATEGY, vault: guard };
  return { input, guard, alerts, sent, clock };
}
