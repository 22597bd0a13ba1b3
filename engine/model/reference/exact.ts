/**
 * The TypeScript reference of the `exact` convention (MODEL.md sections 4-6 and the execution
 * options of section 10): one lane at a time,
 * plain objects, written for clarity. The WASM kernel must agree with it bit for bit.
 */
import { COL_BORROW, COL_CLOSE, COL_FUNDING, COL_HIGH, COL_LEND, COL_LOW, COL_OPEN, requireSpot, ROW_STRIDE, type PreparedSeries } from '../../data/series.js';
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
import { partialRounds, rehedge, survivorPrice } from './partial.js';
import type { ReferenceRun } from './run.js';

class ExactLane extends LaneBase {

  /**
   * Section 4 open: each leg gets W/2, N = L*W/2; returns the fees paid. The long buys at `pL`, the
   * short sells at `pS` (the same price unless `legPrices split`, MODEL.md 10.2).
   */
  open(pL: number, pS: number, W: number): number {
    const { k, s, led } = this;
    const h = W / 2;
    const N = k.leverage * h;
    const feeL = N * k.longOpenFeeRate;
    const feeS = N * k.perpFeeRate;
    s.sol = N / pL;
    s.debt = N - h + feeL;
    s.contracts = N / pS;
    s.entry = pS;
    s.margin = h - feeS;
    led.w.fees += feeL;
    led.w.fees += feeS;
    return feeL + feeS;
  }

  /** Close both legs (long at `pL`, short at `pS`) paying both close fees; returns the realised wealth R. */
  closeBoth(pL: number, pS: number): { R: number; fee: number } {
    const { k, s, led } = this;
    const eL = longEquity(s, pL);
    const eS = shortEquity(s, pS);
    const feeL = s.sol * pL * k.longCloseFeeRate;
    const feeS = s.contracts * pS * k.perpFeeRate;
    led.w.fees += feeL;
    led.w.fees += feeS;
    return { R: eL - feeL + (eS - feeS), fee: feeL + feeS };
  }

  /** Pay the transfer cost and reopen with `R - transferCost`, or end the run ruined. */
  reopenOrRuin(R: number, pL: number, pS: number, day: number): boolean {
    const { k, led } = this;
    const W = R - k.transferCost;
    if (W <= 0) {
      const booked = Math.min(k.transferCost, R > 0 ? R : 0);
      led.w.transferCosts += booked;
      led.w.badDebt += booked - R;
      led.ruined = true;
      led.event(day, 'ruin', 'both', pS, R, 0, booked);
      return false;
    }
    led.w.transferCosts += k.transferCost;
    const fee = this.open(pL, pS, W);
    led.event(day, 'open', 'both', pS, W, longEquity(this.s, pL) + shortEquity(this.s, pS), fee + k.transferCost);
    return true;
  }

