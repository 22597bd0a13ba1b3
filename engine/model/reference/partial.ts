/**
 * MODEL.md 10.1 and 10.3 in the TypeScript reference: the survivor's price on its own series, the
 * rounds of a partial long liquidation, and the short's re-hedge that follows them. Mirrored
 * operation for operation by core-wasm/backtest/partial.ts.
 */
import { MAX_PARTIAL_ROUNDS } from '../types.js';
import { longEquity, shortEquity, type LaneConstants, type LegState, type Ledger } from './lane.js';

/**
 * The survivor's price at the moment the other leg is liquidated at `pExec` (10.1):
 * `pExec * (openSurv / openLiq)`, clamped into the survivor's `[low, high]`.
 * With one series for both legs the ratio is exactly 1 and `pExec` lies in the range already.
 */
export function survivorPrice(pExec: number, openSurv: number, openLiq: number, lowSurv: number, highSurv: number): number {
  const q = pExec * (openSurv / openLiq);
  return q < lowSurv ? lowSurv : q > highSurv ? highSurv : q;
}

/**
 * The rounds of 10.3 at price `p`: the first always runs, later ones while `E(p) <= m*N(p)`, at most
 * MAX_PARTIAL_ROUNDS. Returns true when the leg stays open, false when it must now be liquidated in
 * full (a round would seize all the SOL, or 50 rounds did not lift it above maintenance); the
 * rounds done stand either way. Each round books its bonus `s*p - r` in penalties.
 */
export function partialRounds(k: LaneConstants, s: LegState, led: Ledger, day: number, p: number): boolean {
  for (let i = 0; i < MAX_PARTIAL_ROUNDS; i++) {
    if (i > 0 && !underMaintenance(k, s, p)) return true;
    const r = k.closeFactor * s.debt;
    const seized = (r * k.onePlusBonus) / p;
    if (seized >= s.sol) return false;
    const before = longEquity(s, p);
    s.sol -= seized;
    s.debt -= r;
    const bonus = seized * p - r;
    led.w.penalties += bonus;
    led.eventAmounts(day, 'partial', 'long', p, before, longEquity(s, p), bonus, r, seized);
  }
  return !underMaintenance(k, s, p);
}

function underMaintenance(k: LaneConstants, s: LegState, p: number): boolean {
  const n = s.sol * p;
  return n - s.debt <= k.mLong * n;
}

/**
 * The re-hedge of 10.3 at the short's price `pS`: `contracts' = min(contracts, sol)`; the closed
 * part realises `closed*(entry - pS)` into margin and pays the perp fee on `closed*pS`.
 */
export function rehedge(k: LaneConstants, s: LegState, led: Ledger, day: number, pS: number): void {
  const keep = s.contracts < s.sol ? s.contracts : s.sol;
  const closed = s.contracts - keep;
  const before = shortEquity(s, pS);
  const pnl = closed * (s.entry - pS);
  const fee = closed * pS * k.perpFeeRate;
  s.margin += pnl;
  s.margin -= fee;
  s.contracts = keep;
  led.w.fees += fee;
  led.eventAmounts(day, 'rehedge', 'short', pS, before, shortEquity(s, pS), fee, pnl, closed);
}
