/**
 * Scalar day step of the `exact` convention (MODEL.md sections 4-6) over the globals of lane.ts.
 * Mirrors engine/model/reference/exact.ts expression for expression.
 */
import { C_BORROW, C_CLOSE, C_FUNDING, C_HIGH, C_LEND, C_LOW, C_OPEN, EV_CLOSE, EV_LIQUIDATION, EV_OPEN, EV_REBALANCE, EV_ROTATION, EV_RUIN, LEG_BOTH, LEG_LONG, LEG_SHORT, MODEL_REBALANCE, MODEL_STATIC, ROW } from './layout';
import {
  event, gFee, health, kCap, kLev, kLongClose, kLongOpen, kML, kModel, kMS, kOneMinusML, kOnePlusMS, kPenLK, kPenLR,
  kPenSK, kPenSR, kPerpFee, kTC, kTrigL, kTrigS, legHealth, longEquity, mark, nLegs, nLiq, nReb, nRot, penaltyOf,
  ruined, sContracts, sDebt, sEntry, shortEquity, sMargin, sSol, wBad, wBorrow, wFees, wFunding, wLend, wPen, wPrice,
  wTransfer,
} from './lane';

@inline function row(mkt: usize, t: i32, col: i32): f64 {
  return load<f64>(mkt + ((<usize>(t * ROW + col)) << 3));
}

/** Open: each leg gets W/2, N = L*W/2; returns the fees paid. */
export function exOpen(p: f64, W: f64): f64 {
  const h = W / 2;
  const N = kLev * h;
  const feeL = N * kLongOpen;
  const feeS = N * kPerpFee;
  sSol = N / p;
  sDebt = N - h + feeL;
  sContracts = N / p;
  sEntry = p;
  sMargin = h - feeS;
  wFees += feeL;
  wFees += feeS;
  return feeL + feeS;
}

/** Close both legs at `p` paying both close fees; returns R (the fee in gFee). */
export function exCloseBoth(p: f64): f64 {
  const eL = longEquity(p);
  const eS = shortEquity(p);
  const feeL = sSol * p * kLongClose;
  const feeS = sContracts * p * kPerpFee;
  wFees += feeL;
  wFees += feeS;
  gFee = feeL + feeS;
  return eL - feeL + (eS - feeS);
}

function reopenOrRuin(R: f64, p: f64, day: i32): bool {
  const W = R - kTC;
  if (W <= 0) {
    const booked = Math.min(kTC, R > 0 ? R : 0);
    wTransfer += booked;
    wBad += booked - R;
    ruined = true;
    event(day, EV_RUIN, LEG_BOTH, p, R, 0, booked);
    return false;
  }
  wTransfer += kTC;
  const fee = exOpen(p, W);
  event(day, EV_OPEN, LEG_BOTH, p, W, longEquity(p) + shortEquity(p), fee + kTC);
  return true;
}

function liquidate(day: i32, liqL: bool, liqS: bool, pxL: f64, pxS: f64, c: f64): bool {
  let realisedL: f64;
  let realisedS: f64;
  if (liqL) {
    const E = longEquity(pxL);
    const pen = penaltyOf(kPenLK, kPenLR, E, sSol * pxL);
    realisedL = (E > 0 ? E : 0) - pen;
    wPen += pen;
    if (E < 0) wBad += -E;
    event(day, EV_LIQUIDATION, LEG_LONG, pxL, E, realisedL, pen);
  } else {
    const E = longEquity(c);
    const fee = sSol * c * kLongClose;
    wFees += fee;
    realisedL = E - fee;
    event(day, EV_CLOSE, LEG_LONG, c, E, realisedL, fee);
  }
  if (liqS) {
    const E = shortEquity(pxS);
    const pen = penaltyOf(kPenSK, kPenSR, E, sContracts * pxS);
    realisedS = (E > 0 ? E : 0) - pen;
    wPen += pen;
    if (E < 0) wBad += -E;
    event(day, EV_LIQUIDATION, LEG_SHORT, pxS, E, realisedS, pen);
  } else {
    const E = shortEquity(c);
    const fee = sContracts * c * kPerpFee;
    wFees += fee;
    realisedS = E - fee;
    event(day, EV_CLOSE, LEG_SHORT, c, E, realisedS, fee);
  }
  nLiq += 1;
  nLegs += <f64>((liqL ? 1 : 0) + (liqS ? 1 : 0));
  return reopenOrRuin(realisedL + realisedS, c, day);
}

function rotate(day: i32, c: f64): bool {
  const before = longEquity(c) + shortEquity(c);
  const R = exCloseBoth(c);
  nRot += 1;
  event(day, EV_ROTATION, LEG_BOTH, c, before, R, gFee);
  return reopenOrRuin(R, c, day);
}

