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

/** Leg health from `q = (m*N)/E`, vectorised: `E <= 0 ? 0 : clamp(100*(1 - q), 0, 100)`. */
@inline function vHealthQ(E: v128, q: v128): v128 {
  const zero = f64x2.splat(0);
  const hundred = f64x2.splat(100);
  const h = f64x2.mul(hundred, f64x2.sub(f64x2.splat(1), q));
  const r = sel(zero, sel(hundred, h, f64x2.gt(h, hundred)), f64x2.lt(h, zero));
  return sel(zero, r, f64x2.le(E, zero));
}

/*
 * Division filters. A division whose result can only confirm "no change" is skipped when a
 * multiplication proves it: health is monotone in q = (m*N)/E, so with qMax the largest q seen
 * on the vector path (min health = health(qMax)), `E > 0 && m*N < qMax*E*(1 - 1e-12)` proves
 * fl(m*N/E) <= qMax, hence no new minimum. The 1e-12 margin dwarfs the two roundings (2^-52).
 * A stale (too small) qMax after a scalar replay only makes the filter stricter. NaN fails every
 * filter and takes the exact path. The liquidation prices and the drawdown use the same idea.
 */
const DOWN: f64 = 1 - 1e-12;
const UP: f64 = 1 + 1e-12;

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

