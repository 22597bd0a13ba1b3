/**
 * The f64x2 kernel of the `exact` convention: two lanes per vector, the common day (accrual,
 * health, trigger, rebalance) in the vector path, rare events (liquidation, rotation, refused
 * rebalance, ruin) replayed for that lane pair on the scalar path from the day's start state.
 * Every vector expression mirrors engine/model/reference/exact.ts; selects use compare masks in
 * the reference's own comparison forms, so NaN and -0 behave as in the reference.
 */
import { P_DETAIL, P_LONG_COL, P_ONE_MINUS_ML, ROW } from './layout';
import { fieldPtr, resetLane, ruined, storeOut, storeRare } from './lane';
import { exDay, exFinish, exMarkDay, exStart } from './exact';
import { runScalarLane } from './scalar';
import { eventDay, eventDayLean } from './vevent';
import {
  A_CE, A_FIRE, A_MANAGED, A_ML, A_MS, A_OML_DOWN, A_PS_DEN, A_PS_DEN_UP, A_QD_L, A_QD_S, A_QMAX_L,
  A_QMAX_S, A_ROTATION, A_TC, A_TRIG_L, A_TRIG_S, ACC, ACC_FLIP, accFromScratch, accToScratch,
  derivePosition, foldLeg, fromScratch, healthSkip, K_DOWN, K_HALF, K_ONE, kv, PAIR, pv,
  S_CONTRACTS, S_ENTRY, S_MAX_DD, S_MIN_HL, S_MIN_HS, S_REB, S_TRANSFER, SCRATCH, sel, setupPair,
  toScratch,
} from './vpair';

/** Diagnostics: pair-days committed on the vector path and replayed on the scalar path. */
export let statVectorDays: f64 = 0;
export let statSlowDays: f64 = 0;
/** Diagnostics: pair-days with a liquidation or rotation computed on the vector path (vevent.ts). */
export let statEventDays: f64 = 0;
/**
 * How the vector path handles a day it cannot commit as a common day. 1 (default): liquidation
 * and rotation days in f64x2 (vevent.ts), the rest replayed on the scalar path; 0: every such day
 * replayed on the scalar path (the kernel before issue 13). Diagnostics for the bench (they cost
 * per day, but the outputs stay identical, as every day is exact on either route): 2 = every day
 * replayed on the scalar path, 3 = every day through eventDay. Outputs are identical in all modes.
 */
export let eventMode: i32 = 1;

export function setVectorEvents(mode: i32): void {
  eventMode = mode;
}

/**
 * `lean` (figures only): the vector pair loop skips what feeds no state (minimum health, the daily
 * ledger sums); the host then marks those outputs NaN (engine/wasm/lanes.ts, `outputs: 'figures'`).
 * Every other output is identical to the full loop's.
 */
export function runExactSimd(mkt: usize, days: i32, par: usize, out: usize, stride: i32, from: i32, to: i32, ev: usize, eq: usize, evCap: i32, lean: bool = false): void {
  for (let j = from; j < to; j += 2) {
    const detail = v128.load(fieldPtr(par, P_DETAIL, stride, j));
    // Detail lanes, and lanes whose long follows the spot series (legPrices split, MODEL.md 10.2: the
    // vector day reads one candle), run on the scalar path. survivor and partial liquidation act only
    // on liquidation days, which the vector path already replays on the scalar path.
    const splitLegs = f64x2.ne(v128.load(fieldPtr(par, P_LONG_COL, stride, j)), f64x2.splat(0));
    if (v128.any_true(v128.or(f64x2.ge(detail, f64x2.splat(0)), splitLegs))) {
      runScalarLane(0, mkt, days, par, out, stride, j, ev, eq, evCap);
      runScalarLane(0, mkt, days, par, out, stride, j + 1, ev, eq, evCap);
    } else if (eventMode >= 2) {
      runPairEveryDay(mkt, days, par, out, stride, j);
    } else if (lean) {
      runPairLean(mkt, days, par, out, stride, j);
    } else {
      runPair(mkt, days, par, out, stride, j);
    }
  }
}

/** The intraday liquidation test by division (the `far` filter failed): true when a managed lane of the pair is hit. */
@inline function intradayLiquidation(psNum: v128, debt: v128, sol: v128, high: v128, low: v128, par: usize, stride: i32, j: i32): bool {
  const ps = f64x2.div(psNum, pv(A_PS_DEN));
  const pl = f64x2.div(debt, f64x2.mul(sol, v128.load(fieldPtr(par, P_ONE_MINUS_ML, stride, j))));
  return i64x2.bitmask(v128.and(pv(A_MANAGED), v128.or(f64x2.ge(high, ps), f64x2.le(low, pl)))) != 0;
}

