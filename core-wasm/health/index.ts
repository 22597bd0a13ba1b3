// Batched Drift health and margin kernel (MODEL.md section 7), i64 integer math.
//
// Mirrors engine/health/reference.ts (itself a transcription of @drift-labs/sdk 2.156.0
// User.getMarginCalculation / getHealth / getLeverage / liquidationPrice) for many accounts per call.
// Every division truncates toward zero like BN.div and BigInt `/`. Products that may exceed 2^63 go
// through mulDiv (an f64 estimate corrected by an exact wrapping remainder). The host rejects inputs
// outside the bounds that keep every intermediate inside i64 (engine/health/kernel.ts `KERNEL_BOUNDS`);
// the one data-dependent overflow left (a huge quotient in a liquidation price) raises a per-account flag.
//
// Memory layout (laid out by the host, struct-of-arrays, every cell an i64, `cap*` = array capacity):
//   acc  + (f*capA + a)*8  account field f, account a:
//        0 usdcScaledBalance (1e9)   1 cumulativeDepositInterest (1e10)   2 userMaxMarginRatio (1e4)
//        3 posStart                  4 posEnd (positions [posStart, posEnd) belong to the account)
//   pos  + (f*capP + p)*8  position field f, position p (market parameters copied per position):
//        0 base (1e9)  1 quote (1e6)  2 lastCumulativeFundingRate (1e9)  3 positionMaxMarginRatio (1e4)
//        4 oraclePrice (1e6)  5 marginRatioInitial  6 marginRatioMaintenance  7 imfFactor (1e6)
//        8 unrealizedPnlInitialAssetWeight  9 unrealizedPnlMaintenanceAssetWeight
//        10 unrealizedPnlImfFactor  11 cumulativeFundingRateLong  12 cumulativeFundingRateShort
//   out  + (f*capA + a)*8  account output f:
//        0 totalCollateral (maintenance)  1 initialTotalCollateral  2 maintenanceMarginRequirement
//        3 initialMarginRequirement  4 health (0..100)  5 leverage (1e4)  6 freeCollateral
//        7 overflow flag (1: a quotient did not fit i64 or needed too many correction steps; the host
//          recomputes that account in BigInt)
//   out  + (8*capA + p)*8  liquidation price of position p (1e6, -1 if none)
//   out  + (8*capA + capP + f*(capP + 1) + k)*8  evaluateHealth's scratch: prefix sums over positions
//        (f 0 collateral terms, 1 margin terms, 2 count of unfinished quotients; fast.ts positionSums)
// Accounts' positions are contiguous and in account order (account a+1 starts where a ends).

import { E4, E6, E9, iabs, imax, imin, ld, st } from './mem';
import { VALUE_BITS, healthFast, positionSums, umulDivKB } from './fast';

const ACC_FIELDS: i32 = 8;

/**
 * Set when a quotient does not fit i64 (a liquidation price of a dust position on a huge account) or an
 * f64 estimate needed more than MAX_CORRECTION steps; the host then recomputes the account in BigInt.
 */
let overflowed = false;

/**
 * trunc(x / d) for x >= 0, d > 0, exactly: an f64 estimate corrected by the remainder. Much faster than
 * i64.div_s on this hardware; the correction loops make it exact whatever the estimate's error.
 */
@inline function udiv(x: i64, d: i64): i64 {
  return umulDiv(x, 1, d);
}

/** Correction steps allowed after an f64 estimate (bound everything): beyond it the host recomputes. */
const MAX_CORRECTION: i32 = 64;

/**
 * trunc(x*y / d) for x, y >= 0, d > 0, exact whenever the quotient fits i64: an f64 estimate of the
 * quotient, then the remainder `x*y - q*d` in wrapping i64 arithmetic. The true remainder is within a few
 * `d` of zero, so the wrapped value is the true one even when `x*y` itself overflows; the loops correct q.
 * `2^63 / d` must exceed the quotient (the caller's bounds guarantee it, or it checks the estimate first).
 */
@inline function umulDiv(x: i64, y: i64, d: i64): i64 {
  let q = <i64>((<f64>x * <f64>y) / <f64>d);
  let r = x * y - q * d;
  let steps = 0;
  while (r < 0) {
    q--;
    r += d;
    if (++steps > MAX_CORRECTION) overflowed = true;
  }
  while (r >= d) {
    q++;
    r -= d;
    if (++steps > MAX_CORRECTION) overflowed = true;
  }
  return q;
}

/** trunc(a*b / d) for d > 0, signs handled like BN (truncation toward zero). */
function mulDiv(a: i64, b: i64, d: i64): i64 {
  const r = umulDiv(iabs(a), iabs(b), d);
  return (a < 0) != (b < 0) ? -r : r;
}

/** trunc(pnl * w / 1e4) for a weight w in 1e4 precision; exact shortcut at 100%. */
@inline function weighted(pnl: i64, w: i64): i64 {
  return w == E4 ? pnl : mulDiv(pnl, w, E4);
}

/** trunc(a / d) for d > 0. */
@inline function sdiv(a: i64, d: i64): i64 {
  return a < 0 ? -udiv(-a, d) : udiv(a, d);
}

