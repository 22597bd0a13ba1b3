/**
 * An optimised TypeScript version of the `exact` kernel loop, for the benchmark and as a second
 * witness: lanes from a packed struct-of-arrays block (`packLanes`), lane loop outside, day loop
 * inside, the common day in local variables, rare events (liquidation, rotation, ruin) on small
 * functions over a `Float64Array` state. Same expression trees as the reference, so it agrees
 * with `===`. Figures only (no event log or equity series); `exact` convention only.
 */
import { COL_BORROW, COL_CLOSE, COL_FUNDING, COL_HIGH, COL_LEND, COL_LOW, COL_OPEN, ROW_STRIDE, type PreparedSeries } from '../data/series.js';
import { NO, NP, O, P, type PackedLanesLike } from '../wasm/layout.js';
import { PENALTY_EQUITY } from './reference/lane.js';

// Slots of the per-lane state array `s` (position and the ledger fields the rare paths touch).
const SOL = 0, DEBT = 1, CON = 2, ENTRY = 3, MARGIN = 4, FEES = 5, TRANSFER = 6, PEN = 7, BAD = 8;
const LIQ = 9, LEGS = 10, ROT = 11, RUINED = 12, FEE_OUT = 13;
const STATE = 14;

function penaltyOf(kind: number, rate: number, equity: number, notional: number): number {
  const pos = equity > 0 ? equity : 0;
  if (kind === PENALTY_EQUITY) return rate * pos;
  const byNotional = rate * notional;
  return byNotional < pos ? byNotional : pos;
}

function open(s: Float64Array, k: Float64Array, p: number, W: number): void {
  const h = W / 2;
  const N = k[P.leverage]! * h;
  const feeL = N * k[P.longOpenFeeRate]!;
  const feeS = N * k[P.perpFeeRate]!;
  s[SOL] = N / p;
  s[DEBT] = N - h + feeL;
  s[CON] = N / p;
  s[ENTRY] = p;
  s[MARGIN] = h - feeS;
  s[FEES] += feeL;
  s[FEES] += feeS;
}

function closeBoth(s: Float64Array, k: Float64Array, p: number): number {
  const eL = s[SOL]! * p - s[DEBT]!;
  const eS = s[MARGIN]! + s[CON]! * (s[ENTRY]! - p);
  const feeL = s[SOL]! * p * k[P.longCloseFeeRate]!;
  const feeS = s[CON]! * p * k[P.perpFeeRate]!;
  s[FEES] += feeL;
  s[FEES] += feeS;
  return eL - feeL + (eS - feeS);
}

function reopenOrRuin(s: Float64Array, k: Float64Array, R: number, p: number): void {
  const tc = k[P.transferCost]!;
  const W = R - tc;
  if (W <= 0) {
    const booked = Math.min(tc, R > 0 ? R : 0);
    s[TRANSFER] += booked;
    s[BAD] += booked - R;
    s[RUINED] = 1;
    return;
  }
  s[TRANSFER] += tc;
  open(s, k, p, W);
}

function liquidate(s: Float64Array, k: Float64Array, liqL: boolean, liqS: boolean, pxL: number, pxS: number, c: number): void {
  let realisedL: number;
  let realisedS: number;
  if (liqL) {
    const E = s[SOL]! * pxL - s[DEBT]!;
    const pen = penaltyOf(k[P.penLongKind]!, k[P.penLongRate]!, E, s[SOL]! * pxL);
    realisedL = (E > 0 ? E : 0) - pen;
    s[PEN] += pen;
    if (E < 0) s[BAD] += -E;
  } else {
    const E = s[SOL]! * c - s[DEBT]!;
    const fee = s[SOL]! * c * k[P.longCloseFeeRate]!;
    s[FEES] += fee;
    realisedL = E - fee;
  }
  if (liqS) {
    const E = s[MARGIN]! + s[CON]! * (s[ENTRY]! - pxS);
    const pen = penaltyOf(k[P.penShortKind]!, k[P.penShortRate]!, E, s[CON]! * pxS);
    realisedS = (E > 0 ? E : 0) - pen;
    s[PEN] += pen;
    if (E < 0) s[BAD] += -E;
  } else {
    const E = s[MARGIN]! + s[CON]! * (s[ENTRY]! - c);
    const fee = s[CON]! * c * k[P.perpFeeRate]!;
    s[FEES] += fee;
    realisedS = E - fee;
  }
  s[LIQ] += 1;
  s[LEGS] += (liqL ? 1 : 0) + (liqS ? 1 : 0);
  reopenOrRuin(s, k, realisedL + realisedS, c);
}

function rotate(s: Float64Array, k: Float64Array, c: number): void {
  const R = closeBoth(s, k, c);
  s[ROT] += 1;
  reopenOrRuin(s, k, R, c);
}

function rareAction(s: Float64Array, k: Float64Array, action: number, aL: boolean, aS: boolean, pxL: number, pxS: number, c: number): void {
  if (action === 1) liquidate(s, k, aL, aS, pxL, pxS, c);
  else rotate(s, k, c);
}

