/**
 * Safety gates (STYLE.md habit 4): pure functions `(state, command, context, limits) -> Allow | Deny{reason}`
 * over a trading state `active | reducing | halted`. They fail closed: unknown commands, missing or
 * stale data and non-finite figures are denied. Every driver (backtest, paper, live) runs every command
 * through `checkCommand` before it reaches a venue, and records denials with their reason.
 *
 * @example
 *   const d = checkCommand('reducing', { venue: 'perp', command: { type: 'OPEN_POSITION', ... } }, ctx, DEFAULT_LIMITS);
 *   // { allow: false, gate: 'trading-state', reason: 'reducing: only risk-reducing commands' }
 *
 * A rebalance is judged as one transfer (`checkTransfer`): withdraw from one leg, deposit into the other,
 * by the projected health of both legs after it. A transfer that raises the lower leg's health (and does
 * not leave the other leg below the former minimum) lowers risk, so it is allowed in `reducing` too: the
 * rescue of a leg near liquidation is never blocked by the state it is meant to leave.
 */
import { money } from '../format/number.js';
import type { VenueCommand } from '../venue/types.js';

export type TradingState = 'active' | 'reducing' | 'halted';

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
    if (!(n <= limits.maxOrderNotionalUsd)) return deny('order-size', `order notional ${money(n)} above ${money(limits.maxOrderNotionalUsd)}`);
    if (Math.min(ctx.perpHealth, ctx.spotHealth) < limits.minHealthToOpen) return deny('health', `health below ${limits.minHealthToOpen}: no new risk`);
  }
  if (t === 'WITHDRAW' && ctx.perpHealth < limits.minHealthToWithdraw) return deny('health', `perp health ${ctx.perpHealth} below ${limits.minHealthToWithdraw}`);
  if (t === 'SPOT_BORROW' && ctx.spotHealth < limits.minHealthToOpen) return deny('health', `lending-leg health ${ctx.spotHealth} below ${limits.minHealthToOpen}`);
  return ALLOW;
}

/** One capital transfer between the legs: `amount` leaves `from` and arrives in `to` (quote 1e6). */
export interface Transfer {
  from: 'perp' | 'spot';
  to: 'perp' | 'spot';
  amount: bigint;
}

/** A leg as the transfer gate sees it: equity and notional in USD, its maintenance fraction. */
export interface LegRisk {
  equity: number;
  notional: number;
  maintenance: number;
}

/** MODEL.md section 6 per-leg health (0 when `E <= 0`, 100 when flat), unrounded. */
export function legHealth(l: LegRisk): number {
  if (l.notional === 0) return 100;
  if (!(l.equity > 0)) return 0;
  return Math.min(100, Math.max(0, 100 * (1 - (l.maintenance * l.notional) / l.equity)));
}

/** Both legs' health now and after the transfer (equity moves by the amount; notionals do not). */
export function projectTransfer(t: Transfer, legs: { perp: LegRisk; spot: LegRisk }): { before: { perp: number; spot: number }; after: { perp: number; spot: number } } {
  const usd = Number(t.amount) / 1e6;
  const moved = (leg: 'perp' | 'spot'): LegRisk => ({ ...legs[leg], equity: legs[leg].equity + (t.to === leg ? usd : 0) - (t.from === leg ? usd : 0) });
  return {
    before: { perp: legHealth(legs.perp), spot: legHealth(legs.spot) },
    after: { perp: legHealth(moved('perp')), spot: legHealth(moved('spot')) },
  };
}

/**
 * Allow or deny a rebalance transfer as a whole. Risk-reducing (the minimum of the two legs' projected
 * health is strictly above the minimum now): allowed unless halted, in every other state. Otherwise it is
 * two ordinary commands (a withdrawal or borrow, then a deposit or repayment) and `legs` decide nothing:
 * the caller checks each with `checkCommand`.
 */
export function checkTransfer(state: TradingState, t: Transfer, legs: { perp: LegRisk; spot: LegRisk }, ctx: GateContext): GateDecision & { riskReducing: boolean; projected: ReturnType<typeof projectTransfer> } {
  const projected = projectTransfer(t, legs);
  const finite = [legs.perp.equity, legs.perp.notional, legs.spot.equity, legs.spot.notional].every(Number.isFinite) && sane(ctx);
  const riskReducing = finite && t.amount > 0n && t.from !== t.to && Math.min(projected.after.perp, projected.after.spot) > Math.min(projected.before.perp, projected.before.spot);
  const fmt = (h: { perp: number; spot: number }): string => `perp ${h.perp.toFixed(1)}, lending ${h.spot.toFixed(1)}`;
  if (state === 'halted') return { ...deny('trading-state', 'halted: no commands until an operator resumes'), riskReducing, projected };
  if (riskReducing) return { allow: true, riskReducing, projected };
  if (state === 'reducing') return { ...deny('trading-state', `reducing: the transfer does not raise the lower leg's health (now ${fmt(projected.before)}, after ${fmt(projected.after)})`), riskReducing, projected };
  return { allow: true, riskReducing, projected };
}
