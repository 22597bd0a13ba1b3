/**
 * Scalar day step of the `study` convention (MODEL.md section 9) over the globals of lane.ts.
 * Mirrors engine/model/reference/study.ts expression for expression.
 */
import { C_BORROW, C_CLOSE, C_FUNDING, C_HIGH, C_LEND, C_LOW, EV_CLOSE, EV_LIQUIDATION, EV_OPEN, EV_REBALANCE, EV_RUIN, LEG_BOTH, LEG_LONG, LEG_SHORT, ROW } from './layout';
import {
  event, health, kCap, kGas, kLev, kML, kMS, kPenLK, kPenLR, kPenSK, kPenSR, kPerpFee, kStudyOpen, kTC, kTrigL,
  kTrigS, legHealth, longEquity, mark, nLegs, nLiq, nReb, nRot, penaltyOf, ruined, sContracts, sDebt, sEntry,
  shortEquity, sMargin, sSol, wBad, wBorrow, wFees, wFunding, wLend, wPen, wPrice, wTransfer,
} from './lane';

/** The study's dollar threshold below which a triggered rebalance does nothing. */
const STUDY_MIN_TRANSFER: f64 = 5;

@inline function row(mkt: usize, t: i32, col: i32): f64 {
  return load<f64>(mkt + ((<usize>(t * ROW + col)) << 3));
}

function stOpen(p: f64, W: f64): f64 {
  const h = W / 2;
  const N = kLev * h;
  sSol = N / p;
  sContracts = N / p;
  sDebt = h * (kLev - 1);
  sMargin = h;
  sEntry = p;
  const fee = N * kStudyOpen + kGas;
  sDebt += fee / 2;
  sMargin -= fee / 2;
  wFees += fee;
  return fee;
}

function stHealth(low: f64, high: f64, c: f64): void {
  health(legHealth(sSol * low - sDebt, sSol * low, kML), legHealth(sMargin + sContracts * (sEntry - high), sContracts * high, kMS));
  health(legHealth(longEquity(c), sSol * c, kML), legHealth(shortEquity(c), sContracts * c, kMS));
}

function stLiquidate(day: i32, liqL: bool, liqS: bool, c: f64, eL: f64, eS: f64): bool {
  let vL = eL;
  let vS = eS;
  if (liqL) {
    const pen = penaltyOf(kPenLK, kPenLR, eL, sSol * c);
    vL = (eL > 0 ? eL : 0) - pen;
    wPen += pen;
    if (eL < 0) wBad += -eL;
    event(day, EV_LIQUIDATION, LEG_LONG, c, eL, vL, pen);
  }
  if (liqS) {
    const pen = penaltyOf(kPenSK, kPenSR, eS, sContracts * c);
    vS = (eS > 0 ? eS : 0) - pen;
    wPen += pen;
    if (eS < 0) wBad += -eS;
    event(day, EV_LIQUIDATION, LEG_SHORT, c, eS, vS, pen);
  }
  nLiq += 1;
  nRot += 1;
  nLegs += <f64>((liqL ? 1 : 0) + (liqS ? 1 : 0));
  const W = vL + vS;
  const N2 = kLev * (W / 2);
  const fees = N2 * kStudyOpen + sContracts * c * kPerpFee + kGas;
  const W2 = W - fees;
  if (W2 <= 0) {
    const booked = Math.min(fees, W > 0 ? W : 0);
    wFees += booked;
    wBad += booked - W;
    ruined = true;
    event(day, EV_RUIN, LEG_BOTH, c, W, 0, booked);
    return false;
  }
  wFees += fees;
  const h2 = W2 / 2;
  sSol = (kLev * h2) / c;
  sContracts = (kLev * h2) / c;
  sEntry = c;
  sDebt = h2 * (kLev - 1);
  sMargin = h2;
  event(day, EV_OPEN, LEG_BOTH, c, W, longEquity(c) + shortEquity(c), fees);
  return true;
}

function stTrigger(day: i32, c: f64, eL: f64, eS: f64): void {
  const levL = eL <= 0 ? 999 : (sSol * c) / (eL > 1 ? eL : 1);
  const levS = eS <= 0 ? 999 : (sContracts * c) / (eS > 1 ? eS : 1);
  if (!(levL > kTrigL || levS > kTrigS)) return;
  const x = Math.abs(eL - (eL + eS) / 2);
  if (!(x > STUDY_MIN_TRANSFER)) return;
  const longPoorer = eL < eS;
  if (longPoorer) {
    sDebt -= x;
    sMargin -= x;
  } else {
    sDebt += x;
    sMargin += x;
  }
  const b = kTC;
  sDebt += b / 2;
  sMargin -= b / 2;
  wTransfer += b;
  nReb += 1;
  event(day, EV_REBALANCE, longPoorer ? LEG_LONG : LEG_SHORT, c, eL + eS, longEquity(c) + shortEquity(c), b);
}

function stDay(mkt: usize, t: i32): bool {
  const high = row(mkt, t, C_HIGH);
  const low = row(mkt, t, C_LOW);
  const c = row(mkt, t, C_CLOSE);
  if (t > 0) {
    const c0 = row(mkt, t - 1, C_CLOSE);
    wPrice += sSol * (c - c0) - sContracts * (c - c0);
  }
  const lend = sSol * row(mkt, t, C_LEND);
  sSol += lend;
  wLend += lend * c;
  const interest = sDebt * row(mkt, t, C_BORROW);
  sDebt += interest;
  wBorrow += interest;
  const fund = sContracts * c * row(mkt, t, C_FUNDING);
  sMargin += fund;
  wFunding += fund;

  const eL = longEquity(c);
  const eS = shortEquity(c);
  stHealth(low, high, c);
  const liqL = sSol * low - sDebt <= kML * sSol * low;
  const liqS = sMargin + sContracts * (sEntry - high) <= kMS * sContracts * high;
  if (liqL || liqS) {
    if (!stLiquidate(t, liqL, liqS, c, eL, eS)) return false;
  } else {
    stTrigger(t, c, eL, eS);
  }
  health(legHealth(longEquity(c), sSol * c, kML), legHealth(shortEquity(c), sContracts * c, kMS));
  return true;
}

/** A whole study lane (day 0 included); returns F. */
export function stRun(mkt: usize, days: i32): f64 {
  const c0 = row(mkt, 0, C_CLOSE);
  const fee = stOpen(c0, kCap);
  event(0, EV_OPEN, LEG_BOTH, c0, kCap, longEquity(c0) + shortEquity(c0), fee);
  for (let t = 0; t < days; t++) {
    const alive = stDay(mkt, t);
    const c = row(mkt, t, C_CLOSE);
    mark(alive ? longEquity(c) + shortEquity(c) : 0);
    if (!alive) break;
  }
  let F: f64 = 0;
  if (!ruined) {
    const cEnd = row(mkt, days - 1, C_CLOSE);
    const before = longEquity(cEnd) + shortEquity(cEnd);
    const fee = sContracts * cEnd * kPerpFee;
    wFees += fee;
    F = before - fee;
    event(days - 1, EV_CLOSE, LEG_BOTH, cEnd, before, F, fee);
  }
  return F;
}
