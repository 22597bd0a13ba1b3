/**
 * Scalar day step of the `exact` convention (MODEL.md sections 4-6 and 10) over the globals of lane.ts.
 * Mirrors engine/model/reference/exact.ts expression for expression.
 */
import { C_BORROW, C_CLOSE, C_FUNDING, C_HIGH, C_LEND, C_LOW, C_OPEN, EV_CLOSE, EV_LIQUIDATION, EV_OPEN, EV_REBALANCE, EV_ROTATION, EV_RUIN, LEG_BOTH, LEG_LONG, LEG_SHORT, MODEL_REBALANCE, MODEL_STATIC, ROW } from './layout';
import {
  event, gFee, health, kCap, kCF, kLev, kLongClose, kLongCol, kLongOpen, kML, kModel, kMS, kOneMinusML, kOnePlusMS, kPenLK, kPenLR, kSurv,
  kPenSK, kPenSR, kPerpFee, kTC, kTrigL, kTrigS, legHealth, longEquity, mark, nLegs, nLiq, nReb, nRot, penaltyOf,
  ruined, sContracts, sDebt, sEntry, shortEquity, sMargin, sSol, wBad, wBorrow, wFees, wFunding, wLend, wPen, wPrice,
  wTransfer,
} from './lane';
import { partialRounds, rehedge, survivorPrice } from './partial';

@inline function row(mkt: usize, t: i32, col: i32): f64 {
  return load<f64>(mkt + ((<usize>(t * ROW + col)) << 3));
}

/** Open: each leg gets W/2, N = L*W/2, the long at `pL`, the short at `pS`; returns the fees paid. */
export function exOpen(pL: f64, pS: f64, W: f64): f64 {
  const h = W / 2;
  const N = kLev * h;
  const feeL = N * kLongOpen;
  const feeS = N * kPerpFee;
  sSol = N / pL;
  sDebt = N - h + feeL;
  sContracts = N / pS;
  sEntry = pS;
  sMargin = h - feeS;
  wFees += feeL;
  wFees += feeS;
  return feeL + feeS;
}

/** Close both legs (long at `pL`, short at `pS`) paying both close fees; returns R (the fee in gFee). */
export function exCloseBoth(pL: f64, pS: f64): f64 {
  const eL = longEquity(pL);
  const eS = shortEquity(pS);
  const feeL = sSol * pL * kLongClose;
  const feeS = sContracts * pS * kPerpFee;
  wFees += feeL;
  wFees += feeS;
  gFee = feeL + feeS;
  return eL - feeL + (eS - feeS);
}

function reopenOrRuin(R: f64, pL: f64, pS: f64, day: i32): bool {
  const W = R - kTC;
  if (W <= 0) {
    const booked = Math.min(kTC, R > 0 ? R : 0);
    wTransfer += booked;
    wBad += booked - R;
    ruined = true;
    event(day, EV_RUIN, LEG_BOTH, pS, R, 0, booked);
    return false;
  }
  wTransfer += kTC;
  const fee = exOpen(pL, pS, W);
  event(day, EV_OPEN, LEG_BOTH, pS, W, longEquity(pL) + shortEquity(pS), fee + kTC);
  return true;
}

/** Liquidate the flagged legs at pxL/pxS; a leg not flagged closes at its px; rotate at cL/cS. */
function liquidate(day: i32, liqL: bool, liqS: bool, pxL: f64, pxS: f64, cL: f64, cS: f64): bool {
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
    const E = longEquity(pxL);
    const fee = sSol * pxL * kLongClose;
    wFees += fee;
    realisedL = E - fee;
    event(day, EV_CLOSE, LEG_LONG, pxL, E, realisedL, fee);
  }
  if (liqS) {
    const E = shortEquity(pxS);
    const pen = penaltyOf(kPenSK, kPenSR, E, sContracts * pxS);
    realisedS = (E > 0 ? E : 0) - pen;
    wPen += pen;
    if (E < 0) wBad += -E;
    event(day, EV_LIQUIDATION, LEG_SHORT, pxS, E, realisedS, pen);
  } else {
    const E = shortEquity(pxS);
    const fee = sContracts * pxS * kPerpFee;
    wFees += fee;
    realisedS = E - fee;
    event(day, EV_CLOSE, LEG_SHORT, pxS, E, realisedS, fee);
  }
  nLiq += 1;
  nLegs += <f64>((liqL ? 1 : 0) + (liqS ? 1 : 0));
  return reopenOrRuin(realisedL + realisedS, cL, cS, day);
}