/** The liquidation test after the accrual (`e <= m*n` on either leg): true when a managed lane of the pair is hit. */
@inline function accrualLiquidation(eL: v128, eS: v128, aL: v128, aS: v128): bool {
  return i64x2.bitmask(v128.and(pv(A_MANAGED), v128.or(f64x2.le(eL, aL), f64x2.le(eS, aS)))) != 0;
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
function replayDay(mkt: usize, par: usize, out: usize, stride: i32, j: i32, t: i32): bool {
  statSlowDays += 1;
  let anyRuined = false;
  for (let i = 0; i < 2; i++) {
    fromScratch(i, par, out, stride, j + i);
    exDay(mkt, t);
    exMarkDay(mkt, t);
    if (ruined) anyRuined = true;
    toScratch(i);
    storeRare(out, stride, j + i);
  }
  derivePosition();
  return anyRuined;
}

/** Start both lanes of the pair at lanes `j, j+1`: their day-0 state in SCRATCH, their constants in PAIR. */
function initPair(mkt: usize, days: i32, par: usize, out: usize, stride: i32, j: i32): void {
  for (let i = 0; i < 2; i++) {
    resetLane(par, stride, j + i, false, 0, 0, 0, days);
    exStart(mkt);
    toScratch(i);
    storeRare(out, stride, j + i);
  }
  setupPair(par, stride, j);
}

function runPair(mkt: usize, days: i32, par: usize, out: usize, stride: i32, j: i32): void {
  initPair(mkt, days, par, out, stride, j);
  pairLoop(mkt, days, par, out, stride, j, false, false);
}

/** The bench's diagnostic modes 2 and 3 (setVectorEvents): every day through the rare-day path. */
function runPairEveryDay(mkt: usize, days: i32, par: usize, out: usize, stride: i32, j: i32): void {
  initPair(mkt, days, par, out, stride, j);
  pairLoop(mkt, days, par, out, stride, j, false, true);
}

/**
 * The figures-only pair loop (`lean`, see runExactSimd): the same state and decisions without the
 * minimum-health folds and the daily ledger sums of the common day.
 */
function runPairLean(mkt: usize, days: i32, par: usize, out: usize, stride: i32, j: i32): void {
  initPair(mkt, days, par, out, stride, j);
  pairLoop(mkt, days, par, out, stride, j, true, false);
}

/**
 * A lane pair over every day, then closed and stored. `lean` and `every` (the diagnostic modes: every
 * day takes the rare-day path) are compile-time constants (each caller inlines this body):
 * with it the common day skips the minimum-health folds (the extremes' filter, the post-accrual
 * and post-rebalance folds) and the four daily ledger sums (lend, borrow, funding, price PnL),
 * which feed no state; the accrual liquidation test is then made directly (`e <= m*n`) instead of
 * behind the health filter. Liquidation, rebalance, rotation and drawdown decisions are the same
 * exact tests, so the state (and with it final equity, drawdown, counts, fees, ruin) is identical.
 */
@inline function pairLoop(mkt: usize, days: i32, par: usize, out: usize, stride: i32, j: i32, lean: bool, every: bool): void {
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
  const mode = eventMode;
  for (let t = 1; t < days; t++) {
    const o = mkt + ((<usize>(t * ROW)) << 3);
    const high = v128.load64_splat(o, 8);
    const low = v128.load64_splat(o, 16);
    const cs = load<f64>(o, 24);
    const c = f64x2.splat(cs);
    const zero = f64x2.splat(0);
    const contracts = v128.load(SCRATCH, S_CONTRACTS);

    // Health at the day's extremes, start-of-day state. The reference always computes it first,
    // so it is folded in at once (a replay of this day folds in the same values again).
    const nLow = f64x2.mul(sol, low);
    // Intraday liquidation test: high < ps and low > pl proven without dividing when far from
    // the liquidation prices (high*(psDen*UP) < psNum; (sol*low)*((1 - mL)*DOWN) > debt).
    const psNum = f64x2.add(margin, pv(A_CE));
    const far = v128.and(f64x2.lt(f64x2.mul(high, pv(A_PS_DEN_UP)), psNum), f64x2.gt(f64x2.mul(nLow, pv(A_OML_DOWN)), debt));
    let replay = every;
    if (lean) {
      if (i64x2.bitmask(far) != 3) replay = intradayLiquidation(psNum, debt, sol, high, low, par, stride, j);
      // A store here keeps V8 from hoisting the loads below to the top of the day, where they would
      // be spilled to the stack and reloaded (the full loop's ledger stores do the same).
      v128.store(PAIR + A_FIRE, far);
    } else {
      const EL0 = f64x2.sub(nLow, debt);
      const ES0 = f64x2.add(margin, f64x2.mul(contracts, f64x2.sub(v128.load(SCRATCH, S_ENTRY), high)));
      const aL0 = f64x2.mul(pv(A_ML), nLow);
      const aS0 = f64x2.mul(pv(A_MS), f64x2.mul(contracts, high));
      const skip0 = healthSkip(EL0, ES0, aL0, aS0);
      // One branch for both filters on the common day (mask bits: one per lane).
      if (i64x2.bitmask(v128.and(skip0, far)) != 3) {
        if (i64x2.bitmask(skip0) != 3) {
          foldLeg(EL0, aL0, S_MIN_HL, A_QMAX_L, A_QD_L);
          foldLeg(ES0, aS0, S_MIN_HS, A_QMAX_S, A_QD_S);
        }
        if (i64x2.bitmask(far) != 3) replay = intradayLiquidation(psNum, debt, sol, high, low, par, stride, j);
      }
    }

    // Accrual at the close.
    const nS = f64x2.mul(contracts, c);
    const nxt = ACC_FLIP - acc;
    if (!lean) {
      const dc = f64x2.splat(cs - load<f64>(o - (<usize>ROW << 3), 24));
      v128.store(nxt, f64x2.add(v128.load(acc, 48), f64x2.sub(f64x2.mul(sol, dc), f64x2.mul(contracts, dc))), 48);
    }
    const lend = f64x2.mul(sol, v128.load64_splat(o, 40));
    const sol1 = f64x2.add(sol, lend);
    const interest = f64x2.mul(v128.and(debt, f64x2.gt(debt, zero)), v128.load64_splat(o, 48)); // (debt > 0 ? debt : 0)
    const debt1 = f64x2.add(debt, interest);
    const fund = f64x2.mul(nS, v128.load64_splat(o, 32));
    if (!lean) {
      v128.store(nxt, f64x2.add(v128.load(acc, 0), f64x2.mul(lend, c)), 0);
      v128.store(nxt, f64x2.add(v128.load(acc, 16), interest), 16);
      v128.store(nxt, f64x2.add(v128.load(acc, 32), fund), 32);
    }
    const margin1 = f64x2.add(margin, fund);

    const nL = f64x2.mul(sol1, c);
    const eL = f64x2.sub(nL, debt1);
    const entryGap = f64x2.mul(contracts, f64x2.sub(v128.load(SCRATCH, S_ENTRY), c));
    const eS = f64x2.add(margin1, entryGap);
    const aL = f64x2.mul(pv(A_ML), nL);
    const aS = f64x2.mul(pv(A_MS), nS);
    // Post-accrual health filter and the trigger (static lanes have NaN triggers: never fire).
    // Lean: no filter (all ones, so `closeSlow` stays false) and the accrual liquidation test made
    // directly; it is the test the filter guards, so the decision is the same.
    const skip1 = lean ? v128.not(zero) : healthSkip(eL, eS, aL, aS);
    const fire = v128.or(f64x2.ge(nL, f64x2.mul(pv(A_TRIG_L), eL)), f64x2.ge(nS, f64x2.mul(pv(A_TRIG_S), eS)));
    if (lean) replay = replay || accrualLiquidation(eL, eS, aL, aS);
    let closeSlow = false;
    let anyFire = false;
    let debtN = debt1;
    let marginN = margin1;
    let eLm = eL;
    let eSm = eS;
    if (i64x2.bitmask(v128.andnot(skip1, fire)) != 3) {
      // Post-accrual health is folded in only when the day commits. Where its filter passes,
      // qd <= 1 also rules out the accrual liquidation (`e <= m*n`), so that test runs only here.
      closeSlow = !lean && i64x2.bitmask(skip1) != 3;
      if (closeSlow) {
        replay = replay || accrualLiquidation(eL, eS, aL, aS);
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
      if ((mode & 1) != 0 && (lean ? eventDayLean(mkt, par, out, stride, j, t) : eventDay(mkt, par, out, stride, j, t))) {
        statEventDays += 1;
      } else if (replayDay(mkt, par, out, stride, j, t)) {
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
    if (!lean) acc = nxt;
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
      if (!lean) {
        const cF = v128.load64_splat(o, 24);
        const aLx = f64x2.mul(pv(A_ML), f64x2.mul(sol, cF));
        const aSx = f64x2.mul(pv(A_MS), f64x2.mul(v128.load(SCRATCH, S_CONTRACTS), cF));
        if (i64x2.bitmask(healthSkip(eLm, eSm, aLx, aSx)) != 3) {
          foldLeg(eLm, aLx, S_MIN_HL, A_QMAX_L, A_QD_L);
          foldLeg(eSm, aSx, S_MIN_HS, A_QMAX_S, A_QD_S);
        }
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
