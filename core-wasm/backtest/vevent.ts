/**
 * Event days of the f64x2 path (issue 13): a day on which a lane of the pair is liquidated
 * (intraday or after the accrual), rotates (rotation model, or a refused rebalance) is computed
 * for both lanes in f64x2, without leaving the vector path: the liquidation prices and execution
 * prices (with the survivor option of MODEL.md 10.1), the penalty, the bad debt, the close of the
 * other leg, the reopen at the closes, the health folds, the mark and the drawdown. Each lane
 * follows exactly the branch the reference (engine/model/reference/exact.ts) takes for it; the
 * other lane of the pair runs its common day with exact (unfiltered) health and drawdown.
 *
 * Only what is truly rare falls back to the scalar replay (the function then returns false before
 * writing anything): a partial long liquidation (MODEL.md 10.3, its rounds loop) and a reopen that
 * ruins the lane (W <= 0). Split legs and detail lanes never reach this path (simd.ts).
 *
 * Input: the pair's start-of-day state in SCRATCH (and the accumulators copied there by
 * accToScratch), the pair's constants in PAIR. Output: the end-of-day state in SCRATCH, the rare
 * ledger fields in `out` (as storeRare would write them), the derived values in PAIR.
 */
import {
  C_BORROW, C_FUNDING, C_LEND, O_BAD_DEBT, O_FEES, O_LIQ, O_LIQ_LEGS, O_PENALTIES, O_ROT, P_CF, P_LEVERAGE,
  P_LONG_CLOSE, P_LONG_OPEN, P_ONE_MINUS_ML, P_PEN_L_KIND, P_PEN_L_RATE, P_PEN_S_KIND, P_PEN_S_RATE, P_PERP_FEE,
  P_SURVIVOR, PEN_EQUITY, ROW,
} from './layout';
import { fieldPtr } from './lane';
import {
  A_CE, A_MANAGED, A_ML, A_MS, A_PS_DEN, A_QD_L, A_QD_S, A_QMAX_L, A_QMAX_S, A_ROTATION, A_TC, A_TRIG_L, A_TRIG_S,
  derivePosition, foldLeg, K_DOWN, K_HALF, K_INF, K_ONE, kv, PAIR, pv, S_BORROW, S_CONTRACTS, S_ENTRY, S_FUNDING,
  S_LEND, S_MAX_DD, S_MIN_HL, S_MIN_HS, S_PRICE, S_REB, S_TRANSFER, SCRATCH, sel, vHealthQ,
} from './vpair';

@inline function lanePar(par: usize, f: i32, stride: i32, j: i32): v128 {
  return v128.load(fieldPtr(par, f, stride, j));
}

/** foldLeg for the lanes of `m` only (the others keep their minimum health and qMax). */
function foldLegMasked(E: v128, a: v128, sMin: usize, aQMax: usize, aQd: usize, m: v128): void {
  const q = f64x2.div(a, E);
  const h = vHealthQ(E, q);
  const min = v128.load(SCRATCH + sMin);
  v128.store(SCRATCH + sMin, sel(f64x2.pmin(min, h), min, m)); // h < min ? h : min
  const qOld = pv(aQMax);
  const qNew = sel(sel(kv(K_INF), f64x2.pmax(qOld, q), f64x2.le(E, f64x2.splat(0))), qOld, m);
  v128.store(PAIR + aQMax, qNew);
  v128.store(PAIR + aQd, f64x2.min(f64x2.mul(qNew, kv(K_DOWN)), kv(K_ONE)));
}

/** `E > 0 ? E : 0`. */
@inline function positive(E: v128): v128 {
  return v128.and(E, f64x2.gt(E, f64x2.splat(0)));
}

/** penaltyOf: equity kind `rate*max(E,0)`; notional kind `min(rate*N, max(E,0))` (`b < a ? b : a`). */
@inline function vPenalty(kind: v128, rate: v128, E: v128, N: v128): v128 {
  const pos = positive(E);
  return sel(f64x2.mul(rate, pos), f64x2.pmin(pos, f64x2.mul(rate, N)), f64x2.eq(kind, f64x2.splat(PEN_EQUITY)));
}

/** survivorPrice's clamp: `q < lo ? lo : q > hi ? hi : q`. */
@inline function clampInto(q: v128, lo: v128, hi: v128): v128 {
  return sel(lo, f64x2.pmin(q, hi), f64x2.lt(q, lo));
}

/** `a + b` in the lanes of `m`, `a` elsewhere. */
@inline function addIf(a: v128, b: v128, m: v128): v128 {
  return sel(f64x2.add(a, b), a, m);
}