function health(equity: number, notional: number, m: number): number {
  if (equity <= 0) return 0;
  const h = 100 * (1 - (m * notional) / equity);
  return h < 0 ? 0 : h > 100 ? 100 : h;
}

/** Run every packed lane of the `exact` convention; outputs in the kernel's `[field][lane]` layout. */
export function runLanesSoa(series: PreparedSeries, lanes: PackedLanesLike): Float64Array {
  if (series.convention !== 'exact') throw new Error('runLanesSoa: exact convention only');
  refuseExecutionOptions(lanes);
  const out = new Float64Array(NO * lanes.stride);
  const k = new Float64Array(NP);
  const s = new Float64Array(STATE);
  for (let j = 0; j < lanes.count; j++) {
    for (let f = 0; f < NP; f++) k[f] = lanes.data[f * lanes.stride + j]!;
    runLane(series.data, series.days, k, s, out, lanes.stride, j);
  }
  return out;
}

/**
 * This version implements MODEL.md sections 1-6 only: a lane with a section 10 option (survivor
 * liquidation, legPrices split, partial long liquidation) is refused, never run as if it had none.
 */
function refuseExecutionOptions(lanes: PackedLanesLike): void {
  for (let j = 0; j < lanes.count; j++) {
    const at = (f: number): number => lanes.data[f * lanes.stride + j]!;
    if (at(P.longCol) !== 0 || at(P.survivor) !== 0 || at(P.closeFactor) !== 0) {
      throw new Error(
        `runLanesSoa: lane ${j} uses a MODEL.md section 10 option (survivor liquidation, legPrices split or ` +
          'long.liquidation partial), which the struct-of-arrays version does not implement; use the WASM kernel or the reference',
      );
    }
  }
}

