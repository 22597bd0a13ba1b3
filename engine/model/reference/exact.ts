/**
 * The TypeScript reference of the `exact` convention (MODEL.md sections 4-6): one lane at a time,
 * plain objects, written for clarity. The WASM kernel must agree with it bit for bit.
 */
import { COL_BORROW, COL_CLOSE, COL_FUNDING, COL_HIGH, COL_LEND, COL_LOW, COL_OPEN, ROW_STRIDE, type PreparedSeries } from '../../data/series.js';
import type { BacktestParams, RunOptions } from '../types.js';
import {
  laneConstants,
  LaneBase,
  Ledger,
  legHealth,
  longEquity,
  penaltyOf,
  shortEquity,
} from './lane.js';
import type { ReferenceRun } from './run.js';

class ExactLane extends LaneBase {

  /** Section 4 open: each leg gets W/2, N = L*W/2; returns the fees paid. */
  open(p: number, W: number): number {
    const { k, s, led } = this;
    const h = W / 2;
    const N = k.leverage * h;
    const feeL = N * k.longOpenFeeRate;
    const feeS = N * k.perpFeeRate;
    s.sol = N / p;
    s.debt = N - h + feeL;
    s.contracts = N / p;
    s.entry = p;
    s.margin = h - feeS;
    led.w.fees += feeL;
    led.w.fees += feeS;
    return feeL + feeS;
  }

  /** Close both legs at `p` paying both close fees; returns the realised wealth R. */
  closeBoth(p: number): { R: number; fee: number } {
    const { k, s, led } = this;
    const eL = longEquity(s, p);
    const eS = shortEquity(s, p);
    const feeL = s.sol * p * k.longCloseFeeRate;
    const feeS = s.contracts * p * k.perpFeeRate;
    led.w.fees += feeL;
    led.w.fees += feeS;
    return { R: eL - feeL + (eS - feeS), fee: feeL + feeS };
  }

  /** Pay the transfer cost and reopen with `R - transferCost`, or end the run ruined. */
  reopenOrRuin(R: number, p: number, day: number): boolean {
    const { k, led } = this;
    const W = R - k.transferCost;
    if (W <= 0) {
      const booked = Math.min(k.transferCost, R > 0 ? R : 0);
      led.w.transferCosts += booked;
      led.w.badDebt += booked - R;
      led.ruined = true;
      led.event(day, 'ruin', 'both', p, R, 0, booked);
      return false;
    }
    led.w.transferCosts += k.transferCost;
    const fee = this.open(p, W);
    led.event(day, 'open', 'both', p, W, longEquity(this.s, p) + shortEquity(this.s, p), fee + k.transferCost);
    return true;
  }

  /** Liquidate the flagged legs at their execution prices, close the survivor at `c`, rotate. */
  liquidate(day: number, liqL: boolean, liqS: boolean, pxL: number, pxS: number, c: number): boolean {
    const { k, s, led } = this;
    let realisedL: number;
    let realisedS: number;
    if (liqL) {
      const E = longEquity(s, pxL);
      const pen = penaltyOf(k.penLongKind, k.penLongRate, E, s.sol * pxL);
      realisedL = (E > 0 ? E : 0) - pen;
      led.w.penalties += pen;
      if (E < 0) led.w.badDebt += -E;
      led.event(day, 'liquidation', 'long', pxL, E, realisedL, pen);
    } else {
      const E = longEquity(s, c);
      const fee = s.sol * c * k.longCloseFeeRate;
      led.w.fees += fee;
      realisedL = E - fee;
      led.event(day, 'close', 'long', c, E, realisedL, fee);
    }
    if (liqS) {
      const E = shortEquity(s, pxS);
      const pen = penaltyOf(k.penShortKind, k.penShortRate, E, s.contracts * pxS);
      realisedS = (E > 0 ? E : 0) - pen;
      led.w.penalties += pen;
      if (E < 0) led.w.badDebt += -E;
      led.event(day, 'liquidation', 'short', pxS, E, realisedS, pen);
    } else {
      const E = shortEquity(s, c);
      const fee = s.contracts * c * k.perpFeeRate;
      led.w.fees += fee;
      realisedS = E - fee;
      led.event(day, 'close', 'short', c, E, realisedS, fee);
    }
    led.liquidations += 1;
    led.liquidatedLegs += (liqL ? 1 : 0) + (liqS ? 1 : 0);
    return this.reopenOrRuin(realisedL + realisedS, c, day);
  }

  rotate(day: number, c: number): boolean {
    const before = longEquity(this.s, c) + shortEquity(this.s, c);
    const { R, fee } = this.closeBoth(c);
    this.led.rotations += 1;
    this.led.event(day, 'rotation', 'both', c, before, R, fee);
    return this.reopenOrRuin(R, c, day);
  }