@inline function mulDivE9(a: i64, b: i64): i64 {
  return mulDiv(a, b, E9);
}

/** trunc(a * 1e6 / d) for d != 0; flags `overflowed` (and returns 0) when the quotient does not fit i64. */
function scaleDivE6(a: i64, d: i64): i64 {
  const x = iabs(a);
  const y = iabs(d);
  if ((<f64>x * 1e6) / <f64>y >= 9.2e18) {
    overflowed = true; // the host recomputes this account in BigInt
    return 0;
  }
  const q = umulDiv(x, E6, y);
  return (a < 0) != (d < 0) ? -q : q;
}

/** Floor square root (the SDK's squareRootBN) for 0 <= n < 2^62. */
function isqrt(n: i64): i64 {
  if (n < 2) return n;
  let x = <i64>Math.sqrt(<f64>n);
  while (x * x > n) x--;
  while ((x + 1) * (x + 1) <= n) x++;
  return x;
}

/** calculateMarketMarginRatio with the bounded size premium; `custom` applies to Initial only. */
function marginRatio(sizeAbs: i64, imf: i64, base: i64, custom: i64, initial: bool): i64 {
  let ratio = base;
  if (imf != 0) {
    const premium = base - base / 5 + (isqrt(sizeAbs * 10 + 1) * imf) / 10_000_000;
    ratio = imax(base, premium);
  }
  return initial ? imax(ratio, custom) : ratio;
}

/** calculateSizeDiscountAssetWeight on positive unrealised PnL. */
function discountWeight(pnl: i64, imf: i64, weight: i64): i64 {
  if (imf == 0) return weight;
  const s = isqrt(iabs(pnl) * 10 + 1);
  return imin(weight, (1_100_000 * E4) / (E6 + (s * imf) / 100_000));
}

/** Unrealised PnL with unsettled funding (calculatePositionPNL withFunding). */
function positionPnl(pos: usize, capP: i32, p: i32, base: i64, liability: i64): i64 {
  const quote = ld(pos, capP, 1, p);
  if (base == 0) return quote;
  const delta = (base > 0 ? ld(pos, capP, 11, p) : ld(pos, capP, 12, p)) - ld(pos, capP, 2, p);
  const funding = delta == 0 ? 0 : -sdiv(mulDivE9(delta, base), 1000);
  return (base < 0 ? -liability : liability) + quote + funding;
}

/** Math.round(clamp((1 - mmr/tc) * 100, 0, 100)) as the SDK computes it, in f64. */
function health(tc: i64, mmr: i64): i64 {
  if (mmr == 0 && tc >= 0) return 100;
  if (tc <= 0) return 0;
  let x = (1.0 - <f64>mmr / <f64>tc) * 100.0;
  x = Math.min(100.0, Math.max(0.0, x));
  const f = Math.floor(x);
  return <i64>(x - f >= 0.5 ? f + 1.0 : f);
}

/** Liquidation price of one position given the account's maintenance free collateral. */
function liquidationPrice(pos: usize, capP: i32, p: i32, base: i64, freeMaint: i64): i64 {
  if (base == 0) return -1;
  const ratio = marginRatio(iabs(base), ld(pos, capP, 7, p), ld(pos, capP, 6, p), 0, false);
  const ratioQuote = (ratio * E6) / E4;
  const delta = base > 0 ? mulDivE9(E6 - ratioQuote, base) : mulDivE9(-E6 - ratioQuote, iabs(base));
  if (delta == 0) return -1;
  const price = ld(pos, capP, 4, p) - scaleDivE6(freeMaint, delta);
  return price < 0 ? -1 : price;
}