  /**
   * Liquidate the flagged legs at their execution prices `pxL`/`pxS`; a leg not flagged is closed at
   * its `px` (the close, or 10.1's survivor price); then rotate at the closes `cL`/`cS`.
   */
  liquidate(day: number, liqL: boolean, liqS: boolean, pxL: number, pxS: number, cL: number, cS: number): boolean {
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
      const E = longEquity(s, pxL);
      const fee = s.sol * pxL * k.longCloseFeeRate;
      led.w.fees += fee;
      realisedL = E - fee;
      led.event(day, 'close', 'long', pxL, E, realisedL, fee);
    }
    if (liqS) {
      const E = shortEquity(s, pxS);
      const pen = penaltyOf(k.penShortKind, k.penShortRate, E, s.contracts * pxS);
      realisedS = (E > 0 ? E : 0) - pen;
      led.w.penalties += pen;
      if (E < 0) led.w.badDebt += -E;
      led.event(day, 'liquidation', 'short', pxS, E, realisedS, pen);
    } else {
      const E = shortEquity(s, pxS);
      const fee = s.contracts * pxS * k.perpFeeRate;
      led.w.fees += fee;
      realisedS = E - fee;
      led.event(day, 'close', 'short', pxS, E, realisedS, fee);
    }
    led.liquidations += 1;
    led.liquidatedLegs += (liqL ? 1 : 0) + (liqS ? 1 : 0);
    return this.reopenOrRuin(realisedL + realisedS, cL, cS, day);
  }

  rotate(day: number, cL: number, cS: number): boolean {
    const before = longEquity(this.s, cL) + shortEquity(this.s, cS);
    const { R, fee } = this.closeBoth(cL, cS);
    this.led.rotations += 1;
    this.led.event(day, 'rotation', 'both', cS, before, R, fee);
    return this.reopenOrRuin(R, cL, cS, day);
  }

  /** Section 5 step 3 under `rebalance`: move half the gap, or rotate when that cannot work. */
  rebalance(day: number, cL: number, cS: number, eL: number, eS: number, nL: number, nS: number): boolean {
    const { k, s, led } = this;
    const tc = k.transferCost;
    const x = Math.abs(eL - eS) / 2;
    if (x <= tc) return this.rotate(day, cL, cS);
    const longPoorer = eL < eS;
    const debt2 = longPoorer ? s.debt - (x - tc) : s.debt + x;
    const margin2 = longPoorer ? s.margin - x : s.margin + (x - tc);
    const eL2 = s.sol * cL - debt2;
    const eS2 = margin2 + s.contracts * (s.entry - cS);
    const still = eL2 <= 0 || nL >= k.triggerLong * eL2 || eS2 <= 0 || nS >= k.triggerShort * eS2;
    if (still) return this.rotate(day, cL, cS);
    s.debt = debt2;
    s.margin = margin2;
    led.w.transferCosts += tc;
    led.rebalances += 1;
    led.event(day, 'rebalance', longPoorer ? 'long' : 'short', cS, eL + eS, eL2 + eS2, tc);
    return true;
  }

  /**
   * Step 1 when only the long fails under `partial` (10.3): rounds at `pxL`, then the re-hedge at the
   * survivor price; returns false when the leg stayed open (the day goes on), or the result of the
   * full liquidation that follows when the rounds could not save it.
   */
  private partialIntraday(t: number, pxL: number, pSurv: number, c0L: number, c0: number, cL: number, c: number): boolean | null {
    const { k, s, led } = this;
    const solB = s.sol;
    const conB = s.contracts;
    if (!partialRounds(k, s, led, t, pxL)) {
      const pxS = k.survivorAtLiquidation === 1 ? pSurv : c;
      led.w.pricePnl += solB * (pxL - c0L) - conB * (pxS - c0);
      return this.liquidate(t, true, false, pxL, pxS, cL, c);
    }
    rehedge(k, s, led, t, pSurv);
    led.w.pricePnl += solB * (pxL - c0L) + s.sol * (cL - pxL) - (conB * (pSurv - c0) + s.contracts * (c - pSurv));
    led.liquidations += 1;
    led.liquidatedLegs += 1;
    return null;
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
    // The long's candle: the same as the short's unless `legPrices split` (10.2).
    const oL = o + k.longCol;
    const openL = d[oL + COL_OPEN]!;
    const highL = d[oL + COL_HIGH]!;
    const lowL = d[oL + COL_LOW]!;
    const cL = d[oL + COL_CLOSE]!;
    const c0L = d[oL - ROW_STRIDE + COL_CLOSE]!;
    const managed = k.model !== 'static';

    led.health(legHealth(longEquity(s, lowL), s.sol * lowL, k.mLong), legHealth(shortEquity(s, high), s.contracts * high, k.mShort));

    let partialDone = false;
    if (managed) {
      const ps = (s.margin + s.contracts * s.entry) / (s.contracts * k.onePlusMShort);
      const pl = s.debt / (s.sol * k.oneMinusMLong);
      const liqS = high >= ps;
      const liqL = lowL <= pl;
      if (liqS || liqL) {
        let pxL = liqL ? (pl < openL ? pl : openL) : cL;
        let pxS = liqS ? (ps > open ? ps : open) : c;
        if (liqL && !liqS && k.closeFactor > 0) {
          const done = this.partialIntraday(t, pxL, survivorPrice(pxL, open, openL, low, high), c0L, c0, cL, c);
          if (done !== null) return done;
          partialDone = true;
        } else {
          if (k.survivorAtLiquidation === 1 && liqL !== liqS) {
            if (liqL) pxS = survivorPrice(pxL, open, openL, low, high);
            else pxL = survivorPrice(pxS, openL, open, lowL, highL);
          }
          led.w.pricePnl += s.sol * (pxL - c0L) - s.contracts * (pxS - c0);
          return this.liquidate(t, liqL, liqS, pxL, pxS, cL, c);
        }
      }
    }

    if (!partialDone) led.w.pricePnl += s.sol * (cL - c0L) - s.contracts * (c - c0);
    const lend = s.sol * d[o + COL_LEND]!;
    s.sol += lend;
    led.w.lendIncome += lend * cL;
    const interest = (s.debt > 0 ? s.debt : 0) * d[o + COL_BORROW]!;
    s.debt += interest;
    led.w.borrowInterest += interest;
    const fund = s.contracts * c * d[o + COL_FUNDING]!;
    s.margin += fund;
    led.w.funding += fund;

    let eL = longEquity(s, cL);
    let eS = shortEquity(s, c);
    let nL = s.sol * cL;
    let nS = s.contracts * c;
    led.health(legHealth(eL, nL, k.mLong), legHealth(eS, nS, k.mShort));
    if (!managed) return true;

    const accL = eL <= k.mLong * nL;
    const accS = eS <= k.mShort * nS;
    if (accL || accS) {
      // 10.3: a partial liquidation at the close when only the long fails and it is the day's first test.
      if (!(accL && !accS && k.closeFactor > 0 && !partialDone)) return this.liquidate(t, accL, accS, cL, c, cL, c);
      if (!partialRounds(k, s, led, t, cL)) return this.liquidate(t, true, false, cL, c, cL, c);
      rehedge(k, s, led, t, c);
      led.liquidations += 1;
      led.liquidatedLegs += 1;
      eL = longEquity(s, cL);
      eS = shortEquity(s, c);
      nL = s.sol * cL;
      nS = s.contracts * c;
    }

    const fire = nL >= k.triggerLong * eL || nS >= k.triggerShort * eS;
    if (!fire) return true;
    return k.model === 'rebalance' ? this.rebalance(t, cL, c, eL, eS, nL, nS) : this.rotate(t, cL, c);
  }

  /** Step 4: mark at the closes (health and drawdown), or the ruin mark. */
  mark(cL: number, cS: number): void {
    const { k, s, led } = this;
    if (led.ruined) {
      led.mark(0);
      return;
    }
    const eL = longEquity(s, cL);
    const eS = shortEquity(s, cS);
    led.health(legHealth(eL, s.sol * cL, k.mLong), legHealth(eS, s.contracts * cS, k.mShort));
    led.mark(eL + eS);
  }
}