/** Day `t` for both lanes of the pair at lanes `j, j+1`; false (nothing written) when it needs the scalar replay. */
export function eventDay(mkt: usize, par: usize, out: usize, stride: i32, j: i32, t: i32): bool {
  return eventBody(mkt, par, out, stride, j, t, false);
}

/** eventDay of the figures-only loop (simd.ts `lean`): no minimum-health folds, no daily ledger sums. */
export function eventDayLean(mkt: usize, par: usize, out: usize, stride: i32, j: i32, t: i32): bool {
  return eventBody(mkt, par, out, stride, j, t, true);
}

@inline function eventBody(mkt: usize, par: usize, out: usize, stride: i32, j: i32, t: i32, lean: bool): bool {
  const o = mkt + ((<usize>(t * ROW)) << 3);
  const zero = f64x2.splat(0);
  const one = kv(K_ONE);
  const open = v128.load64_splat(o, 0);
  const high = v128.load64_splat(o, 8);
  const low = v128.load64_splat(o, 16);
  const cs = load<f64>(o, 24);
  const c0s = load<f64>(o - (<usize>ROW << 3), 24);
  const c = f64x2.splat(cs);
  const c0 = f64x2.splat(c0s);
  const dc = f64x2.splat(cs - c0s);
  const sol = v128.load(SCRATCH, 0);
  const debt = v128.load(SCRATCH, 16);
  const contracts = v128.load(SCRATCH, S_CONTRACTS);
  const entry = v128.load(SCRATCH, S_ENTRY);
  const margin = v128.load(SCRATCH, 64);
  const managed = pv(A_MANAGED);
  const cfOn = f64x2.gt(lanePar(par, P_CF, stride, j), zero);

  // Intraday liquidation at the start-of-day state (health at the extremes is already folded).
  const ps = f64x2.div(f64x2.add(margin, pv(A_CE)), pv(A_PS_DEN));
  const pl = f64x2.div(debt, f64x2.mul(sol, lanePar(par, P_ONE_MINUS_ML, stride, j)));
  const liqS = v128.and(managed, f64x2.ge(high, ps));
  const liqL = v128.and(managed, f64x2.le(low, pl));
  const liqI = v128.or(liqS, liqL);
  // A partial long liquidation (long only, close factor > 0): its rounds run on the scalar path.
  if (v128.any_true(v128.and(v128.andnot(liqL, liqS), cfOn))) return false;
  // Execution prices: pl < open ? pl : open; ps > open ? ps : open (the long's candle is the perp's here).
  let pxL = sel(f64x2.pmin(open, pl), c, liqL);
  let pxS = sel(f64x2.pmax(open, ps), c, liqS);
  // MODEL.md 10.1, survivor = liquidation: the other leg closes at pExec*(openSurv/openLiq) clamped into [low, high].
  const surv = v128.and(f64x2.eq(lanePar(par, P_SURVIVOR, stride, j), one), v128.xor(liqL, liqS));
  const ratio = f64x2.div(open, open);
  const survS = clampInto(f64x2.mul(pxL, ratio), low, high);
  const survL = clampInto(f64x2.mul(pxS, ratio), low, high);
  const pxS1 = sel(survS, pxS, v128.and(surv, liqL));
  pxL = sel(survL, pxL, v128.and(surv, liqS));
  pxS = pxS1;

  // Accrual at the close (used by the lanes not liquidated intraday).
  const lend = f64x2.mul(sol, v128.load64_splat(o, C_LEND << 3));
  const sol1 = f64x2.add(sol, lend);
  const interest = f64x2.mul(positive(debt), v128.load64_splat(o, C_BORROW << 3));
  const debt1 = f64x2.add(debt, interest);
  const nS = f64x2.mul(contracts, c);
  const fund = f64x2.mul(nS, v128.load64_splat(o, C_FUNDING << 3));
  const margin1 = f64x2.add(margin, fund);
  const nL = f64x2.mul(sol1, c);
  const eL = f64x2.sub(nL, debt1);
  const entryGap = f64x2.mul(contracts, f64x2.sub(entry, c));
  const eS = f64x2.add(margin1, entryGap);
  const aL = f64x2.mul(pv(A_ML), nL);
  const aS = f64x2.mul(pv(A_MS), nS);
  const notI = v128.not(liqI);
  const accL = v128.and(v128.and(managed, notI), f64x2.le(eL, aL));
  const accS = v128.and(v128.and(managed, notI), f64x2.le(eS, aS));
  if (v128.any_true(v128.and(v128.andnot(accL, accS), cfOn))) return false;
  const acc = v128.or(accL, accS);

  // Trigger, rebalance or rotation (lanes neither liquidated intraday nor after the accrual).
  const tc = pv(A_TC);
  const trigL = pv(A_TRIG_L);
  const trigS = pv(A_TRIG_S);
  const fire = v128.andnot(
    v128.and(v128.and(managed, notI), v128.or(f64x2.ge(nL, f64x2.mul(trigL, eL)), f64x2.ge(nS, f64x2.mul(trigS, eS)))),
    acc,
  );
  const x = f64x2.mul(f64x2.abs(f64x2.sub(eL, eS)), kv(K_HALF));
  const longPoorer = f64x2.lt(eL, eS);
  const xNet = f64x2.sub(x, tc);
  const debt2 = sel(f64x2.sub(debt1, xNet), f64x2.add(debt1, x), longPoorer);
  const margin2 = sel(f64x2.sub(margin1, x), f64x2.add(margin1, xNet), longPoorer);
  const eL2 = f64x2.sub(nL, debt2);
  const eS2 = f64x2.add(margin2, entryGap);
  const still = v128.or(
    v128.or(f64x2.le(eL2, zero), f64x2.ge(nL, f64x2.mul(trigL, eL2))),
    v128.or(f64x2.le(eS2, zero), f64x2.ge(nS, f64x2.mul(trigS, eS2))),
  );
  const refuse = v128.or(v128.or(f64x2.le(x, tc), still), pv(A_ROTATION));
  const reb = v128.andnot(fire, refuse);
  const rot = v128.and(fire, refuse);

  // Close both legs of every event lane: liquidated legs pay the penalty, the others the close fee.
  const ev = v128.or(v128.or(liqI, acc), rot);
  const liqAny = v128.or(liqI, acc);
  const mL = v128.or(liqL, accL);
  const mS = v128.or(liqS, accS);
  const solE = sel(sol, sol1, liqI);
  const debtE = sel(debt, debt1, liqI);
  const marginE = sel(margin, margin1, liqI);
  const pxLe = sel(pxL, c, liqI);
  const pxSe = sel(pxS, c, liqI);
  const nLe = f64x2.mul(solE, pxLe);
  const EL = f64x2.sub(nLe, debtE);
  const penL = vPenalty(lanePar(par, P_PEN_L_KIND, stride, j), lanePar(par, P_PEN_L_RATE, stride, j), EL, nLe);
  const feeL = f64x2.mul(nLe, lanePar(par, P_LONG_CLOSE, stride, j));
  const realL = sel(f64x2.sub(positive(EL), penL), f64x2.sub(EL, feeL), mL);
  const nSe = f64x2.mul(contracts, pxSe);
  const ES = f64x2.add(marginE, f64x2.mul(contracts, f64x2.sub(entry, pxSe)));
  const perpFee = lanePar(par, P_PERP_FEE, stride, j);
  const penS = vPenalty(lanePar(par, P_PEN_S_KIND, stride, j), lanePar(par, P_PEN_S_RATE, stride, j), ES, nSe);
  const feeS = f64x2.mul(nSe, perpFee);
  const realS = sel(f64x2.sub(positive(ES), penS), f64x2.sub(ES, feeS), mS);
  const W = f64x2.sub(f64x2.add(realL, realS), tc);
  // A reopen that ruins the lane finishes the pair on the scalar path.
  if (v128.any_true(v128.and(ev, f64x2.le(W, zero)))) return false;

  // Reopen at the closes with W (exOpen): h = W/2 as W*0.5 (the same correctly rounded half).
  const h = f64x2.mul(W, kv(K_HALF));
  const N = f64x2.mul(lanePar(par, P_LEVERAGE, stride, j), h);
  const feeLo = f64x2.mul(N, lanePar(par, P_LONG_OPEN, stride, j));
  const feeSo = f64x2.mul(N, perpFee);
  const solF = sel(f64x2.div(N, c), sol1, ev);
  const debtF = sel(f64x2.add(f64x2.sub(N, h), feeLo), sel(debt2, debt1, reb), ev);
  const marginF = sel(f64x2.sub(h, feeSo), sel(margin2, margin1, reb), ev);
  const contractsF = sel(f64x2.div(N, c), contracts, ev);
  const entryF = sel(c, entry, ev);

  // Ledger, in the reference's order per accumulator.
  const pFees = fieldPtr(out, O_FEES, stride, j);
  let fees = v128.load(pFees);
  fees = addIf(fees, feeL, v128.andnot(ev, mL));
  fees = addIf(fees, feeS, v128.andnot(ev, mS));
  fees = addIf(fees, feeLo, ev);
  fees = addIf(fees, feeSo, ev);
  v128.store(pFees, fees);
  const pPen = fieldPtr(out, O_PENALTIES, stride, j);
  v128.store(pPen, addIf(addIf(v128.load(pPen), penL, mL), penS, mS));
  const pBad = fieldPtr(out, O_BAD_DEBT, stride, j);
  let bad = addIf(v128.load(pBad), f64x2.neg(EL), v128.and(mL, f64x2.lt(EL, zero)));
  bad = addIf(bad, f64x2.neg(ES), v128.and(mS, f64x2.lt(ES, zero)));
  v128.store(pBad, bad);
  const pLiq = fieldPtr(out, O_LIQ, stride, j);
  v128.store(pLiq, addIf(v128.load(pLiq), one, liqAny));
  const pLegs = fieldPtr(out, O_LIQ_LEGS, stride, j);
  v128.store(pLegs, addIf(v128.load(pLegs), f64x2.add(v128.and(one, mL), v128.and(one, mS)), liqAny));
  const pRot = fieldPtr(out, O_ROT, stride, j);
  v128.store(pRot, addIf(v128.load(pRot), one, rot));
  v128.store(SCRATCH + S_TRANSFER, addIf(v128.load(SCRATCH, S_TRANSFER), tc, v128.or(ev, reb)));
  v128.store(SCRATCH + S_REB, addIf(v128.load(SCRATCH, S_REB), one, reb));
  // Accumulators: lanes liquidated intraday skip the accrual; their price PnL runs to the execution prices.
  if (!lean) ledgerSums(sol, contracts, pxL, pxS, c0, dc, lend, c, interest, fund, liqI);

  // Health after the accrual (lanes not liquidated intraday), then the mark at the closes.
  const nLm = f64x2.mul(solF, c);
  const eLm = f64x2.sub(nLm, debtF);
  const eSm = f64x2.add(marginF, f64x2.mul(contractsF, f64x2.sub(entryF, c)));
  if (!lean) {
    foldLegMasked(eL, aL, S_MIN_HL, A_QMAX_L, A_QD_L, notI);
    foldLegMasked(eS, aS, S_MIN_HS, A_QMAX_S, A_QD_S, notI);
    foldLeg(eLm, f64x2.mul(pv(A_ML), nLm), S_MIN_HL, A_QMAX_L, A_QD_L);
    foldLeg(eSm, f64x2.mul(pv(A_MS), f64x2.mul(contractsF, c)), S_MIN_HS, A_QMAX_S, A_QD_S);
  }
  const eqv = f64x2.add(eLm, eSm);
  const peak = f64x2.pmax(v128.load(SCRATCH, 208), eqv); // eqv > peak ? eqv : peak
  v128.store(SCRATCH + 208, peak);
  const dd = f64x2.div(f64x2.sub(peak, eqv), peak);
  v128.store(SCRATCH + S_MAX_DD, f64x2.pmax(v128.load(SCRATCH, S_MAX_DD), dd)); // dd > maxDD ? dd : maxDD

  v128.store(SCRATCH, solF, 0);
  v128.store(SCRATCH, debtF, 16);
  v128.store(SCRATCH + S_CONTRACTS, contractsF);
  v128.store(SCRATCH + S_ENTRY, entryF);
  v128.store(SCRATCH, marginF, 64);
  derivePosition();
  return true;
}

