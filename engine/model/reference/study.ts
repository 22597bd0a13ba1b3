/**
 * The TypeScript reference of the `study` convention (MODEL.md section 9): the feasibility study's
 * simpler accounting, reproduced exactly, with the waterfall terms the harness adds (`badDebt`,
 * `pricePnl`) so that `mtm_drag = pricePnl + badDebt`.
 */
import { COL_BORROW, COL_CLOSE, COL_FUNDING, COL_HIGH, COL_LEND, COL_LOW, ROW_STRIDE, type PreparedSeries } from '../../data/series.js';
import { STUDY_MIN_TRANSFER } from '../params.js';
import type { BacktestParams, RunOptions } from '../types.js';
import { laneConstants, LaneBase, Ledger, legHealth, longEquity, penaltyOf, shortEquity } from './lane.js';
import type { ReferenceRun } from './run.js';

class StudyLane extends LaneBase {

  /** Day-0 open: `h = W/2`, fee `N*(longOpenFeeBps + perpFeeBps)/1e4 + gas` split half to each leg. */
  open(p: number, W: number): number {
    const { k, s, led } = this;
    const h = W / 2;
    const N = k.leverage * h;
    s.sol = N / p;
    s.contracts = N / p;
    s.debt = h * (k.leverage - 1);
    s.margin = h;
    s.entry = p;
    const fee = N * k.studyOpenFeeRate + k.gas;
    s.debt += fee / 2;
    s.margin -= fee / 2;
    led.w.fees += fee;
    return fee;
  }

  /** Health of both legs at the post-accrual state: at the day's low/high and at the close. */
  health(low: number, high: number, c: number): void {
    const { k, s, led } = this;
    led.health(legHealth(s.sol * low - s.debt, s.sol * low, k.mLong), legHealth(s.margin + s.contracts * (s.entry - high), s.contracts * high, k.mShort));
    led.health(legHealth(longEquity(s, c), s.sol * c, k.mLong), legHealth(shortEquity(s, c), s.contracts * c, k.mShort));
  }

  /** Study liquidation: penalties on close-price equity, then reopen with `W'`; false when ruined. */
  liquidate(day: number, liqL: boolean, liqS: boolean, c: number, eL: number, eS: number): boolean {
    const { k, s, led } = this;
    let vL = eL;
    let vS = eS;
    if (liqL) {
      const pen = penaltyOf(k.penLongKind, k.penLongRate, eL, s.sol * c);
      vL = (eL > 0 ? eL : 0) - pen;
      led.w.penalties += pen;
      if (eL < 0) led.w.badDebt += -eL;
      led.event(day, 'liquidation', 'long', c, eL, vL, pen);
    }
    if (liqS) {
      const pen = penaltyOf(k.penShortKind, k.penShortRate, eS, s.contracts * c);
      vS = (eS > 0 ? eS : 0) - pen;
      led.w.penalties += pen;
      if (eS < 0) led.w.badDebt += -eS;
      led.event(day, 'liquidation', 'short', c, eS, vS, pen);
    }
    led.liquidations += 1;
    led.rotations += 1;
    led.liquidatedLegs += (liqL ? 1 : 0) + (liqS ? 1 : 0);
    const W = vL + vS;
    const N2 = k.leverage * (W / 2);
    const fees = N2 * k.studyOpenFeeRate + s.contracts * c * k.perpFeeRate + k.gas;
    const W2 = W - fees;
    if (W2 <= 0) {
      const booked = Math.min(fees, W > 0 ? W : 0);
      led.w.fees += booked;
      led.w.badDebt += booked - W;
      led.ruined = true;
      led.event(day, 'ruin', 'both', c, W, 0, booked);
      return false;
    }
    led.w.fees += fees;
    const h2 = W2 / 2;
    s.sol = (k.leverage * h2) / c;
    s.contracts = (k.leverage * h2) / c;
    s.entry = c;
    s.debt = h2 * (k.leverage - 1);
    s.margin = h2;
    led.event(day, 'open', 'both', c, W, longEquity(s, c) + shortEquity(s, c), fees);
    return true;
  }

