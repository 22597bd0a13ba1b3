/**
 * The f64x2 kernel of the `exact` convention: two lanes per vector, the common day (accrual,
 * health, trigger, rebalance) in the vector path, rare events (liquidation, rotation, refused
 * rebalance, ruin) replayed for that lane pair on the scalar path from the day's start state.
 * Every vector expression mirrors engine/model/reference/exact.ts; selects use compare masks in
 * the reference's own comparison forms, so NaN and -0 behave as in the reference.
 */
import { P_DETAIL, P_M_LONG, P_M_SHORT, P_MODEL, P_ONE_MINUS_ML, P_ONE_PLUS_MS, P_TRANSFER, P_TRIG_L, P_TRIG_S, ROW } from './layout';
import {
  fieldPtr, loadParams, loadRare, maxDD, minHL, minHS, nReb, peak, resetLane, ruined, sContracts, sDebt, sEntry, sMargin,
  sSol, storeOut, storeRare, wBorrow, wFunding, wLend, wPrice, wTransfer,
} from './lane';
import { exDay, exFinish, exMark, exStart } from './exact';
import { runScalarLane } from './scalar';

/** Diagnostics: pair-days committed on the vector path and replayed on the scalar path. */
export let statVectorDays: f64 = 0;
export let statSlowDays: f64 = 0;

/** Spill area for a lane pair's vector state: 15 fields x 2 lanes. */
const SCRATCH: usize = memory.data(15 * 16, 16);

function toScratch(i: i32): void {
  const p = SCRATCH + ((<usize>i) << 3);
  store<f64>(p, sSol, 0);
  store<f64>(p, sDebt, 16);
  store<f64>(p, sContracts, 32);
  store<f64>(p, sEntry, 48);
  store<f64>(p, sMargin, 64);
  store<f64>(p, wLend, 80);
  store<f64>(p, wBorrow, 96);
  store<f64>(p, wFunding, 112);
  store<f64>(p, wPrice, 128);
  store<f64>(p, wTransfer, 144);
  store<f64>(p, nReb, 160);
  store<f64>(p, minHL, 176);
  store<f64>(p, minHS, 192);
  store<f64>(p, peak, 208);
  store<f64>(p, maxDD, 224);
}

/** Load lane `i` of the pair into the scalar globals (constants, vector state, rare ledger fields). */
function fromScratch(i: i32, par: usize, out: usize, stride: i32, lane: i32): void {
  loadParams(par, stride, lane);
  loadRare(out, stride, lane);
  const p = SCRATCH + ((<usize>i) << 3);
  sSol = load<f64>(p, 0);
  sDebt = load<f64>(p, 16);
  sContracts = load<f64>(p, 32);
  sEntry = load<f64>(p, 48);
  sMargin = load<f64>(p, 64);
  wLend = load<f64>(p, 80);
  wBorrow = load<f64>(p, 96);
  wFunding = load<f64>(p, 112);
  wPrice = load<f64>(p, 128);
  wTransfer = load<f64>(p, 144);
  nReb = load<f64>(p, 160);
  minHL = load<f64>(p, 176);
  minHS = load<f64>(p, 192);
  peak = load<f64>(p, 208);
  maxDD = load<f64>(p, 224);
}

@inline function sel(a: v128, b: v128, mask: v128): v128 {
  return v128.bitselect(a, b, mask);
}

/*
 * Division filters. A division whose result can only confirm "no change" is skipped when a
 * multiplication proves it: health is monotone in q = (m*N)/E, so with qMax the largest q seen
 * on the vector path (min health = health(qMax)), `E > 0 && m*N < qd*E` with
 * qd = min(qMax*(1 - 1e-12), 1) proves fl(m*N/E) <= qMax, hence no new minimum. The 1e-12 margin
 * dwarfs the few roundings (2^-52 each). A stale (too small) qMax after a scalar replay only makes
 * the filter stricter. NaN fails every filter and takes the exact path. The liquidation prices and
 * the drawdown use the same idea. qd <= 1 also proves "no accrual liquidation" exactly: for E > 0,
 * m*N < fl(qd*E) <= E, so `E <= m*N` is false.
 */
const DOWN: f64 = 1 - 1e-12;
const UP: f64 = 1 + 1e-12;