/** The daily ledger sums of an event day, in the reference's order (lanes liquidated intraday skip the accrual). */
function ledgerSums(sol: v128, contracts: v128, pxL: v128, pxS: v128, c0: v128, dc: v128, lend: v128, c: v128, interest: v128, fund: v128, liqI: v128): void {
  const price0 = v128.load(SCRATCH, S_PRICE);
  const priceI = f64x2.add(price0, f64x2.sub(f64x2.mul(sol, f64x2.sub(pxL, c0)), f64x2.mul(contracts, f64x2.sub(pxS, c0))));
  const priceA = f64x2.add(price0, f64x2.sub(f64x2.mul(sol, dc), f64x2.mul(contracts, dc)));
  v128.store(SCRATCH + S_PRICE, sel(priceI, priceA, liqI));
  const lend0 = v128.load(SCRATCH, S_LEND);
  v128.store(SCRATCH + S_LEND, sel(lend0, f64x2.add(lend0, f64x2.mul(lend, c)), liqI));
  const borrow0 = v128.load(SCRATCH, S_BORROW);
  v128.store(SCRATCH + S_BORROW, sel(borrow0, f64x2.add(borrow0, interest), liqI));
  const funding0 = v128.load(SCRATCH, S_FUNDING);
  v128.store(SCRATCH + S_FUNDING, sel(funding0, f64x2.add(funding0, fund), liqI));
}