  /** Section 5 step 3 under `rebalance`: move half the gap, or rotate when that cannot work. */
  rebalance(day: number, c: number, eL: number, eS: number, nL: number, nS: number): boolean {
    const { k, s, led } = this;
    const tc = k.transferCost;
    const x = Math.abs(eL - eS) / 2;
    if (x <= tc) return this.rotate(day, c);
    const longPoorer = eL < eS;
    const debt2 = longPoorer ? s.debt - (x - tc) : s.debt + x;
    const margin2 = longPoorer ? s.margin - x : s.margin + (x - tc);
    const eL2 = s.sol * c - debt2;
    const eS2 = margin2 + s.contracts * (s.entry - c);
    const still = eL2 <= 0 || nL >= k.triggerLong * eL2 || eS2 <= 0 || nS >= k.triggerShort * eS2;
    if (still) return this.rotate(day, c);
    s.debt = debt2;
    s.margin = margin2;
    led.w.transferCosts += tc;
    led.rebalances += 1;
    led.event(day, 'rebalance', longPoorer ? 'long' : 'short', c, eL + eS, eL2 + eS2, tc);
    return true;
  }

  /** One day `t >= 1`; returns false when the run ends ruined. */
  day(t: number, d: Float64Array): boolean {
    const { k, s, led } = this;
    const o = t * ROW_STRIDE;
    const open = d[o + COL_OPEN]!;
    const high = d[o + COL_HIGH]!;
    const low = d[o + COL_LOW]!;
    const c = d[o + COL_CLOSE]!;
    const c0 = d[o - ROW_STRIDE + COL_CLOSE]!;
    const managed = k.model !== 'static';

    led.health(legHealth(longEquity(s, low), s.sol * low, k.mLong), legHealth(shortEquity(s, high), s.contracts * high, k.mShort));

    if (managed) {
      const ps = (s.margin + s.contracts * s.entry) / (s.contracts * k.onePlusMShort);
      const pl = s.debt / (s.sol * k.oneMinusMLong);
      const liqS = high >= ps;
      const liqL = low <= pl;
      if (liqS || liqL) {
        const pxL = liqL ? (pl < open ? pl : open) : c;
        const pxS = liqS ? (ps > open ? ps : open) : c;
        led.w.pricePnl += s.sol * (pxL - c0) - s.contracts * (pxS - c0);
        return this.liquidate(t, liqL, liqS, pxL, pxS, c);
      }
    }

    led.w.pricePnl += s.sol * (c - c0) - s.contracts * (c - c0);
    const lend = s.sol * d[o + COL_LEND]!;
    s.sol += lend;
    led.w.lendIncome += lend * c;
    const interest = (s.debt > 0 ? s.debt : 0) * d[o + COL_BORROW]!;
    s.debt += interest;
    led.w.borrowInterest += interest;
    const fund = s.contracts * c * d[o + COL_FUNDING]!;
    s.margin += fund;
    led.w.funding += fund;

    const eL = longEquity(s, c);
    const eS = shortEquity(s, c);
    const nL = s.sol * c;
    const nS = s.contracts * c;
    led.health(legHealth(eL, nL, k.mLong), legHealth(eS, nS, k.mShort));
    if (!managed) return true;

    const accL = eL <= k.mLong * nL;
    const accS = eS <= k.mShort * nS;
    if (accL || accS) return this.liquidate(t, accL, accS, c, c, c);

    const fire = nL >= k.triggerLong * eL || nS >= k.triggerShort * eS;
    if (!fire) return true;
    return k.model === 'rebalance' ? this.rebalance(t, c, eL, eS, nL, nS) : this.rotate(t, c);
  }

  /** Step 4: mark at the close (health and drawdown), or the ruin mark. */
  mark(c: number): void {
    const { k, s, led } = this;
    if (led.ruined) {
      led.mark(0);
      return;
    }
    const eL = longEquity(s, c);
    const eS = shortEquity(s, c);
    led.health(legHealth(eL, s.sol * c, k.mLong), legHealth(eS, s.contracts * c, k.mShort));
    led.mark(eL + eS);
  }
}

export function runExact(series: PreparedSeries, params: BacktestParams, opts: RunOptions = {}): ReferenceRun {
  const k = laneConstants(params);
  const led = new Ledger(series, -Infinity, opts.events === true, opts.equity === true);
  const lane = new ExactLane(k, led);
  const d = series.data;
  const D = series.days;
  const c0 = d[COL_CLOSE]!;
  const fee = lane.open(c0, k.capital);
  led.event(0, 'open', 'both', c0, k.capital, longEquity(lane.s, c0) + shortEquity(lane.s, c0), fee);
  lane.mark(c0);
  for (let t = 1; t < D; t++) {
    lane.day(t, d);
    lane.mark(d[t * ROW_STRIDE + COL_CLOSE]!);
    if (led.ruined) break;
  }
  let F = 0;
  if (!led.ruined) {
    const cEnd = d[(D - 1) * ROW_STRIDE + COL_CLOSE]!;
    const before = longEquity(lane.s, cEnd) + shortEquity(lane.s, cEnd);
    const closed = lane.closeBoth(cEnd);
    F = closed.R;
    led.event(D - 1, 'close', 'both', cEnd, before, F, closed.fee);
    if (k.model === 'static' && F <= 0) led.ruined = true;
  }
  return { figures: led.figures(F), events: led.events, equity: led.equity };
}