function runLane(d: Float64Array, D: number, k: Float64Array, s: Float64Array, out: Float64Array, stride: number, j: number): void {
  s.fill(0);
  const mL = k[P.mLong]!, mS = k[P.mShort]!, trigL = k[P.triggerLong]!, trigS = k[P.triggerShort]!;
  const onePlusMS = k[P.onePlusMShort]!, oneMinusML = k[P.oneMinusMLong]!, tc = k[P.transferCost]!;
  const managed = k[P.model]! !== 0;
  const rebalanceModel = k[P.model]! === 1;
  let c0 = d[COL_CLOSE]!;
  open(s, k, c0, k[P.capital]!);
  let sol = s[SOL]!, debt = s[DEBT]!, con = s[CON]!, entry = s[ENTRY]!, margin = s[MARGIN]!, transfer = 0;
  let lendSum = 0, borrowSum = 0, fundSum = 0, priceSum = 0, reb = 0;
  let minHL = 100, minHS = 100, peak = -Infinity, maxDD = 0;
  let eq0L = sol * c0 - debt;
  let eq0S = margin + con * (entry - c0);
  let e = 0;
  let h = health(eq0L, sol * c0, mL);
  if (h < minHL) minHL = h;
  // health(eq0S, con * c0, mS) written out: a call returning a double would box it.
  e = eq0S;
  if (e <= 0) h = 0;
  else {
    h = 100 * (1 - (mS * (con * c0)) / e);
    h = h < 0 ? 0 : h > 100 ? 100 : h;
  }
  if (h < minHS) minHS = h;
  let equity = eq0L + eq0S;
  for (let t = 1; ; t++) {
    if (equity > peak) peak = equity;
    const dd = (peak - equity) / peak;
    if (dd > maxDD) maxDD = dd;
    if (t >= D || s[RUINED] !== 0) break;
    const o = t * ROW_STRIDE;
    const open_ = d[o + COL_OPEN]!, high = d[o + COL_HIGH]!, low = d[o + COL_LOW]!, c = d[o + COL_CLOSE]!;
    // health(sol * low - debt, sol * low, mL) written out: a call returning a double would box it.
    e = sol * low - debt;
    if (e <= 0) h = 0;
    else {
      h = 100 * (1 - (mL * (sol * low)) / e);
      h = h < 0 ? 0 : h > 100 ? 100 : h;
    }
    if (h < minHL) minHL = h;
    // health(margin + con * (entry - high), con * high, mS) written out: a call returning a double would box it.
    e = margin + con * (entry - high);
    if (e <= 0) h = 0;
    else {
      h = 100 * (1 - (mS * (con * high)) / e);
      h = h < 0 ? 0 : h > 100 ? 100 : h;
    }
    if (h < minHS) minHS = h;
    // One call site for every rare action (0 none, 1 liquidate, 2 rotate): several call sites of
    // the rare functions made V8 inline them and box the loop's doubles.
    let action = 0;
    let aL = false;
    let aS = false;
    let pxL = c;
    let pxS = c;
    if (managed) {
      const ps = (margin + con * entry) / (con * onePlusMS);
      const pl = debt / (sol * oneMinusML);
      const liqS = high >= ps;
      const liqL = low <= pl;
      if (liqS || liqL) {
        pxL = liqL ? (pl < open_ ? pl : open_) : c;
        pxS = liqS ? (ps > open_ ? ps : open_) : c;
        priceSum += sol * (pxL - c0) - con * (pxS - c0);
        action = 1;
        aL = liqL;
        aS = liqS;
      }
    }
    if (action === 0) {
      priceSum += sol * (c - c0) - con * (c - c0);
      const lend = sol * d[o + COL_LEND]!;
      sol += lend;
      lendSum += lend * c;
      const interest = (debt > 0 ? debt : 0) * d[o + COL_BORROW]!;
      debt += interest;
      borrowSum += interest;
      const fund = con * c * d[o + COL_FUNDING]!;
      margin += fund;
      fundSum += fund;
      const nL = sol * c;
      const nS = con * c;
      const eL = nL - debt;
      const eS = margin + con * (entry - c);
      // health(eL, nL, mL) written out: a call returning a double would box it.
      e = eL;
      if (e <= 0) h = 0;
      else {
        h = 100 * (1 - (mL * (nL)) / e);
        h = h < 0 ? 0 : h > 100 ? 100 : h;
      }
      if (h < minHL) minHL = h;
      // health(eS, nS, mS) written out: a call returning a double would box it.
      e = eS;
      if (e <= 0) h = 0;
      else {
        h = 100 * (1 - (mS * (nS)) / e);
        h = h < 0 ? 0 : h > 100 ? 100 : h;
      }
      if (h < minHS) minHS = h;
      if (managed) {
        const accL = eL <= mL * nL;
        const accS = eS <= mS * nS;
        if (accL || accS) {
          action = 1;
          aL = accL;
          aS = accS;
        } else if (nL >= trigL * eL || nS >= trigS * eS) {
          action = 2;
          if (rebalanceModel) {
            const x = Math.abs(eL - eS) / 2;
            if (!(x <= tc)) {
              const longPoorer = eL < eS;
              const debt2 = longPoorer ? debt - (x - tc) : debt + x;
              const margin2 = longPoorer ? margin - x : margin + (x - tc);
              const eL2 = sol * c - debt2;
              const eS2 = margin2 + con * (entry - c);
              if (!(eL2 <= 0 || nL >= trigL * eL2 || eS2 <= 0 || nS >= trigS * eS2)) {
                debt = debt2;
                margin = margin2;
                transfer += tc;
                reb += 1;
                action = 0;
              }
            }
          }
        }
      }
    }
    if (action !== 0) {
      s[SOL] = sol; s[DEBT] = debt; s[CON] = con; s[ENTRY] = entry; s[MARGIN] = margin; s[TRANSFER] = transfer;
      rareAction(s, k, action, aL, aS, pxL, pxS, c);
      sol = s[SOL]!; debt = s[DEBT]!; con = s[CON]!; entry = s[ENTRY]!; margin = s[MARGIN]!; transfer = s[TRANSFER]!;
    }
    c0 = c;
    if (s[RUINED] !== 0) {
      equity = 0;
      continue;
    }
    const eL = sol * c - debt;
    const eS = margin + con * (entry - c);
    // health(eL, sol * c, mL) written out: a call returning a double would box it.
    e = eL;
    if (e <= 0) h = 0;
    else {
      h = 100 * (1 - (mL * (sol * c)) / e);
      h = h < 0 ? 0 : h > 100 ? 100 : h;
    }
    if (h < minHL) minHL = h;
    // health(eS, con * c, mS) written out: a call returning a double would box it.
    e = eS;
    if (e <= 0) h = 0;
    else {
      h = 100 * (1 - (mS * (con * c)) / e);
      h = h < 0 ? 0 : h > 100 ? 100 : h;
    }
    if (h < minHS) minHS = h;
    equity = eL + eS;
  }
  let F = 0;
  if (s[RUINED] === 0) {
    s[SOL] = sol; s[DEBT] = debt; s[CON] = con; s[ENTRY] = entry; s[MARGIN] = margin;
    F = closeBoth(s, k, d[(D - 1) * ROW_STRIDE + COL_CLOSE]!);
    if (!managed && F <= 0) s[RUINED] = 1;
  }
  out[O.finalEquity * stride + j] = F;
  out[O.maxDrawdown * stride + j] = maxDD;
  out[O.liquidations * stride + j] = s[LIQ]!;
  out[O.liquidatedLegs * stride + j] = s[LEGS]!;
  out[O.rebalances * stride + j] = reb;
  out[O.rotations * stride + j] = s[ROT]!;
  out[O.ruined * stride + j] = s[RUINED]!;
  out[O.minHealthLong * stride + j] = minHL;
  out[O.minHealthShort * stride + j] = minHS;
  out[O.lendIncome * stride + j] = lendSum;
  out[O.borrowInterest * stride + j] = borrowSum;
  out[O.funding * stride + j] = fundSum;
  out[O.fees * stride + j] = s[FEES]!;
  out[O.transferCosts * stride + j] = transfer;
  out[O.penalties * stride + j] = s[PEN]!;
  out[O.pricePnl * stride + j] = priceSum;
  out[O.badDebt * stride + j] = s[BAD]!;
}
