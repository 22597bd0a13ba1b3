/**
 * The strategy engine itself drives a rebalance through the Drift write adapter on the REAL program (v2.84,
 * local bank): `liveStep` (observe through the async ports, the funding engine's own `decide`, commands
 * one at a time) with the perp leg as `DriftPerpPort` and the lending leg as the paper lending leg behind
 * the async `SpotPort` (no lending venue runs on the local chain). The strategy opens the hedge, the SOL
 * price falls until the lending long's leverage passes its trigger, and the strategy issues the rebalance:
 * a perp WITHDRAW that lands on the program and a SPOT_REPAY of the same amount on the lending leg.
 * The port's fill is checked against the position on chain, its refusals (before sending, and Drift's own
 * simulation refusal) against the venue-neutral errors. Needs the binaries; NOT RUN without them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DriftPerpPort } from '../../../../engine/drift/perpPort.js';
import type { DriftWriteCommand } from '../../../../engine/drift/write/validate.js';
import { liveStep } from '../../../../engine/drivers/liveStep.js';
import { VaultGuard } from '../../../../engine/drivers/vaultGuard.js';
import type { VaultAlert } from '../../../../engine/alerts/vaultAlerts.js';
import { CommandJournal } from '../../../../engine/journal/journal.js';
import { PaperLendingLeg } from '../../../../engine/paper/lendingLeg.js';
import { paperSpotPort } from '../../../../engine/paper/ports.js';
import { DEFAULT_STRATEGY, INITIAL_ENGINE_STATE } from '../../../../engine/strategy/fundingEngine.js';
import { ManualClock } from '../../../../engine/venue/clock.js';
import { CloseSizeError, DirectionConflictError, InsufficientCollateralError, InsufficientFreeCollateralError, InvalidCommandError } from '../../../../engine/venue/errors.js';
import type { PerpCommand } from '../../../../engine/venue/types.js';
import { adapterFor } from '../../../../harness/chain/program/adapterFor.js';
import { WORLD_START_UNIX } from '../../../../harness/chain/program/bank.js';
import { missingBinariesMessage, programBinaries } from '../../../../harness/chain/program/binaries.js';
import { DriftWorld } from '../../../../harness/chain/program/world.js';
import { configFor, passFor } from '../../../harness/live/helpers.js';

const bins = programBinaries();
const dir = mkdtempSync(join(tmpdir(), 'dnh-strategy-'));
afterAll(() => rmSync(dir, { recursive: true }));
const HOUR = 3_600_000;

describe('the funding engine drives a rebalance through the Drift adapter on the real program', () => {
  it('reports whether the program binaries are present', () => {
    if (!bins) console.warn(missingBinariesMessage('the strategy-driven rebalance on the real program'));
    expect(bins === null || bins.drift.length > 0).toBe(true);
  });

  it.runIf(bins !== null)('open the hedge, price falls, the strategy withdraws from Drift and repays the lending leg', async () => {
    const w = await DriftWorld.start(bins!, { seed: 'strategy-1', solPrice6: 100_000_000n });
    const alice = await w.createUser('alice', 1_000_000000n); // the perp half of the capital, in her USDC account
    const { adapter } = adapterFor(w, alice);
    const journal = CommandJournal.open<DriftWriteCommand>(join(dir, 'strategy.jsonl'));
    const clock = new ManualClock(Number(WORLD_START_UNIX) * 1000);
    const rates = { lendApy: 0.05, borrowApy: 0.08 };
    const leg = new PaperLendingLeg(clock, { maintenance: DEFAULT_STRATEGY.longMaintenance, openFeeBps: DEFAULT_STRATEGY.longOpenFeeBps, closeFeeBps: 0 });
    leg.update({ price: 100, ...rates });
    const perp = new DriftPerpPort({ adapter, journal, client: alice.client, clock, refresh: () => w.refresh(alice), safety: async () => [], sleep: async () => {}, limits: { confirmPolls: 5, pollMs: 1, rpc: { attempts: 2, delayMs: 1 } }, keyPrefix: 'strategy-1' });
    const spot = paperSpotPort(leg);
    // a week of hourly funding at 0.01%/h: the lookback is covered and the net APY clears the entry
    const funding = Array.from({ length: 24 * 7 + 1 }, (_, i) => ({ time: clock.now() - (24 * 7 - i) * HOUR, rate: 0.0001 }));
    const market = (price: number) => ({ now: clock.now(), price, funding, ...rates });
    const { config, hash } = configFor(alice.keypair.publicKey.toBase58());
    const gate = passFor(config, hash, clock.now());
    // vault sync wired in: the ledger against the on-chain collateral after every perp command
    const vaultAlerts: VaultAlert[] = [];
    const vault = new VaultGuard({ account: 'alice/0', clock, intervalMs: HOUR, tolerancePerCommand: 1n, attempts: 2, delayMs: 1, sleep: async () => {}, alert: (a) => vaultAlerts.push(a), readCollateral: async () => (await perp.figures()).collateral });

    // the port's figures come from accountFigures; the SDK's User is the cross-check, field by field
    const sdkFigures = async () => {
      await w.refresh(alice);
      const u = alice.client.getUser(0);
      const b = (x: { toString(): string }) => BigInt(x.toString());
      const collateral = b(u.getTokenAmount(0));
      const pnl = b(u.getUnrealizedPNL(true));
      return { collateral, unsettledPnl: pnl, unsettledFunding: b(u.getUnrealizedFundingPNL()), equity: collateral + pnl, health: u.getHealth(), leverage: b(u.getLeverage()), freeCollateral: b(u.getFreeCollateral()) };
    };

    // 1. open: the strategy splits $2,000 (the paper lending half and alice's $1,000) and opens both legs
    await w.publishOracle(w.oraclePrice6);
    const open = await liveStep({ gate, vault, market: market(100), perp, spot, wallet: 2_000_000000n, tradingState: 'active', engineState: INITIAL_ENGINE_STATE, params: DEFAULT_STRATEGY });
    expect(open.refused).toBeNull();
    expect(open.decision.events.map((e) => e.kind)).toEqual(['open']);
    expect(open.done.map((c) => c.command.type)).toEqual(['SPOT_OPEN', 'DEPOSIT', 'OPEN_POSITION']);
    expect(open.done[2]!.command).toEqual({ type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 20_000_000000n }); // $2,000 x 2 / 2 / $100
    const afterOpen = await adapter.view();
    expect(afterOpen.perp.get(0)!.base).toBe(-20_000_000000n);
    expect(await w.usdcBalance(alice)).toBe(0n);
    const fig0 = await perp.figures();
    expect(fig0).toEqual(await sdkFigures());
    expect(fig0.collateral).toBe(1_000_000000n);
    // the fill as the port reports it against the position on chain: entry cost and the fee (break-even - entry)
    const fill = open.perpResults[1]!.type === 'OPEN_POSITION' ? open.perpResults[1]!.fill : null;
    const raw = alice.client.getUser(0).getUserAccount().perpPositions.find((p) => p.marketIndex === 0)!;
    const entry = BigInt(raw.quoteEntryAmount.toString());
    expect(fill!.baseAssetAmount).toBe(20_000_000000n);
    expect(fill!.side).toBe('short');
    expect(fill!.oraclePrice).toBe(100_000_000n);
    expect(fill!.fee).toBe(entry - BigInt(raw.quoteBreakEvenAmount.toString()));
    expect(fill!.fee).toBeGreaterThan(0n);
    expect(fill!.notional - fill!.slippage).toBe(entry); // what the short sold for
    expect((await perp.position(0))!.quoteEntryAmount).toBe(entry);

    // 2. the SOL price falls to $65: the long's leverage passes its trigger (4), the short is richer
    await w.movePrice(65_000_000n);
    leg.update({ price: 65, ...rates });
    const obsPerp = await perp.figures();
    expect(obsPerp).toEqual(await sdkFigures()); // the short gained about $700 as SOL fell from $100 to $65
    expect(obsPerp.unsettledPnl).toBeGreaterThan(600_000000n);
    const spotEq = leg.equity();
    const x = (obsPerp.equity - spotEq) / 2n; // half the equity gap, computed here from the two legs' own reads
    expect(Number(leg.notional()) / Number(spotEq)).toBeGreaterThanOrEqual(4);
    expect(Number(x) / 1e6).toBeGreaterThan(650); // about (1,700 - 300) / 2 less fees
    expect(Number(x) / 1e6).toBeLessThan(710);

    const reb = await liveStep({ gate, vault, market: market(65), perp, spot, wallet: open.wallet, tradingState: 'active', engineState: open.decision.state, params: DEFAULT_STRATEGY });
    expect(reb.refused).toBeNull();
    expect(reb.decision.events.map((e) => e.kind)).toEqual(['rebalance']);
    expect(reb.done).toEqual([
      { venue: 'perp', command: { type: 'WITHDRAW', amount: x } },
      { venue: 'spot', command: { type: 'SPOT_REPAY', amount: x } },
    ]);
    expect(reb.decision.transfer).toEqual({ from: 'perp', to: 'spot', amount: x });

    // 3. on chain: the collateral fell by x, x reached alice's USDC account, the short is unchanged
    const fig1 = await perp.figures();
    expect(fig1).toEqual(await sdkFigures());
    // Drift rounds the scaled-balance decrease of a withdrawal up (against the user): at most 1 unit less
    expect(1_000_000000n - x - fig1.collateral).toBeGreaterThanOrEqual(0n);
    expect(1_000_000000n - x - fig1.collateral).toBeLessThanOrEqual(1n);
    expect((await adapter.view()).usdcScaled).toBeLessThan(afterOpen.usdcScaled);
    expect(await w.usdcBalance(alice)).toBe(x);
    expect((await adapter.view()).perp.get(0)!.base).toBe(-20_000_000000n);
    expect((await perp.position(0))!.baseAssetAmount).toBe(-20_000_000000n);
    // both legs are back under their triggers
    expect(Number(leg.notional()) / Number(leg.equity())).toBeLessThan(4);
    expect(fig1.equity).toBeGreaterThan(0n);
    expect(1300 / (Number(fig1.equity) / 1e6)).toBeLessThan(4); // 20 SOL at $65 over the short's equity

    // the ledger followed the chain through the deposit, the open and the withdrawal: never halted
    expect(vault.last).toMatchObject({ inSync: true, halt: false, expected: 1_000_000000n - x });
    expect(vault.isHalted).toBe(false);
    expect(vaultAlerts).toEqual([]);

    // 4. one journal entry per perp command, each landed with its signature
    const entries = journal.all();
    expect(entries.map((e) => e.command.type)).toEqual(['DEPOSIT', 'OPEN_POSITION', 'WITHDRAW']);
    expect(entries.map((e) => e.key)).toEqual(['strategy-1/1-DEPOSIT', 'strategy-1/2-OPEN_POSITION', 'strategy-1/3-WITHDRAW']);
    for (const e of entries) {
      expect(e.settled?.outcome).toBe('landed');
      expect(e.signature).toMatch(/^[1-9A-HJ-NP-Za-km-z]{80,90}$/);
    }

    // 5. refusals the port sees before sending come back venue-neutral, and nothing is journaled
    const refusedBy = async (cmd: PerpCommand) => {
      const o = await perp.execute(cmd);
      return o.ok ? null : o.error;
    };
    expect(await refusedBy({ type: 'WITHDRAW', amount: 1_000_000000n })).toBeInstanceOf(InsufficientCollateralError);
    expect(await refusedBy({ type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 1n })).toBeInstanceOf(InvalidCommandError); // rounds down to 0 at the step
    expect(await refusedBy({ type: 'OPEN_POSITION', marketIndex: 0, direction: 'long', baseAssetAmount: 1_000_000000n })).toBeInstanceOf(DirectionConflictError);
    expect(await refusedBy({ type: 'CLOSE_POSITION', marketIndex: 0, baseAssetAmount: 5_000_000000n })).toBeInstanceOf(InvalidCommandError); // partial close
    expect(await refusedBy({ type: 'CLOSE_POSITION', marketIndex: 0, baseAssetAmount: 30_000_000000n })).toBeInstanceOf(CloseSizeError);
    expect(await refusedBy({ type: 'DEPOSIT', amount: 0n })).toBeInstanceOf(InvalidCommandError);
    expect(journal.all()).toHaveLength(3);

    // 6. Drift's own refusal (simulation: InsufficientCollateral) of a withdrawal within the settled collateral
    // but beyond the program's free collateral maps to InsufficientFreeCollateralError; nothing was sent
    await w.publishOracle(w.oraclePrice6);
    const nearAll = fig1.collateral - 1_000000n;
    const e = await refusedBy({ type: 'WITHDRAW', amount: nearAll });
    expect(e).toBeInstanceOf(InsufficientFreeCollateralError);
    expect(journal.all()).toHaveLength(4);
    expect(journal.all()[3]!.settled?.outcome).toBe('not-sent');
    expect((await perp.figures()).collateral).toBe(fig1.collateral);

    // 7. an open size off the market's step is rounded DOWN to it (0.00015 SOL at step 0.0001 -> 0.0001)
    const step = BigInt(alice.client.getPerpMarketAccount(0)!.amm.orderStepSize.toString());
    expect(step).toBe(100_000n);
    const more = await perp.execute({ type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 150_000n });
    expect(more.ok && more.value.type === 'OPEN_POSITION' ? more.value.fill.baseAssetAmount : null).toBe(100_000n);
    expect((await adapter.view()).perp.get(0)!.base).toBe(-20_000_100_000n);
    expect(journal.all()[4]!.command).toEqual({ type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 100_000n });
    journal.close();
    await w.stop();
  }, 120_000);
});