export function runExact(series: PreparedSeries, params: BacktestParams, opts: RunOptions = {}): ReferenceRun {
  requireSpot(series, params.legPrices);
  const k = laneConstants(params);
  const led = new Ledger(series, -Infinity, opts.events === true, opts.equity === true);
  const lane = new ExactLane(k, led);
  const d = series.data;
  const D = series.days;
  const closeL = (t: number): number => d[t * ROW_STRIDE + k.longCol + COL_CLOSE]!;
  const close = (t: number): number => d[t * ROW_STRIDE + COL_CLOSE]!;
  const fee = lane.open(closeL(0), close(0), k.capital);
  led.event(0, 'open', 'both', close(0), k.capital, longEquity(lane.s, closeL(0)) + shortEquity(lane.s, close(0)), fee);
  lane.mark(closeL(0), close(0));
  for (let t = 1; t < D; t++) {
    lane.day(t, d);
    lane.mark(closeL(t), close(t));
    if (led.ruined) break;
  }
  let F = 0;
  if (!led.ruined) {
    const cEndL = closeL(D - 1);
    const cEnd = close(D - 1);
    const before = longEquity(lane.s, cEndL) + shortEquity(lane.s, cEnd);
    const closed = lane.closeBoth(cEndL, cEnd);
    F = closed.R;
    led.event(D - 1, 'close', 'both', cEnd, before, F, closed.fee);
    if (k.model === 'static' && F <= 0) led.ruined = true;
  }
  return { figures: led.figures(F), events: led.events, equity: led.equity };
}