/** Constant vectors, loaded where used (a load is cheaper than a spilled register or a rebuilt constant). */
const K: usize = memory.data<f64>([DOWN, DOWN, UP, UP, 1, 1, 0.5, 0.5, 100, 100, Infinity, Infinity], 16);
const K_DOWN: usize = 0;
const K_UP: usize = 16;
const K_ONE: usize = 32;
const K_HALF: usize = 48;
const K_HUNDRED: usize = 64;
const K_INF: usize = 80;

/**
 * Per-pair values the day loop reads from memory instead of holding in registers: lane
 * constants, values derived from the position fields that change only on the scalar path
 * (contracts, entry), and the health filter's qMax / qd.
 */
const PAIR: usize = memory.data(17 * 16, 16);
const A_ML: usize = 0;
const A_MS: usize = 16;
const A_TRIG_L: usize = 32; // trigger, NaN for static lanes (so `n >= trig*e` never fires)
const A_TRIG_S: usize = 48;
const A_OML_DOWN: usize = 64; // (1 - mLong)*DOWN: the long liquidation-price filter
const A_PS_DEN: usize = 80; // contracts*(1 + mShort)
const A_PS_DEN_UP: usize = 96; // psDen*UP: the short liquidation-price filter
const A_CE: usize = 112; // contracts*entry
const A_MANAGED: usize = 128; // mask: model != static
const A_ROTATION: usize = 144; // mask: model == rotation
const A_TC: usize = 160;
const A_QMAX_L: usize = 176;
const A_QMAX_S: usize = 192;
const A_QD_L: usize = 208; // min(qMax*DOWN, 1)
const A_QD_S: usize = 224;
const A_ONE_PLUS_MS: usize = 240;
const A_FIRE: usize = 256; // the day's trigger mask, for the commit

// Position and ledger fields that live in SCRATCH (not in registers) during the day loop.
const S_CONTRACTS: usize = 32;
const S_ENTRY: usize = 48;
const S_LEND: usize = 80;
const S_BORROW: usize = 96;
const S_FUNDING: usize = 112;
const S_PRICE: usize = 128;
const S_TRANSFER: usize = 144;

/**
 * The four daily ledger accumulators (lend, borrow, funding, price PnL), double-buffered: day t
 * reads slot `acc` and writes its sums to the other slot as soon as they are computed (so their
 * operands need not survive to the commit); committing the day flips `acc`, a replay keeps it.
 */
const ACC: usize = memory.data(128, 16);
const ACC_FLIP: usize = 2 * ACC + 64; // other slot = ACC_FLIP - acc

function accToScratch(acc: usize): void {
  for (let k: usize = 0; k < 64; k += 16) v128.store(SCRATCH + S_LEND + k, v128.load(acc + k));
}

function accFromScratch(acc: usize): void {
  for (let k: usize = 0; k < 64; k += 16) v128.store(acc + k, v128.load(SCRATCH + S_LEND + k));
}
const S_REB: usize = 160;
const S_MIN_HL: usize = 176;
const S_MIN_HS: usize = 192;
const S_MAX_DD: usize = 224;

@inline function kv(off: usize): v128 {
  return v128.load(K + off);
}

@inline function pv(off: usize): v128 {
  return v128.load(PAIR + off);
}

/** Values derived from contracts and entry (after the pair starts and after each replay). */
function derivePosition(): void {
  const contracts = v128.load(SCRATCH, S_CONTRACTS);
  const psDen = f64x2.mul(contracts, pv(A_ONE_PLUS_MS));
  v128.store(PAIR + A_PS_DEN, psDen);
  v128.store(PAIR + A_PS_DEN_UP, f64x2.mul(psDen, kv(K_UP)));
  v128.store(PAIR + A_CE, f64x2.mul(contracts, v128.load(SCRATCH, S_ENTRY)));
}