function runPair(mkt: usize, days: i32, par: usize, out: usize, stride: i32, j: i32): void {
  for (let i = 0; i < 2; i++) {
    resetLane(par, stride, j + i, false, 0, 0, 0, days);
    exStart(mkt);
    toScratch(i);
    storeRare(out, stride, j + i);
  }
  let sol = v128.load(SCRATCH, 0);
  let debt = v128.load(SCRATCH, 16);
  let contracts = v128.load(SCRATCH, 32);
  let entry = v128.load(SCRATCH, 48);
  let margin = v128.load(SCRATCH, 64);
  let vLend = v128.load(SCRATCH, 80);
  let vBorrow = v128.load(SCRATCH, 96);
  let vFunding = v128.load(SCRATCH, 112);
  let vPrice = v128.load(SCRATCH, 128);
  let vTransfer = v128.load(SCRATCH, 144);
  let vReb = v128.load(SCRATCH, 160);
  let vMinHL = v128.load(SCRATCH, 176);
  let vMinHS = v128.load(SCRATCH, 192);
  let vPeak = v128.load(SCRATCH, 208);
  let vMaxDD = v128.load(SCRATCH, 224);

  const mL = v128.load(fieldPtr(par, P_M_LONG, stride, j));
  const mS = v128.load(fieldPtr(par, P_M_SHORT, stride, j));
  const onePlusMS = v128.load(fieldPtr(par, P_ONE_PLUS_MS, stride, j));
  const oneMinusML = v128.load(fieldPtr(par, P_ONE_MINUS_ML, stride, j));
  const trigL = v128.load(fieldPtr(par, P_TRIG_L, stride, j));
  const trigS = v128.load(fieldPtr(par, P_TRIG_S, stride, j));
  const tc = v128.load(fieldPtr(par, P_TRANSFER, stride, j));
  const model = v128.load(fieldPtr(par, P_MODEL, stride, j));
  const zero = f64x2.splat(0);
  const managed = f64x2.ne(model, zero);
  const isRotation = f64x2.eq(model, f64x2.splat(2));
  const down = f64x2.splat(DOWN);
  const up = f64x2.splat(UP);
  const inf = f64x2.splat(Infinity);
  let qMaxL = zero;
  let qMaxS = zero;
  // qMax*down, kept with qMax: the filter compares m*N < (qMax*down)*E (same bound, one multiply less).
  let qdMaxL = zero;
  let qdMaxS = zero;

  let vectorDays = 0;
  for (let t = 1; t < days; t++) {
    const o = mkt + ((<usize>(t * ROW)) << 3);
    const open = v128.load64_splat(o, 0);
    const high = v128.load64_splat(o, 8);
    const low = v128.load64_splat(o, 16);
    const cs = load<f64>(o, 24);
    const c = f64x2.splat(cs);
    const dc = f64x2.splat(cs - load<f64>(o - (<usize>ROW << 3), 24));

    // Health at the day's extremes, start-of-day state.
    const nLow = f64x2.mul(sol, low);
    const nHigh = f64x2.mul(contracts, high);
    let minL = vMinHL;
    let minS = vMinHS;
    // qMax is committed with the day: a replayed day must not fold in q values the reference never saw.
    let qL = qMaxL;
    let qS = qMaxS;
    let qdL = qdMaxL;
    let qdS = qdMaxS;
    {
      // Both legs' health: exact only when the filter cannot prove "no new minimum" for a lane.
      const EL = f64x2.sub(nLow, debt);
      const ES = f64x2.add(margin, f64x2.mul(contracts, f64x2.sub(entry, high)));
      const aL = f64x2.mul(mL, nLow);
      const aS = f64x2.mul(mS, nHigh);
      const skipL = v128.and(f64x2.gt(EL, zero), f64x2.lt(aL, f64x2.mul(qdL, EL)));
      const skipS = v128.and(f64x2.gt(ES, zero), f64x2.lt(aS, f64x2.mul(qdS, ES)));
      if (!i64x2.all_true(v128.and(skipL, skipS))) {
        const q1 = f64x2.div(aL, EL);
        const h1 = vHealthQ(EL, q1);
        minL = sel(h1, minL, f64x2.lt(h1, minL));
        qL = sel(inf, sel(q1, qL, f64x2.gt(q1, qL)), f64x2.le(EL, zero));
        qdL = f64x2.mul(qL, down);
        const q2 = f64x2.div(aS, ES);
        const h2 = vHealthQ(ES, q2);
        minS = sel(h2, minS, f64x2.lt(h2, minS));
        qS = sel(inf, sel(q2, qS, f64x2.gt(q2, qS)), f64x2.le(ES, zero));
        qdS = f64x2.mul(qS, down);
      }
    }

    // Intraday liquidation test.
    // high < ps and low > pl proven without dividing when far from the liquidation prices.
    const psNum = f64x2.add(margin, f64x2.mul(contracts, entry));
    const psDen = f64x2.mul(contracts, onePlusMS);
    const plDen = f64x2.mul(sol, oneMinusML);
    const farS = f64x2.lt(f64x2.mul(f64x2.mul(high, psDen), up), psNum);
    const farL = f64x2.gt(f64x2.mul(f64x2.mul(low, plDen), down), debt);
    let rare = zero;
    if (!i64x2.all_true(v128.and(farS, farL))) {
      const ps = f64x2.div(psNum, psDen);
      const pl = f64x2.div(debt, plDen);
      rare = v128.and(managed, v128.or(f64x2.ge(high, ps), f64x2.le(low, pl)));
    }

    // Accrual at the close.
    const price = f64x2.add(vPrice, f64x2.sub(f64x2.mul(sol, dc), f64x2.mul(contracts, dc)));
    const lend = f64x2.mul(sol, v128.load64_splat(o, 40));
    const sol1 = f64x2.add(sol, lend);
    const lendSum = f64x2.add(vLend, f64x2.mul(lend, c));
    const interest = f64x2.mul(sel(debt, zero, f64x2.gt(debt, zero)), v128.load64_splat(o, 48));
    const debt1 = f64x2.add(debt, interest);
    const borrowSum = f64x2.add(vBorrow, interest);
    const fund = f64x2.mul(f64x2.mul(contracts, c), v128.load64_splat(o, 32));
    const margin1 = f64x2.add(margin, fund);
    const fundSum = f64x2.add(vFunding, fund);

    const nL = f64x2.mul(sol1, c);
    const nS = f64x2.mul(contracts, c);
    const eL = f64x2.sub(nL, debt1);
    const entryGap = f64x2.mul(contracts, f64x2.sub(entry, c));
    const eS = f64x2.add(margin1, entryGap);
    {
      // Both legs' health: exact only when the filter cannot prove "no new minimum" for a lane.
      const EL = eL;
      const ES = eS;
      const aL = f64x2.mul(mL, nL);
      const aS = f64x2.mul(mS, nS);
      const skipL = v128.and(f64x2.gt(EL, zero), f64x2.lt(aL, f64x2.mul(qdL, EL)));
      const skipS = v128.and(f64x2.gt(ES, zero), f64x2.lt(aS, f64x2.mul(qdS, ES)));
      if (!i64x2.all_true(v128.and(skipL, skipS))) {
        const q1 = f64x2.div(aL, EL);
        const h1 = vHealthQ(EL, q1);
        minL = sel(h1, minL, f64x2.lt(h1, minL));
        qL = sel(inf, sel(q1, qL, f64x2.gt(q1, qL)), f64x2.le(EL, zero));
        qdL = f64x2.mul(qL, down);
        const q2 = f64x2.div(aS, ES);
        const h2 = vHealthQ(ES, q2);
        minS = sel(h2, minS, f64x2.lt(h2, minS));
        qS = sel(inf, sel(q2, qS, f64x2.gt(q2, qS)), f64x2.le(ES, zero));
        qdS = f64x2.mul(qS, down);
      }
    }
    rare = v128.or(rare, v128.and(managed, v128.or(f64x2.le(eL, f64x2.mul(mL, nL)), f64x2.le(eS, f64x2.mul(mS, nS)))));

    // Trigger and rebalance.
    const fire = v128.and(managed, v128.or(f64x2.ge(nL, f64x2.mul(trigL, eL)), f64x2.ge(nS, f64x2.mul(trigS, eS))));
    // Rebalance quantities only when a lane fired (most days none does).
    let debtN = debt1;
    let marginN = margin1;
    let eLm = eL;
    let eSm = eS;
    const anyFire = v128.any_true(fire);
    if (anyFire) {
      // x/2 as x*0.5: both are the correctly rounded value of the exact half, so identical.
      const x = f64x2.mul(f64x2.abs(f64x2.sub(eL, eS)), f64x2.splat(0.5));
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
      const refuse = v128.or(v128.or(f64x2.le(x, tc), still), isRotation);
      rare = v128.or(rare, v128.and(fire, refuse));
      debtN = sel(debt2, debt1, fire);
      marginN = sel(margin2, margin1, fire);
      eLm = sel(eL2, eL, fire);
      eSm = sel(eS2, eS, fire);
    }

    if (v128.any_true(rare)) {
      // Replay this day for both lanes on the scalar path, from the start-of-day state.
      v128.store(SCRATCH, sol, 0);
      v128.store(SCRATCH, debt, 16);
      v128.store(SCRATCH, contracts, 32);
      v128.store(SCRATCH, entry, 48);
      v128.store(SCRATCH, margin, 64);
      v128.store(SCRATCH, vLend, 80);
      v128.store(SCRATCH, vBorrow, 96);
      v128.store(SCRATCH, vFunding, 112);
      v128.store(SCRATCH, vPrice, 128);
      v128.store(SCRATCH, vTransfer, 144);
      v128.store(SCRATCH, vReb, 160);
      v128.store(SCRATCH, vMinHL, 176);
      v128.store(SCRATCH, vMinHS, 192);
      v128.store(SCRATCH, vPeak, 208);
      v128.store(SCRATCH, vMaxDD, 224);
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
      if (anyRuined) {
        statVectorDays += <f64>vectorDays;
        finishPair(mkt, days, par, out, stride, j, t + 1);
        return;
      }
      sol = v128.load(SCRATCH, 0);
      debt = v128.load(SCRATCH, 16);
      contracts = v128.load(SCRATCH, 32);
      entry = v128.load(SCRATCH, 48);
      margin = v128.load(SCRATCH, 64);
      vLend = v128.load(SCRATCH, 80);
      vBorrow = v128.load(SCRATCH, 96);
      vFunding = v128.load(SCRATCH, 112);
      vPrice = v128.load(SCRATCH, 128);
      vTransfer = v128.load(SCRATCH, 144);
      vReb = v128.load(SCRATCH, 160);
      vMinHL = v128.load(SCRATCH, 176);
      vMinHS = v128.load(SCRATCH, 192);
      vPeak = v128.load(SCRATCH, 208);
      vMaxDD = v128.load(SCRATCH, 224);
      continue;
    }

    // Commit the common day.
    vectorDays++;
    sol = sol1;
    vLend = lendSum;
    vBorrow = borrowSum;
    vFunding = fundSum;
    vPrice = price;
    debt = debtN;
    margin = marginN;
    if (anyFire) {
      vTransfer = sel(f64x2.add(vTransfer, tc), vTransfer, fire);
      vReb = sel(f64x2.add(vReb, f64x2.splat(1)), vReb, fire);
      // Mark: health after the rebalance (unchanged lanes repeat the post-accrual value).
      {
        // Both legs' health: exact only when the filter cannot prove "no new minimum" for a lane.
        const EL = eLm;
        const ES = eSm;
        const aL = f64x2.mul(mL, nL);
        const aS = f64x2.mul(mS, nS);
        const skipL = v128.and(f64x2.gt(EL, zero), f64x2.lt(aL, f64x2.mul(qdL, EL)));
        const skipS = v128.and(f64x2.gt(ES, zero), f64x2.lt(aS, f64x2.mul(qdS, ES)));
        if (!i64x2.all_true(v128.and(skipL, skipS))) {
          const q1 = f64x2.div(aL, EL);
          const h1 = vHealthQ(EL, q1);
          minL = sel(h1, minL, f64x2.lt(h1, minL));
          qL = sel(inf, sel(q1, qL, f64x2.gt(q1, qL)), f64x2.le(EL, zero));
          qdL = f64x2.mul(qL, down);
          const q2 = f64x2.div(aS, ES);
          const h2 = vHealthQ(ES, q2);
          minS = sel(h2, minS, f64x2.lt(h2, minS));
          qS = sel(inf, sel(q2, qS, f64x2.gt(q2, qS)), f64x2.le(ES, zero));
          qdS = f64x2.mul(qS, down);
        }
      }
    }
    vMinHL = minL;
    vMinHS = minS;
    qMaxL = qL;
    qMaxS = qS;
    qdMaxL = qdL;
    qdMaxS = qdS;
    const eqv = f64x2.add(eLm, eSm);
    vPeak = sel(eqv, vPeak, f64x2.gt(eqv, vPeak));
    const gap = f64x2.sub(vPeak, eqv);
    if (!i64x2.all_true(v128.and(f64x2.gt(vPeak, zero), f64x2.lt(gap, f64x2.mul(f64x2.mul(vMaxDD, vPeak), down))))) {
      const dd = f64x2.div(gap, vPeak);
      vMaxDD = sel(dd, vMaxDD, f64x2.gt(dd, vMaxDD));
    }
  }

  v128.store(SCRATCH, sol, 0);
  v128.store(SCRATCH, debt, 16);
  v128.store(SCRATCH, contracts, 32);
  v128.store(SCRATCH, entry, 48);
  v128.store(SCRATCH, margin, 64);
  v128.store(SCRATCH, vLend, 80);
  v128.store(SCRATCH, vBorrow, 96);
  v128.store(SCRATCH, vFunding, 112);
  v128.store(SCRATCH, vPrice, 128);
  v128.store(SCRATCH, vTransfer, 144);
  v128.store(SCRATCH, vReb, 160);
  v128.store(SCRATCH, vMinHL, 176);
  v128.store(SCRATCH, vMinHS, 192);
  v128.store(SCRATCH, vPeak, 208);
  v128.store(SCRATCH, vMaxDD, 224);
  statVectorDays += <f64>vectorDays;
  finishPair(mkt, days, par, out, stride, j, days);
}