function rotate(day: i32, cL: f64, cS: f64): bool {
  const before = longEquity(cL) + shortEquity(cS);
  const R = exCloseBoth(cL, cS);
  nRot += 1;
  event(day, EV_ROTATION, LEG_BOTH, cS, before, R, gFee);
  return reopenOrRuin(R, cL, cS, day);
}

function rebalance(day: i32, cL: f64, c: f64, eL: f64, eS: f64, nL: f64, nS: f64): bool {
  const tc = kTC;
  const x = Math.abs(eL - eS) / 2;
  if (x <= tc) return rotate(day, cL, c);
  const longPoorer = eL < eS;
  const debt2 = longPoorer ? sDebt - (x - tc) : sDebt + x;
  const margin2 = longPoorer ? sMargin - x : sMargin + (x - tc);
  const eL2 = sSol * cL - debt2;
  const eS2 = margin2 + sContracts * (sEntry - c);
  const still = eL2 <= 0 || nL >= kTrigL * eL2 || eS2 <= 0 || nS >= kTrigS * eS2;
  if (still) return rotate(day, cL, c);
  sDebt = debt2;
  sMargin = margin2;
  wTransfer += tc;
  nReb += 1;
  event(day, EV_REBALANCE, longPoorer ? LEG_LONG : LEG_SHORT, c, eL + eS, eL2 + eS2, tc);
  return true;
}

/** 10.3 step 1, long only: 1 = the leg stayed open, 0/2 = the run after the full liquidation (ruined/not). */
function partialIntraday(t: i32, pxL: f64, pSurv: f64, c0L: f64, c0: f64, cL: f64, c: f64): i32 {
  const solB = sSol;
  const conB = sContracts;
  if (!partialRounds(t, pxL)) {
    const pxS = kSurv == 1 ? pSurv : c;
    wPrice += solB * (pxL - c0L) - conB * (pxS - c0);
    return liquidate(t, true, false, pxL, pxS, cL, c) ? 2 : 0;
  }
  rehedge(t, pSurv);
  wPrice += solB * (pxL - c0L) + sSol * (cL - pxL) - (conB * (pSurv - c0) + sContracts * (c - pSurv));
  nLiq += 1;
  nLegs += 1;
  return 1;
}