function setupPair(par: usize, stride: i32, j: i32): void {
  const zero = f64x2.splat(0);
  const model = v128.load(fieldPtr(par, P_MODEL, stride, j));
  const managed = f64x2.ne(model, zero);
  const nan = f64x2.splat(NaN);
  v128.store(PAIR + A_ML, v128.load(fieldPtr(par, P_M_LONG, stride, j)));
  v128.store(PAIR + A_MS, v128.load(fieldPtr(par, P_M_SHORT, stride, j)));
  v128.store(PAIR + A_TRIG_L, sel(v128.load(fieldPtr(par, P_TRIG_L, stride, j)), nan, managed));
  v128.store(PAIR + A_TRIG_S, sel(v128.load(fieldPtr(par, P_TRIG_S, stride, j)), nan, managed));
  v128.store(PAIR + A_OML_DOWN, f64x2.mul(v128.load(fieldPtr(par, P_ONE_MINUS_ML, stride, j)), kv(K_DOWN)));
  v128.store(PAIR + A_ONE_PLUS_MS, v128.load(fieldPtr(par, P_ONE_PLUS_MS, stride, j)));
  v128.store(PAIR + A_MANAGED, managed);
  v128.store(PAIR + A_ROTATION, f64x2.eq(model, f64x2.splat(2)));
  v128.store(PAIR + A_TC, v128.load(fieldPtr(par, P_TRANSFER, stride, j)));
  v128.store(PAIR + A_QMAX_L, zero);
  v128.store(PAIR + A_QMAX_S, zero);
  v128.store(PAIR + A_QD_L, zero);
  v128.store(PAIR + A_QD_S, zero);
  derivePosition();
}

/** Leg health from `q = (m*N)/E`, vectorised: `E <= 0 ? 0 : clamp(100*(1 - q), 0, 100)`. */
@inline function vHealthQ(E: v128, q: v128): v128 {
  const zero = f64x2.splat(0);
  const hundred = kv(K_HUNDRED);
  const h = f64x2.mul(hundred, f64x2.sub(kv(K_ONE), q));
  // pmin(h, 100) is `100 < h ? 100 : h`, pmax(x, 0) is `x < 0 ? 0 : x` (NaN and -0 as the ternaries).
  return v128.andnot(f64x2.pmax(f64x2.pmin(h, hundred), zero), f64x2.le(E, zero));
}

/** One leg's exact health: fold it into the minimum (SCRATCH `sMin`) and q into qMax / qd. */
@inline function foldLeg(E: v128, a: v128, sMin: usize, aQMax: usize, aQd: usize): void {
  const q = f64x2.div(a, E);
  const h = vHealthQ(E, q);
  const min = v128.load(SCRATCH + sMin);
  v128.store(SCRATCH + sMin, f64x2.pmin(min, h)); // h < min ? h : min
  const qOld = pv(aQMax);
  const qNew = sel(kv(K_INF), f64x2.pmax(qOld, q), f64x2.le(E, f64x2.splat(0)));
  v128.store(PAIR + aQMax, qNew);
  v128.store(PAIR + aQd, f64x2.min(f64x2.mul(qNew, kv(K_DOWN)), kv(K_ONE)));
}

/** Both legs' filter, per lane: all ones where the lane provably sets no new minimum health. */
@inline function healthSkip(EL: v128, ES: v128, aL: v128, aS: v128): v128 {
  // |a| < qd*E implies E > 0 (qd >= 0) and a < qd*E, without a compare for E > 0.
  const skipL = f64x2.lt(f64x2.abs(aL), f64x2.mul(pv(A_QD_L), EL));
  const skipS = f64x2.lt(f64x2.abs(aS), f64x2.mul(pv(A_QD_S), ES));
  return v128.and(skipL, skipS);
}

export function runExactSimd(mkt: usize, days: i32, par: usize, out: usize, stride: i32, from: i32, to: i32, ev: usize, eq: usize, evCap: i32): void {
  for (let j = from; j < to; j += 2) {
    const detail = v128.load(fieldPtr(par, P_DETAIL, stride, j));
    if (v128.any_true(f64x2.ge(detail, f64x2.splat(0)))) {
      runScalarLane(0, mkt, days, par, out, stride, j, ev, eq, evCap);
      runScalarLane(0, mkt, days, par, out, stride, j + 1, ev, eq, evCap);
    } else {
      runPair(mkt, days, par, out, stride, j);
    }
  }
}

/** Finish both lanes of the pair on the scalar path from day `from`, then close and store them. */
function finishPair(mkt: usize, days: i32, par: usize, out: usize, stride: i32, j: i32, from: i32): void {
  for (let i = 0; i < 2; i++) {
    fromScratch(i, par, out, stride, j + i);
    storeOut(out, stride, j + i, exFinish(mkt, days, from));
  }
}