function rebalance(day: i32, c: f64, eL: f64, eS: f64, nL: f64, nS: f64): bool {
  const tc = kTC;
  const x = Math.abs(eL - eS) / 2;
  if (x <= tc) return rotate(day, c);
  const longPoorer = eL < eS;
  const debt2 = longPoorer ? sDebt - (x - tc) : sDebt + x;
  const margin2 = longPoorer ? sMargin - x : sMargin + (x - tc);
  const eL2 = sSol * c - debt2;
  const eS2 = margin2 + sContracts * (sEntry - c);
  const still = eL2 <= 0 || nL >= kTrigL * eL2 || eS2 <= 0 || nS >= kTrigS * eS2;
  if (still) return rotate(day, c);
  sDebt = debt2;
  sMargin = margin2;
  wTransfer += tc;
  nReb += 1;
  event(day, EV_REBALANCE, longPoorer ? LEG_LONG : LEG_SHORT, c, eL + eS, eL2 + eS2, tc);
  return true;
}

/** One day `t >= 1`; returns false when the run ends ruined. */
export function exDay(mkt: usize, t: i32): bool {
  const open = row(mkt, t, C_OPEN);
  const high = row(mkt, t, C_HIGH);
  const low = row(mkt, t, C_LOW);
  const c = row(mkt, t, C_CLOSE);
  const c0 = row(mkt, t - 1, C_CLOSE);
  const managed = kModel != MODEL_STATIC;

  health(legHealth(longEquity(low), sSol * low, kML), legHealth(shortEquity(high), sContracts * high, kMS));

  if (managed) {
    const ps = (sMargin + sContracts * sEntry) / (sContracts * kOnePlusMS);
    const pl = sDebt / (sSol * kOneMinusML);
    const liqS = high >= ps;
    const liqL = low <= pl;
    if (liqS || liqL) {
      const pxL = liqL ? (pl < open ? pl : open) : c;
      const pxS = liqS ? (ps > open ? ps : open) : c;
      wPrice += sSol * (pxL - c0) - sContracts * (pxS - c0);
      return liquidate(t, liqL, liqS, pxL, pxS, c);
    }
  }

  wPrice += sSol * (c - c0) - sContracts * (c - c0);
  const lend = sSol * row(mkt, t, C_LEND);
  sSol += lend;
  wLend += lend * c;
  const interest = (sDebt > 0 ? sDebt : 0) * row(mkt, t, C_BORROW);
  sDebt += interest;
  wBorrow += interest;
  const fund = sContracts * c * row(mkt, t, C_FUNDING);
  sMargin += fund;
  wFunding += fund;

  const eL = longEquity(c);
  const eS = shortEquity(c);
  const nL = sSol * c;
  const nS = sContracts * c;
  health(legHealth(eL, nL, kML), legHealth(eS, nS, kMS));
  if (!managed) return true;

  const accL = eL <= kML * nL;
  const accS = eS <= kMS * nS;
  if (accL || accS) return liquidate(t, accL, accS, c, c, c);

  const fire = nL >= kTrigL * eL || nS >= kTrigS * eS;
  if (!fire) return true;
  return kModel == MODEL_REBALANCE ? rebalance(t, c, eL, eS, nL, nS) : rotate(t, c);
}

/** Step 4: mark at the close (health and drawdown), or the ruin mark. */
export function exMark(c: f64): void {
  if (ruined) {
    mark(0);
    return;
  }
  const eL = longEquity(c);
  const eS = shortEquity(c);
  health(legHealth(eL, sSol * c, kML), legHealth(eS, sContracts * c, kMS));
  mark(eL + eS);
}

/** Day 0: open at close_0 with the capital, log it, mark it. */
export function exStart(mkt: usize): void {
  const c0 = row(mkt, 0, C_CLOSE);
  const fee = exOpen(c0, kCap);
  event(0, EV_OPEN, LEG_BOTH, c0, kCap, longEquity(c0) + shortEquity(c0), fee);
  exMark(c0);
}

/** Days `from..D-1`, then the final close; returns F. */
export function exFinish(mkt: usize, days: i32, from: i32): f64 {
  if (!ruined) {
    for (let t = from; t < days; t++) {
      exDay(mkt, t);
      exMark(row(mkt, t, C_CLOSE));
      if (ruined) break;
    }
  }
  let F: f64 = 0;
  if (!ruined) {
    const cEnd = row(mkt, days - 1, C_CLOSE);
    const before = longEquity(cEnd) + shortEquity(cEnd);
    F = exCloseBoth(cEnd);
    event(days - 1, EV_CLOSE, LEG_BOTH, cEnd, before, F, gFee);
    if (kModel == MODEL_STATIC && F <= 0) ruined = true;
  }
  return F;
}