/** One day `t >= 1`; returns false when the run ends ruined. */
export function exDay(mkt: usize, t: i32): bool {
  const open = row(mkt, t, C_OPEN);
  const high = row(mkt, t, C_HIGH);
  const low = row(mkt, t, C_LOW);
  const c = row(mkt, t, C_CLOSE);
  const c0 = row(mkt, t - 1, C_CLOSE);
  const openL = row(mkt, t, kLongCol + C_OPEN);
  const highL = row(mkt, t, kLongCol + C_HIGH);
  const lowL = row(mkt, t, kLongCol + C_LOW);
  const cL = row(mkt, t, kLongCol + C_CLOSE);
  const c0L = row(mkt, t - 1, kLongCol + C_CLOSE);
  const managed = kModel != MODEL_STATIC;

  health(legHealth(longEquity(lowL), sSol * lowL, kML), legHealth(shortEquity(high), sContracts * high, kMS));

  let partialDone = false;
  if (managed) {
    const ps = (sMargin + sContracts * sEntry) / (sContracts * kOnePlusMS);
    const pl = sDebt / (sSol * kOneMinusML);
    const liqS = high >= ps;
    const liqL = lowL <= pl;
    if (liqS || liqL) {
      let pxL = liqL ? (pl < openL ? pl : openL) : cL;
      let pxS = liqS ? (ps > open ? ps : open) : c;
      if (liqL && !liqS && kCF > 0) {
        const done = partialIntraday(t, pxL, survivorPrice(pxL, open, openL, low, high), c0L, c0, cL, c);
        if (done != 1) return done == 2;
        partialDone = true;
      } else {
        if (kSurv == 1 && liqL != liqS) {
          if (liqL) pxS = survivorPrice(pxL, open, openL, low, high);
          else pxL = survivorPrice(pxS, openL, open, lowL, highL);
        }
        wPrice += sSol * (pxL - c0L) - sContracts * (pxS - c0);
        return liquidate(t, liqL, liqS, pxL, pxS, cL, c);
      }
    }
  }

  if (!partialDone) wPrice += sSol * (cL - c0L) - sContracts * (c - c0);
  const lend = sSol * row(mkt, t, C_LEND);
  sSol += lend;
  wLend += lend * cL;
  const interest = (sDebt > 0 ? sDebt : 0) * row(mkt, t, C_BORROW);
  sDebt += interest;
  wBorrow += interest;
  const fund = sContracts * c * row(mkt, t, C_FUNDING);
  sMargin += fund;
  wFunding += fund;

  let eL = longEquity(cL);
  let eS = shortEquity(c);
  let nL = sSol * cL;
  let nS = sContracts * c;
  health(legHealth(eL, nL, kML), legHealth(eS, nS, kMS));
  if (!managed) return true;

  const accL = eL <= kML * nL;
  const accS = eS <= kMS * nS;
  if (accL || accS) {
    if (!(accL && !accS && kCF > 0 && !partialDone)) return liquidate(t, accL, accS, cL, c, cL, c);
    if (!partialRounds(t, cL)) return liquidate(t, true, false, cL, c, cL, c);
    rehedge(t, c);
    nLiq += 1;
    nLegs += 1;
    eL = longEquity(cL);
    eS = shortEquity(c);
    nL = sSol * cL;
    nS = sContracts * c;
  }

  const fire = nL >= kTrigL * eL || nS >= kTrigS * eS;
  if (!fire) return true;
  return kModel == MODEL_REBALANCE ? rebalance(t, cL, c, eL, eS, nL, nS) : rotate(t, cL, c);
}

/** Step 4: mark at the closes (health and drawdown), or the ruin mark. */
export function exMark(cL: f64, c: f64): void {
  if (ruined) {
    mark(0);
    return;
  }
  const eL = longEquity(cL);
  const eS = shortEquity(c);
  health(legHealth(eL, sSol * cL, kML), legHealth(eS, sContracts * c, kMS));
  mark(eL + eS);
}

/** Step 4 of day `t` at that day's closes. */
export function exMarkDay(mkt: usize, t: i32): void {
  exMark(row(mkt, t, kLongCol + C_CLOSE), row(mkt, t, C_CLOSE));
}

/** Day 0: open at close_0 with the capital, log it, mark it. */
export function exStart(mkt: usize): void {
  const c0 = row(mkt, 0, C_CLOSE);
  const c0L = row(mkt, 0, kLongCol + C_CLOSE);
  const fee = exOpen(c0L, c0, kCap);
  event(0, EV_OPEN, LEG_BOTH, c0, kCap, longEquity(c0L) + shortEquity(c0), fee);
  exMark(c0L, c0);
}

/** Days `from..D-1`, then the final close; returns F. */
export function exFinish(mkt: usize, days: i32, from: i32): f64 {
  if (!ruined) {
    for (let t = from; t < days; t++) {
      exDay(mkt, t);
      exMarkDay(mkt, t);
      if (ruined) break;
    }
  }
  let F: f64 = 0;
  if (!ruined) {
    const cEnd = row(mkt, days - 1, C_CLOSE);
    const cEndL = row(mkt, days - 1, kLongCol + C_CLOSE);
    const before = longEquity(cEndL) + shortEquity(cEnd);
    F = exCloseBoth(cEndL, cEnd);
    event(days - 1, EV_CLOSE, LEG_BOTH, cEnd, before, F, gFee);
    if (kModel == MODEL_STATIC && F <= 0) ruined = true;
  }
  return F;
}
