/**
 * MODEL.md 10.1 and 10.3 on the scalar lane: the survivor's price on its own series, the rounds of
 * a partial long liquidation and the short's re-hedge. Mirrors engine/model/reference/partial.ts
 * operation for operation.
 */
import { EV_PARTIAL, EV_REHEDGE, LEG_LONG, LEG_SHORT, MAX_ROUNDS } from './layout';
import {
  eventAmounts, kCF, kML, kOnePlusBonus, kPerpFee, longEquity, sContracts, sDebt, sEntry, shortEquity, sMargin, sSol,
  wFees, wPen,
} from './lane';

/** `pExec * (openSurv / openLiq)` clamped into the survivor's `[low, high]`. */
export function survivorPrice(pExec: f64, openSurv: f64, openLiq: f64, lowSurv: f64, highSurv: f64): f64 {
  const q = pExec * (openSurv / openLiq);
  return q < lowSurv ? lowSurv : q > highSurv ? highSurv : q;
}

function underMaintenance(p: f64): bool {
  const n = sSol * p;
  return n - sDebt <= kML * n;
}

/** The rounds at `p`; true when the leg stays open, false when it must be liquidated in full. */
export function partialRounds(day: i32, p: f64): bool {
  for (let i = 0; i < MAX_ROUNDS; i++) {
    if (i > 0 && !underMaintenance(p)) return true;
    const r = kCF * sDebt;
    const seized = (r * kOnePlusBonus) / p;
    if (seized >= sSol) return false;
    const before = longEquity(p);
    sSol -= seized;
    sDebt -= r;
    const bonus = seized * p - r;
    wPen += bonus;
    eventAmounts(day, EV_PARTIAL, LEG_LONG, p, before, longEquity(p), bonus, r, seized);
  }
  return !underMaintenance(p);
}

/** The re-hedge at the short's price `pS`: `contracts' = min(contracts, sol)`. */
export function rehedge(day: i32, pS: f64): void {
  const keep = sContracts < sSol ? sContracts : sSol;
  const closed = sContracts - keep;
  const before = shortEquity(pS);
  const pnl = closed * (sEntry - pS);
  const fee = closed * pS * kPerpFee;
  sMargin += pnl;
  sMargin -= fee;
  sContracts = keep;
  wFees += fee;
  eventAmounts(day, EV_REHEDGE, LEG_SHORT, pS, before, shortEquity(pS), fee, pnl, closed);
}