/**
 * Replay day `t` for both lanes on the scalar path from the start-of-day state in SCRATCH;
 * returns true when a lane was ruined (the pair then finishes on the scalar path).
 */
function replayDay(mkt: usize, par: usize, out: usize, stride: i32, j: i32, t: i32, cs: f64): bool {
  statSlowDays += 1;
  let anyRuined = false;
  for (let i = 0; i < 2; i++) {
    fromScratch(i, par, out, stride, j + i);
    exDay(mkt, t);
    exMark(cs);
    if (ruined) anyRuined = true;
    toScratch(i);
    storeRare(out, stride, j + i);
  }
  derivePosition();
  return anyRuined;
}

function runPair(mkt: usize, days: i32, par: usize, out: usize, stride: i32, j: i32): void {
  for (let i = 0; i < 2; i++) {
    resetLane(par, stride, j + i, false, 0, 0, 0, days);
    exStart(mkt);
    toScratch(i);
    storeRare(out, stride, j + i);
  }
  setupPair(par, stride, j);
  // Loop-carried registers: the position fields and accumulators that change every day.
  let sol = v128.load(SCRATCH, 0);
  let debt = v128.load(SCRATCH, 16);
  let margin = v128.load(SCRATCH, 64);
  let vPeak = v128.load(SCRATCH, 208);
  let acc = ACC;
  accFromScratch(acc);
  // maxDD*DOWN (maxDD itself lives in SCRATCH): the drawdown filter's bound.
  let mddDown = f64x2.mul(v128.load(SCRATCH, S_MAX_DD), kv(K_DOWN));

  let vectorDays = 0;
  for (let t = 1; t < days; t++) {
    const o = mkt + ((<usize>(t * ROW)) << 3);
    const high = v128.load64_splat(o, 8);
    const low = v128.load64_splat(o, 16);
    const cs = load<f64>(o, 24);
    const c = f64x2.splat(cs);
    const dc = f64x2.splat(cs - load<f64>(o - (<usize>ROW << 3), 24));
    const zero = f64x2.splat(0);
    const contracts = v128.load(SCRATCH, S_CONTRACTS);

    // Health at the day's extremes, start-of-day state. The reference always computes it first,
    // so it is folded in at once (a replay of this day folds in the same values again).
    const nLow = f64x2.mul(sol, low);
    const EL0 = f64x2.sub(nLow, debt);
    const ES0 = f64x2.add(margin, f64x2.mul(contracts, f64x2.sub(v128.load(SCRATCH, S_ENTRY), high)));
    const aL0 = f64x2.mul(pv(A_ML), nLow);
    const aS0 = f64x2.mul(pv(A_MS), f64x2.mul(contracts, high));
    const skip0 = healthSkip(EL0, ES0, aL0, aS0);
    // Intraday liquidation test: high < ps and low > pl proven without dividing when far from
    // the liquidation prices (high*(psDen*UP) < psNum; (sol*low)*((1 - mL)*DOWN) > debt).
    const psNum = f64x2.add(margin, pv(A_CE));
    const far = v128.and(f64x2.lt(f64x2.mul(high, pv(A_PS_DEN_UP)), psNum), f64x2.gt(f64x2.mul(nLow, pv(A_OML_DOWN)), debt));
    // One branch for both filters on the common day (mask bits: one per lane).
    let replay = false;
    if (i64x2.bitmask(v128.and(skip0, far)) != 3) {
      if (i64x2.bitmask(skip0) != 3) {
        foldLeg(EL0, aL0, S_MIN_HL, A_QMAX_L, A_QD_L);
        foldLeg(ES0, aS0, S_MIN_HS, A_QMAX_S, A_QD_S);
      }
      if (i64x2.bitmask(far) != 3) {
        const ps = f64x2.div(psNum, pv(A_PS_DEN));
        const pl = f64x2.div(debt, f64x2.mul(sol, v128.load(fieldPtr(par, P_ONE_MINUS_ML, stride, j))));
        replay = i64x2.bitmask(v128.and(pv(A_MANAGED), v128.or(f64x2.ge(high, ps), f64x2.le(low, pl)))) != 0;
      }
    }

    // Accrual at the close.
    const nS = f64x2.mul(contracts, c);
    const nxt = ACC_FLIP - acc;
    v128.store(nxt, f64x2.add(v128.load(acc, 48), f64x2.sub(f64x2.mul(sol, dc), f64x2.mul(contracts, dc))), 48);
    const lend = f64x2.mul(sol, v128.load64_splat(o, 40));
    const sol1 = f64x2.add(sol, lend);
    const interest = f64x2.mul(v128.and(debt, f64x2.gt(debt, zero)), v128.load64_splat(o, 48)); // (debt > 0 ? debt : 0)
    const debt1 = f64x2.add(debt, interest);
    const fund = f64x2.mul(nS, v128.load64_splat(o, 32));
    v128.store(nxt, f64x2.add(v128.load(acc, 0), f64x2.mul(lend, c)), 0);
    v128.store(nxt, f64x2.add(v128.load(acc, 16), interest), 16);
    v128.store(nxt, f64x2.add(v128.load(acc, 32), fund), 32);
    const margin1 = f64x2.add(margin, fund);

    const nL = f64x2.mul(sol1, c);
    const eL = f64x2.sub(nL, debt1);
    const entryGap = f64x2.mul(contracts, f64x2.sub(v128.load(SCRATCH, S_ENTRY), c));
    const eS = f64x2.add(margin1, entryGap);
    const aL = f64x2.mul(pv(A_ML), nL);
    const aS = f64x2.mul(pv(A_MS), nS);
    // Post-accrual health filter and the trigger (static lanes have NaN triggers: never fire).
    const skip1 = healthSkip(eL, eS, aL, aS);
    const fire = v128.or(f64x2.ge(nL, f64x2.mul(pv(A_TRIG_L), eL)), f64x2.ge(nS, f64x2.mul(pv(A_TRIG_S), eS)));
    let closeSlow = false;
    let anyFire = false;
    let debtN = debt1;
    let marginN = margin1;
    let eLm = eL;
    let eSm = eS;
    if (i64x2.bitmask(v128.andnot(skip1, fire)) != 3) {
      // Post-accrual health is folded in only when the day commits. Where its filter passes,
      // qd <= 1 also rules out the accrual liquidation (`e <= m*n`), so that test runs only here.
      closeSlow = i64x2.bitmask(skip1) != 3;
      if (closeSlow) {
        replay = replay || i64x2.bitmask(v128.and(pv(A_MANAGED), v128.or(f64x2.le(eL, aL), f64x2.le(eS, aS)))) != 0;
      }
      anyFire = i64x2.bitmask(fire) != 0;
      if (anyFire) {
        // x/2 as x*0.5: both are the correctly rounded value of the exact half, so identical.
        const tc = pv(A_TC);
        const x = f64x2.mul(f64x2.abs(f64x2.sub(eL, eS)), kv(K_HALF));
        const longPoorer = f64x2.lt(eL, eS);
        const xNet = f64x2.sub(x, tc);
        const debt2 = sel(f64x2.sub(debt1, xNet), f64x2.add(debt1, x), longPoorer);
        const margin2 = sel(f64x2.sub(margin1, x), f64x2.add(margin1, xNet), longPoorer);
        const eL2 = f64x2.sub(nL, debt2);
        const eS2 = f64x2.add(margin2, entryGap);
        const still = v128.or(
          v128.or(f64x2.le(eL2, zero), f64x2.ge(nL, f64x2.mul(pv(A_TRIG_L), eL2))),
          v128.or(f64x2.le(eS2, zero), f64x2.ge(nS, f64x2.mul(pv(A_TRIG_S), eS2))),
        );
        const refuse = v128.or(v128.or(f64x2.le(x, tc), still), pv(A_ROTATION));
        replay = replay || i64x2.bitmask(v128.and(fire, refuse)) != 0;
        v128.store(PAIR + A_FIRE, fire);
        debtN = sel(debt2, debt1, fire);
        marginN = sel(margin2, margin1, fire);
        eLm = sel(eL2, eL, fire);
        eSm = sel(eS2, eS, fire);
      }
    }

    if (replay) {
      // Replay this day for both lanes on the scalar path, from the start-of-day state.
      v128.store(SCRATCH, sol, 0);
      v128.store(SCRATCH, debt, 16);
      v128.store(SCRATCH, margin, 64);
      v128.store(SCRATCH, vPeak, 208);
      accToScratch(acc);
      if (replayDay(mkt, par, out, stride, j, t, cs)) {
        statVectorDays += <f64>vectorDays;
        finishPair(mkt, days, par, out, stride, j, t + 1);
        return;
      }
      sol = v128.load(SCRATCH, 0);
      debt = v128.load(SCRATCH, 16);
      margin = v128.load(SCRATCH, 64);
      vPeak = v128.load(SCRATCH, 208);
      accFromScratch(acc);
      mddDown = f64x2.mul(v128.load(SCRATCH, S_MAX_DD), kv(K_DOWN));
      continue;
    }

    // Commit the common day.
    vectorDays++;
    sol = sol1;
    acc = nxt;
    debt = debtN;
    margin = marginN;
    // The folds below recompute m*n from a fresh load of the close (same values): V8 would
    // otherwise keep the day's products alive, spilled, for these rare branches.
    if (closeSlow) {
      const cF = v128.load64_splat(o, 24);
      const aLx = f64x2.mul(pv(A_ML), f64x2.mul(sol, cF));
      const aSx = f64x2.mul(pv(A_MS), f64x2.mul(v128.load(SCRATCH, S_CONTRACTS), cF));
      foldLeg(eL, aLx, S_MIN_HL, A_QMAX_L, A_QD_L);
      foldLeg(eS, aSx, S_MIN_HS, A_QMAX_S, A_QD_S);
    }
    if (anyFire) {
      const fireM = pv(A_FIRE);
      const one = kv(K_ONE);
      const tc = pv(A_TC);
      const transfer = v128.load(SCRATCH, S_TRANSFER);
      v128.store(SCRATCH + S_TRANSFER, sel(f64x2.add(transfer, tc), transfer, fireM));
      const reb = v128.load(SCRATCH, S_REB);
      v128.store(SCRATCH + S_REB, sel(f64x2.add(reb, one), reb, fireM));
      // Mark: health after the rebalance (unchanged lanes repeat the post-accrual value).
      const cF = v128.load64_splat(o, 24);
      const aLx = f64x2.mul(pv(A_ML), f64x2.mul(sol, cF));
      const aSx = f64x2.mul(pv(A_MS), f64x2.mul(v128.load(SCRATCH, S_CONTRACTS), cF));
      if (i64x2.bitmask(healthSkip(eLm, eSm, aLx, aSx)) != 3) {
        foldLeg(eLm, aLx, S_MIN_HL, A_QMAX_L, A_QD_L);
        foldLeg(eSm, aSx, S_MIN_HS, A_QMAX_S, A_QD_S);
      }
    }
    // Drawdown: `gap <= maxDD*DOWN*peak` proves dd = gap/peak <= maxDD. No `peak > 0` test is
    // needed: maxDD >= 0, so with peak <= 0 the test passes only for gap = 0, where dd is +-0 or NaN
    // and changes nothing.
    const eqv = f64x2.add(eLm, eSm);
    vPeak = f64x2.pmax(vPeak, eqv); // eqv > peak ? eqv : peak
    const gap = f64x2.sub(vPeak, eqv);
    if (i64x2.bitmask(f64x2.le(gap, f64x2.mul(mddDown, vPeak))) != 3) {
      const dd = f64x2.div(gap, vPeak);
      const maxDD = v128.load(SCRATCH, S_MAX_DD);
      const maxDD1 = f64x2.pmax(maxDD, dd); // dd > maxDD ? dd : maxDD
      v128.store(SCRATCH + S_MAX_DD, maxDD1);
      mddDown = f64x2.mul(maxDD1, kv(K_DOWN));
    }
  }

  v128.store(SCRATCH, sol, 0);
  v128.store(SCRATCH, debt, 16);
  v128.store(SCRATCH, margin, 64);
  v128.store(SCRATCH, vPeak, 208);
  accToScratch(acc);
  statVectorDays += <f64>vectorDays;
  finishPair(mkt, days, par, out, stride, j, days);
}