/** The heap base: the host lays out its arrays from here (16-byte aligned). */
export function heapBase(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

/**
 * Health only (what `User.getHealth()` computes): writes outputs 0 (maintenance total collateral),
 * 2 (maintenance requirement), 4 (health) and 7 (overflow flag) for accounts [0, n); the other outputs
 * are left untouched. Uses the scratch area after the liquidation prices (3 x (capP + 1) i64 cells).
 * An account with a product the one-step correction missed is recomputed the general way.
 */
export function evaluateHealth(n: i32, acc: usize, capA: i32, pos: usize, capP: i32, out: usize): i32 {
  if (n <= 0) return n;
  const first = <i32>ld(acc, capA, 3, 0);
  const cap1 = capP + 1;
  const scr = out + ((<usize>ACC_FIELDS * <usize>capA + <usize>capP) << 3);
  positionSums(first, <i32>ld(acc, capA, 4, n - 1), pos, capP, scr, cap1);
  for (let a = 0; a < n; a++) {
    // trunc(trunc(s*i/1e9)/1e4) = trunc(s*i/1e13) for s, i >= 0
    const usdc = umulDivKB(ld(acc, capA, 0, a), ld(acc, capA, 1, a), 10_000_000_000_000, 1e-13);
    const start = <i32>ld(acc, capA, 3, a) - first;
    const end = <i32>ld(acc, capA, 4, a) - first;
    const tc = (usdc & VALUE_BITS) + (ld(scr, cap1, 0, end) - ld(scr, cap1, 0, start));
    const mmr = ld(scr, cap1, 1, end) - ld(scr, cap1, 1, start);
    if ((usdc < 0) | (ld(scr, cap1, 2, end) != ld(scr, cap1, 2, start))) {
      healthAccount(a, acc, capA, pos, capP, out); // a product needed more than one correction step
    } else {
      st(out, capA, 0, a, tc);
      st(out, capA, 2, a, mmr);
      st(out, capA, 4, a, healthFast(tc, mmr));
      st(out, capA, 7, a, 0);
    }
  }
  return n;
}

/** Health only for account `a`, the general way (per-product f64 division and correction loops). */
function healthAccount(a: i32, acc: usize, capA: i32, pos: usize, capP: i32, out: usize): void {
  overflowed = false;
  const usdc = sdiv(mulDivE9(ld(acc, capA, 0, a), ld(acc, capA, 1, a)), E4);
  const start = <i32>ld(acc, capA, 3, a);
  const end = <i32>ld(acc, capA, 4, a);
  let tc = usdc;
  let mmr: i64 = 0;
  for (let p = start; p < end; p++) {
    const base = ld(pos, capP, 0, p);
    if (base == 0 && ld(pos, capP, 1, p) == 0) continue;
    const baseAbs = iabs(base);
    const liability = mulDivE9(baseAbs, ld(pos, capP, 4, p));
    mmr += mulDiv(liability, marginRatio(baseAbs, ld(pos, capP, 7, p), ld(pos, capP, 6, p), 0, false), E4);
    const pnl = positionPnl(pos, capP, p, base, liability);
    tc += pnl > 0 ? weighted(pnl, ld(pos, capP, 9, p)) : pnl;
  }
  st(out, capA, 0, a, tc);
  st(out, capA, 2, a, mmr);
  st(out, capA, 4, a, health(tc, mmr));
  st(out, capA, 7, a, overflowed ? 1 : 0);
}

/** Evaluate accounts [0, n): see the layout above. Returns the number of accounts evaluated. */
export function evaluate(n: i32, acc: usize, capA: i32, pos: usize, capP: i32, out: usize): i32 {
  for (let a = 0; a < n; a++) evaluateAccount(a, acc, capA, pos, capP, out);
  return n;
}

function evaluateAccount(a: i32, acc: usize, capA: i32, pos: usize, capP: i32, out: usize): void {
  overflowed = false;
  const usdc = sdiv(mulDivE9(ld(acc, capA, 0, a), ld(acc, capA, 1, a)), E4);
  const userCustom = ld(acc, capA, 2, a);
  const start = <i32>ld(acc, capA, 3, a);
  const end = <i32>ld(acc, capA, 4, a);
  let tcM = usdc;
  let tcI = usdc;
  let mmr: i64 = 0;
  let imr: i64 = 0;
  let liabilityTotal: i64 = 0;
  let pnlTotal: i64 = 0;
  for (let p = start; p < end; p++) {
    const base = ld(pos, capP, 0, p);
    if (base == 0 && ld(pos, capP, 1, p) == 0) continue;
    const baseAbs = iabs(base);
    const liability = mulDivE9(baseAbs, ld(pos, capP, 4, p));
    const imf = ld(pos, capP, 7, p);
    const custom = imax(userCustom, ld(pos, capP, 3, p));
    mmr += mulDiv(liability, marginRatio(baseAbs, imf, ld(pos, capP, 6, p), 0, false), E4);
    imr += mulDiv(liability, marginRatio(baseAbs, imf, ld(pos, capP, 5, p), custom, true), E4);
    const pnl = positionPnl(pos, capP, p, base, liability);
    liabilityTotal += liability;
    pnlTotal += pnl;
    if (pnl > 0) {
      tcM += weighted(pnl, ld(pos, capP, 9, p));
      tcI += weighted(pnl, discountWeight(pnl, ld(pos, capP, 10, p), ld(pos, capP, 8, p)));
    } else {
      tcM += pnl;
      tcI += pnl;
    }
  }
  const net = usdc + pnlTotal;
  st(out, capA, 0, a, tcM);
  st(out, capA, 1, a, tcI);
  st(out, capA, 2, a, mmr);
  st(out, capA, 3, a, imr);
  st(out, capA, 4, a, health(tcM, mmr));
  st(out, capA, 5, a, net == 0 ? 0 : net < 0 ? -umulDiv(liabilityTotal, E4, -net) : umulDiv(liabilityTotal, E4, net));
  st(out, capA, 6, a, imax(0, tcI - imr));
  const freeMaint = imax(0, tcM - mmr);
  const liq = out + ((<usize>ACC_FIELDS * <usize>capA) << 3);
  for (let p = start; p < end; p++) {
    const base = ld(pos, capP, 0, p);
    store<i64>(liq + (<usize>p << 3), liquidationPrice(pos, capP, p, base, freeMaint));
  }
  st(out, capA, 7, a, overflowed ? 1 : 0);
}
export { evaluateLive, evaluateLiveHealth } from './live';
