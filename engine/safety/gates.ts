/**
 * Safety gates (STYLE.md habit 4): pure functions `(state, command, context, limits) -> Allow | Deny{reason}`
 * over a trading state `active | reducing | halted`. They fail closed: unknown commands, missing or
 * stale data and non-finite figures are denied. Every driver (backtest, paper, live) runs every command
 * through `checkCommand` before it reaches a venue, and records denials with their reason.
 *
 * @example
 *   const d = checkCommand('reducing', { venue: 'perp', command: { type: 'OPEN_POSITION', ... } }, ctx, DEFAULT_LIMITS);
 *   // { allow: false, gate: 'trading-state', reason: 'reducing: only risk-reducing commands' }
 */
import type { SpotCommand } from '../paper/lendingLeg.js';
import type { PaperCommand } from '../paper/types.js';

export type TradingState = 'active' | 'reducing' | 'halted';

export type VenueCommand = { venue: 'perp'; command: PaperCommand } | { venue: 'spot'; command: SpotCommand };

export type GateDecision = { allow: true } | { allow: false; gate: string; reason: string };

export interface SafetyLimits {
  /** largest single perp order or spot open, USD */
  maxOrderNotionalUsd: number;
  /** opens and lending-leg borrows (new risk) need both legs' health at or above this */
  minHealthToOpen: number;
  /** perp withdrawals need perp health at or above this (the venue re-checks it after the withdrawal) */
  minHealthToWithdraw: number;
  /** the state goes `reducing` below this health on either leg */
  reduceBelowHealth: number;
  /** market data older than this halts trading (ms) */
  maxDataAgeMs: number;
}

export const DEFAULT_LIMITS: SafetyLimits = {
  maxOrderNotionalUsd: 1_000_000,
  minHealthToOpen: 50,
  minHealthToWithdraw: 80,
  reduceBelowHealth: 30,
  maxDataAgeMs: 2 * 86_400_000,
};

/** What the gates look at: the latest observation of both legs and the data age. */
export interface GateContext {
  price: number;
  dataAgeMs: number;
  perpHealth: number;
  spotHealth: number;
}

const ALLOW: GateDecision = { allow: true };
const deny = (gate: string, reason: string): GateDecision => ({ allow: false, gate, reason });

/** Commands that can only lower risk: closes, deposits into a leg, debt repayment. */
export function isRiskReducing(c: VenueCommand): boolean {
  const t = c.command.type;
  return t === 'CLOSE_POSITION' || t === 'SPOT_CLOSE' || t === 'DEPOSIT' || t === 'SPOT_REPAY';
}

/** The trading state after an observation; `halted` is sticky (only an operator resumes). */
export function nextTradingState(prev: TradingState, ctx: GateContext, limits: SafetyLimits): TradingState {
  if (prev === 'halted') return 'halted';
  if (!sane(ctx) || ctx.dataAgeMs > limits.maxDataAgeMs) return 'halted';
  return Math.min(ctx.perpHealth, ctx.spotHealth) < limits.reduceBelowHealth ? 'reducing' : 'active';
}

function sane(ctx: GateContext): boolean {
  return [ctx.price, ctx.dataAgeMs, ctx.perpHealth, ctx.spotHealth].every(Number.isFinite) && ctx.price > 0 && ctx.dataAgeMs >= 0;
}

function notionalUsd(c: VenueCommand, price: number): number {
  if (c.venue === 'perp' && c.command.type === 'OPEN_POSITION') return (Number(c.command.baseAssetAmount) / 1e9) * price;
  if (c.venue === 'spot' && c.command.type === 'SPOT_OPEN') return Number(c.command.notional) / 1e6;
  return 0;
}

/** Allow or deny one command. */
export function checkCommand(state: TradingState, c: VenueCommand, ctx: GateContext, limits: SafetyLimits): GateDecision {
  const known = ['DEPOSIT', 'WITHDRAW', 'OPEN_POSITION', 'CLOSE_POSITION', 'SPOT_OPEN', 'SPOT_CLOSE', 'SPOT_BORROW', 'SPOT_REPAY'];
  if (!known.includes(c.command.type)) return deny('unknown-command', `unknown command ${String(c.command.type)}`);
  if (state === 'halted') return deny('trading-state', 'halted: no commands until an operator resumes');
  if (state === 'reducing' && !isRiskReducing(c)) return deny('trading-state', 'reducing: only risk-reducing commands');
  if (isRiskReducing(c)) return ALLOW;
  if (!sane(ctx)) return deny('data', 'missing or non-finite market data');
  if (ctx.dataAgeMs > limits.maxDataAgeMs) return deny('data', `market data ${ctx.dataAgeMs} ms old (max ${limits.maxDataAgeMs})`);
  const t = c.command.type;
  if (t === 'OPEN_POSITION' || t === 'SPOT_OPEN') {
    const n = notionalUsd(c, ctx.price);
    if (!(n <= limits.maxOrderNotionalUsd)) return deny('order-size', `order notional $${n.toFixed(2)} above $${limits.maxOrderNotionalUsd}`);
    if (Math.min(ctx.perpHealth, ctx.spotHealth) < limits.minHealthToOpen) return deny('health', `health below ${limits.minHealthToOpen}: no new risk`);
  }
  if (t === 'WITHDRAW' && ctx.perpHealth < limits.minHealthToWithdraw) return deny('health', `perp health ${ctx.perpHealth} below ${limits.minHealthToWithdraw}`);
  if (t === 'SPOT_BORROW' && ctx.spotHealth < limits.minHealthToOpen) return deny('health', `lending-leg health ${ctx.spotHealth} below ${limits.minHealthToOpen}`);
  return ALLOW;
}