  /** Study trigger: leverage `N/max(E,1)` (999 when `E <= 0`) strictly above T; move `x` if `x > $5`. */
  trigger(day: number, c: number, eL: number, eS: number): void {
    const { k, s, led } = this;
    const levL = eL <= 0 ? 999 : (s.sol * c) / (eL > 1 ? eL : 1);
    const levS = eS <= 0 ? 999 : (s.contracts * c) / (eS > 1 ? eS : 1);
    if (!(levL > k.triggerLong || levS > k.triggerShort)) return;
    const x = Math.abs(eL - (eL + eS) / 2);
    if (!(x > STUDY_MIN_TRANSFER)) return;
    const longPoorer = eL < eS;
    if (longPoorer) {
      s.debt -= x;
      s.margin -= x;
    } else {
      s.debt += x;
      s.margin += x;
    }
    const b = k.transferCost;
    s.debt += b / 2;
    s.margin -= b / 2;
    led.w.transferCosts += b;
    led.rebalances += 1;
    led.event(day, 'rebalance', longPoorer ? 'long' : 'short', c, eL + eS, longEquity(s, c) + shortEquity(s, c), b);
  }

  /** One day `t >= 0` (day 0 included); returns false when the run ends ruined. */
  day(t: number, d: Float64Array): boolean {
    const { k, s, led } = this;
    const o = t * ROW_STRIDE;
    const high = d[o + COL_HIGH]!;
    const low = d[o + COL_LOW]!;
    const c = d[o + COL_CLOSE]!;
    if (t > 0) {
      const c0 = d[o - ROW_STRIDE + COL_CLOSE]!;
      led.w.pricePnl += s.sol * (c - c0) - s.contracts * (c - c0);
    }
    const lend = s.sol * d[o + COL_LEND]!;
    s.sol += lend;
    led.w.lendIncome += lend * c;
    const interest = s.debt * d[o + COL_BORROW]!;
    s.debt += interest;
    led.w.borrowInterest += interest;
    const fund = s.contracts * c * d[o + COL_FUNDING]!;
    s.margin += fund;
    led.w.funding += fund;

    const eL = longEquity(s, c);
    const eS = shortEquity(s, c);
    this.health(low, high, c);
    const liqL = s.sol * low - s.debt <= k.mLong * s.sol * low;
    const liqS = s.margin + s.contracts * (s.entry - high) <= k.mShort * s.contracts * high;
    if (liqL || liqS) {
      if (!this.liquidate(t, liqL, liqS, c, eL, eS)) return false;
    } else {
      this.trigger(t, c, eL, eS);
    }
    led.health(legHealth(longEquity(s, c), s.sol * c, k.mLong), legHealth(shortEquity(s, c), s.contracts * c, k.mShort));
    return true;
  }
}

export function runStudy(series: PreparedSeries, params: BacktestParams, opts: RunOptions = {}): ReferenceRun {
  const k = laneConstants(params);
  const led = new Ledger(series, k.capital, opts.events === true, opts.equity === true);
  const lane = new StudyLane(k, led);
  const d = series.data;
  const D = series.days;
  const c0 = d[COL_CLOSE]!;
  const fee = lane.open(c0, k.capital);
  led.event(0, 'open', 'both', c0, k.capital, longEquity(lane.s, c0) + shortEquity(lane.s, c0), fee);
  for (let t = 0; t < D; t++) {
    const alive = lane.day(t, d);
    const c = d[t * ROW_STRIDE + COL_CLOSE]!;
    led.mark(alive ? longEquity(lane.s, c) + shortEquity(lane.s, c) : 0);
    if (!alive) break;
  }
  let F = 0;
  if (!led.ruined) {
    const cEnd = d[(D - 1) * ROW_STRIDE + COL_CLOSE]!;
    const before = longEquity(lane.s, cEnd) + shortEquity(lane.s, cEnd);
    const fee = lane.s.contracts * cEnd * k.perpFeeRate;
    led.w.fees += fee;
    F = before - fee;
    led.event(D - 1, 'close', 'both', cEnd, before, F, fee);
  }
  return { figures: led.figures(F), events: led.events, equity: led.equity };
}
