/**
 * `liveStep` requires the pre-live gate itself: without a `GatePass` issued by `requirePassingGate`
 * (a look-alike object, an expired pass) it throws `SafetyRefusedError` before any port is read; a pass
 * from `requirePassingGate` or an announced rehearsal off mainnet lets it observe and decide; there is no
 * rehearsal pass for mainnet.
 */
import { describe, expect, it } from 'vitest';
import { Keypair } from '@solana/web3.js';
import { SafetyRefusedError } from '../../../engine/drift/write/errors.js';
import { rehearsalWithoutGate, type GatePass } from '../../../engine/drift/write/gate.js';
import { liveStep } from '../../../engine/drivers/liveStep.js';
import { PaperLendingLeg } from '../../../engine/paper/lendingLeg.js';
import { paperPerpPort, paperSpotPort } from '../../../engine/paper/ports.js';
import { PaperVenue } from '../../../engine/paper/venue.js';
import { DEFAULT_STRATEGY, INITIAL_ENGINE_STATE } from '../../../engine/strategy/fundingEngine.js';
import type { PerpPort, SpotPort } from '../../../engine/strategy/ports.js';
import { ManualClock } from '../../../engine/venue/clock.js';
import { configFor, passFor } from '../../harness/live/helpers.js';

const NOW = 1_704_067_200_000;

/** Paper ports that count every call. */
function ports(): { perp: PerpPort; spot: SpotPort; calls: string[] } {
  const clock = new ManualClock(NOW);
  const venue = new PaperVenue(clock);
  const leg = new PaperLendingLeg(clock, { maintenance: DEFAULT_STRATEGY.longMaintenance, openFeeBps: 0, closeFeeBps: 0 });
  leg.update({ price: 100, lendApy: 0.05, borrowApy: 0.08 });
  const calls: string[] = [];
  const wrap = <T extends object>(name: string, o: T): T => new Proxy(o, { get: (t, p) => { const v = (t as Record<string | symbol, unknown>)[p]; return typeof v === 'function' ? (...a: unknown[]) => { calls.push(`${name}.${String(p)}`); return (v as (...x: unknown[]) => unknown)(...a); } : v; } });
  return { perp: wrap('perp', paperPerpPort(venue)), spot: wrap('spot', paperSpotPort(leg)), calls };
}

const market = { now: NOW, price: 100, funding: [], lendApy: 0.05, borrowApy: 0.08 };
const step = (gate: GatePass, p: ReturnType<typeof ports>, now = NOW) => liveStep({ gate, market: { ...market, now }, perp: p.perp, spot: p.spot, wallet: 1_000_000000n, tradingState: 'active', engineState: INITIAL_ENGINE_STATE, params: DEFAULT_STRATEGY });

describe('liveStep requires the pre-live gate', () => {
  const { config, hash } = configFor(Keypair.fromSeed(new Uint8Array(32).fill(3)).publicKey.toBase58());

  it('a look-alike pass or none: refused before any port is read', async () => {
    for (const forged of [{ configId: 'conservative', rehearsal: false, validUntilMs: Number.POSITIVE_INFINITY }, undefined, null, {}]) {
      const p = ports();
      const e = await step(forged as unknown as GatePass, p).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(SafetyRefusedError);
      expect((e as Error).message).toMatch(/refused by pre-live-gate: no gate pass/);
      expect(p.calls).toEqual([]);
    }
  });

  it('an expired pass (the report older than gate.maxAgeHours at market.now) is refused', async () => {
    const pass = passFor(config, hash, NOW);
    const p = ports();
    const late = NOW + config.gate.maxAgeHours * 3600e3 + 1;
    await expect(step(pass, p, late)).rejects.toThrow(/gate pass for configuration conservative expired/);
    expect(p.calls).toEqual([]);
    expect(Object.isFrozen(pass)).toBe(true); // a pass cannot be edited to extend it
  });

  it('a pass from requirePassingGate, or a rehearsal off mainnet, lets the strategy observe and decide', async () => {
    for (const pass of [passFor(config, hash, NOW), rehearsalWithoutGate('conservative', 'devnet')]) {
      const p = ports();
      const r = await step(pass, p);
      expect(r.refused).toBeNull();
      expect(p.calls).toContain('perp.figures');
      expect(p.calls).toContain('spot.equity');
    }
    expect(() => rehearsalWithoutGate('conservative', 'mainnet')).toThrow(/no rehearsal on mainnet/);
  });
});
