/**
 * One decision of the strategy against any pair of ports, live-style: read both legs through the
 * asynchronous ports (`observe`), ask the strategy (`decide`, the same pure function the paper driver
 * runs), and send its commands one at a time, in order, stopping at the first refusal (the commands of
 * one decision depend on each other: a transfer's two halves, an open's legs). The idle wallet moves
 * with each command as in the paper driver. No strategy logic lives here.
 *
 * The pre-live gate is required here, so no live path can skip it: `gate` must be the `GatePass` that
 * `requirePassingGate` returned (or an announced non-mainnet rehearsal's), still valid at `market.now`;
 * anything else throws `SafetyRefusedError` before any port is read. The engine's safety gates are not
 * judged here: the perp port runs its own write checks (kill switch, the configuration's limits) before
 * anything is signed.
 *
 * @example
 *   const gate = requirePassingGate(gateRequest(...));
 *   const r = await liveStep({ gate, market, perp, spot, wallet, tradingState: 'active', engineState, params });
 */
import { assertGatePass, type GatePass } from '../drift/write/gate.js';
import type { DriftWriteCommand } from '../drift/write/validate.js';
import type { VaultGuard } from './vaultGuard.js';
import { decide, type Decision, type EngineState, type StrategyParams } from '../strategy/fundingEngine.js';
import { observe, type MarketView, type PerpPort, type SpotPort } from '../strategy/ports.js';
import type { TradingState } from '../safety/gates.js';
import type { PerpCommand, PerpResult, VenueCommand } from '../venue/types.js';

export interface LiveStepInput {
  /** the pass from `requirePassingGate` (engine/drift/write/gate.ts) */
  gate: GatePass;
  market: MarketView;
  perp: PerpPort;
  spot: SpotPort;
  /** idle USDC, quote 1e6 */
  wallet: bigint;
  tradingState: TradingState;
  engineState: EngineState;
  params: StrategyParams;
  /**
   * Vault synchronisation (vaultGuard.ts): its scheduled check runs first, it overrides the trading state
   * with `halted` while out of sync or unreadable, and it checks after every perp command; a mismatch or a
   * failed read stops the step, and nothing is sent while the guard is halted.
   */
  vault?: VaultGuard;
}

export interface LiveStepResult {
  decision: Decision;
  /** the commands that ran, in order */
  done: VenueCommand[];
  /** what each perp command that ran returned, in order */
  perpResults: PerpResult[];
  /** the first refused command and the venue's error name and message, else null */
  refused: { command: VenueCommand; error: string } | null;
  wallet: bigint;
  /** the trading state the strategy decided under (the vault's halt included) */
  tradingState: TradingState;
  /** the vault alert (mismatch or failed read) that stopped the step (trading halted), else null */
  vaultHalt: string | null;
}

function ledgerCommand(c: PerpCommand): DriftWriteCommand {
  switch (c.type) {
    case 'DEPOSIT':
    case 'WITHDRAW':
      return { type: c.type, amount: c.amount };
    case 'OPEN_POSITION':
      return { type: 'OPEN_POSITION', marketIndex: c.marketIndex, direction: c.direction, baseAssetAmount: c.baseAssetAmount };
    case 'CLOSE_POSITION':
      return { type: 'CLOSE_POSITION', marketIndex: c.marketIndex };
  }
}

export async function liveStep(i: LiveStepInput): Promise<LiveStepResult> {
  assertGatePass(i.gate, i.market.now);
  const scheduled = await i.vault?.tick();
  const tradingState = i.vault ? i.vault.tradingState(i.tradingState) : i.tradingState;
  const obs = await observe(i.market, i.perp, i.spot, i.wallet, tradingState);
  const decision = decide(obs, i.engineState, i.params);
  let wallet = i.wallet;
  const done: VenueCommand[] = [];
  const perpResults: PerpResult[] = [];
  const result = (refused: LiveStepResult['refused'], vaultHalt: string | null = null): LiveStepResult => ({ decision, done, perpResults, refused, wallet, tradingState, vaultHalt });
  if (scheduled?.halt) return result(null, scheduled.alert);
  for (const c of decision.commands) {
    if (i.vault?.isHalted) return result(null, i.vault.last?.alert ?? 'vault halted'); // fail closed: nothing is sent while halted
    if (c.venue === 'perp') {
      const o = await i.perp.execute(c.command);
      if (!o.ok) return result({ command: c, error: `${o.error.name}: ${o.error.message}` });
      perpResults.push(o.value);
      if (c.command.type === 'DEPOSIT') wallet -= c.command.amount;
      if (c.command.type === 'WITHDRAW') wallet += c.command.amount;
      done.push(c);
      const v = await i.vault?.afterCommand(ledgerCommand(c.command));
      if (v?.halt) return result(null, v.alert);
    } else {
      const o = await i.spot.execute(c.command);
      if (!o.ok) return result({ command: c, error: `${o.error.name}: ${o.error.message}` });
      wallet += o.value.walletDelta;
      done.push(c);
    }
  }
  return result(null);
}
