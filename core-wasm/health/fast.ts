// The health-only fast path (evaluateHealth in index.ts): branch-free exact integer math for the
// products with constant divisors, and the flat pass over all positions of a batch.
//
// Why this shape (measured, docs/health-paper-strategy.md): bench accounts are random, so every branch on
// a position's side, IMF or PnL sign mispredicts; V8's i64.trunc_sat_f64_s costs a round, two conversions
// and a branch; f64 division is slow. So: reciprocal multiplication and add-magic rounding for estimates,
// a one-step branch-free correction by the exact remainder, selects instead of branches, no calls in the
// loop (an account whose estimate was off by more than one is recomputed the general way), two positions
// per step with their stages interleaved by hand (one position's dependency chain is longer than the
// out-of-order window), and per-account sums as differences of prefix sums (no per-account loop exits).
import { E4, E9, iabs, imax, ld, st } from './mem';

/** 1.5 x 2^52: adding it to 0 <= v < 2^51 leaves round(v) in the low mantissa bits. */
export const ROUND_MAGIC: f64 = 6755399441055744.0;
export const ROUND_MAGIC_BITS: i64 = 0x4338000000000000;

/**
 * round(v) for 0 <= v < 2^51 by the add-magic trick: one add and a bit move, where V8's i64.trunc_sat
 * costs a round, two conversions, a compare and a branch on the critical path.
 */
@inline export function roundSmall(v: f64): i64 {
  return reinterpret<i64>(v + ROUND_MAGIC) - ROUND_MAGIC_BITS;
}

export const VALUE_BITS: i64 = 0x7fffffffffffffff;

/**
 * trunc(x*y / d) for x, y >= 0, a constant d > 0 with `inv = 1/d`, and a quotient the host's KERNEL_BOUNDS
 * keep below 2^50, branch-free: the estimate multiplies by the reciprocal and rounds with roundSmall; its
 * error is within one unit, so the exact remainder (wrapping i64, exact because the estimate is close)
 * corrects it in one step. The sign bit of the result is set when one step did not suffice (callers
 * mask with VALUE_BITS and recompute the account the general way).
 */
@inline export function umulDivKB(x: i64, y: i64, d: i64, inv: f64): i64 {
  const q = roundSmall(<f64>x * <f64>y * inv);
  const r = x * y - q * d;
  const bad = <i64>(<u64>(r + d) >= <u64>(3 * d));
  return (q - <i64>(r < 0) + <i64>(r >= d)) | (bad << 63);
}

/**
 * Floor square root for 1 <= n <= 5e18 + 1 (|base| x 10 + 1 under KERNEL_BOUNDS), branch-free: sqrt of
 * f64(n) is within 1e-6 of the true root k (relative error ~2^-53 on a root below 2.3e9), so rounding it
 * gives k or k + 1, and one step down then one step up lands on k exactly ((k + 2)^2 still fits i64).
 */
@inline export function isqrtFast(n: i64): i64 {
  let x = roundSmall(Math.sqrt(<f64>n));
  x -= <i64>(x * x > n);
  return x + <i64>((x + 1) * (x + 1) <= n);
}

/** Math.round(clamp((1 - mmr/tc) * 100, 0, 100)) as the SDK computes it, in f64, with selects. */
@inline export function healthFast(tc: i64, mmr: i64): i64 {
  const one: i64 = 1;
  let x = (1.0 - <f64>mmr / <f64>(tc > 0 ? tc : one)) * 100.0;
  x = Math.min(100.0, Math.max(0.0, x));
  const f = Math.floor(x);
  const h = <i64>(x - f >= 0.5 ? f + 1.0 : f);
  return mmr == 0 && tc >= 0 ? 100 : tc <= 0 ? 0 : h;
}


/**
 * Health-only pass 1, over the batch's positions [first, last) as one flat run (the host lays accounts'
 * positions out contiguously): prefix sums, at scr + (f*cap1 + k)*8 for k = p - first in [0, last - first],
 * of each position's maintenance collateral contribution (f 0: weighted positive PnL or the loss), margin
 * requirement (f 1) and count of products whose one-step correction did not suffice (f 2). Branch-free
 * (random signs, IMF and PnL signs would mispredict); a closed position with no quote contributes 0. Two
 * positions per step, their stages interleaved so the out-of-order core overlaps their long dependency
 * chains (one position's chain is longer than the reorder window holds). Sums wrap; the differences the
 * accounts take are exact since each account's true sum fits i64.
 */
export function positionSums(first: i32, last: i32, pos: usize, capP: i32, scr: usize, cap1: i32): void {
  let tc: i64 = 0;
  let mmr: i64 = 0;
  let bad: i64 = 0;
  let p = first;
  for (; p + 1 < last; p += 2) {
    const p0 = p;
    const p1 = p + 1;
    const k0 = p - first;
    const k1 = k0 + 1;
    const base0 = ld(pos, capP, 0, p0);
    const base1 = ld(pos, capP, 0, p1);
    const baseAbs0 = iabs(base0);
    const baseAbs1 = iabs(base1);
    const price0 = ld(pos, capP, 4, p0);
    const price1 = ld(pos, capP, 4, p1);
    const n0 = baseAbs0 * 10 + 1;
    const n1 = baseAbs1 * 10 + 1;
    const liabilityV0 = <f64>(baseAbs0) * <f64>(price0) * 1e-9;
    const liabilityV1 = <f64>(baseAbs1) * <f64>(price1) * 1e-9;
    const liabilityQ0 = roundSmall(liabilityV0);
    const liabilityQ1 = roundSmall(liabilityV1);
    const liabilityR0 = (baseAbs0) * (price0) - liabilityQ0 * E9;
    const liabilityR1 = (baseAbs1) * (price1) - liabilityQ1 * E9;
    const liability0 = liabilityQ0 - <i64>(liabilityR0 < 0) + <i64>(liabilityR0 >= E9);
    const liability1 = liabilityQ1 - <i64>(liabilityR1 < 0) + <i64>(liabilityR1 >= E9);
    const s0 = isqrtFast(n0);
    const s1 = isqrtFast(n1);
    const cum0 = base0 > 0 ? ld(pos, capP, 11, p0) : ld(pos, capP, 12, p0);
    const cum1 = base1 > 0 ? ld(pos, capP, 11, p1) : ld(pos, capP, 12, p1);
    const delta0 = cum0 - ld(pos, capP, 2, p0);
    const delta1 = cum1 - ld(pos, capP, 2, p1);
    const deltaAbs0 = iabs(delta0);
    const deltaAbs1 = iabs(delta1);
    const fV0 = <f64>(deltaAbs0) * <f64>(baseAbs0) * 1e-12;
    const fV1 = <f64>(deltaAbs1) * <f64>(baseAbs1) * 1e-12;
    const fQ0 = roundSmall(fV0);
    const fQ1 = roundSmall(fV1);
    const fR0 = (deltaAbs0) * (baseAbs0) - fQ0 * 1_000_000_000_000;
    const fR1 = (deltaAbs1) * (baseAbs1) - fQ1 * 1_000_000_000_000;
    const f0 = fQ0 - <i64>(fR0 < 0) + <i64>(fR0 >= 1_000_000_000_000);
    const f1 = fQ1 - <i64>(fR1 < 0) + <i64>(fR1 >= 1_000_000_000_000);
    const imf0 = ld(pos, capP, 7, p0);
    const imf1 = ld(pos, capP, 7, p1);
    const premiumV0 = <f64>(s0) * <f64>(imf0) * 1e-7;
    const premiumV1 = <f64>(s1) * <f64>(imf1) * 1e-7;
    const premiumQ0 = roundSmall(premiumV0);
    const premiumQ1 = roundSmall(premiumV1);
    const premiumR0 = (s0) * (imf0) - premiumQ0 * 10_000_000;
    const premiumR1 = (s1) * (imf1) - premiumQ1 * 10_000_000;
    const premium0 = premiumQ0 - <i64>(premiumR0 < 0) + <i64>(premiumR0 >= 10_000_000);
    const premium1 = premiumQ1 - <i64>(premiumR1 < 0) + <i64>(premiumR1 >= 10_000_000);
    const pnl0 = (base0 < 0 ? -liability0 : liability0) + ld(pos, capP, 1, p0) + ((delta0 < 0) != (base0 < 0) ? f0 : -f0);
    const pnl1 = (base1 < 0 ? -liability1 : liability1) + ld(pos, capP, 1, p1) + ((delta1 < 0) != (base1 < 0) ? f1 : -f1);
    const gain0 = imax(pnl0, 0);
    const gain1 = imax(pnl1, 0);
    const w0 = ld(pos, capP, 9, p0);
    const w1 = ld(pos, capP, 9, p1);
    const weightedV0 = <f64>(gain0) * <f64>(w0) * 1e-4;
    const weightedV1 = <f64>(gain1) * <f64>(w1) * 1e-4;
    const weightedQ0 = roundSmall(weightedV0);
    const weightedQ1 = roundSmall(weightedV1);
    const weightedR0 = (gain0) * (w0) - weightedQ0 * E4;
    const weightedR1 = (gain1) * (w1) - weightedQ1 * E4;
    const weighted0 = weightedQ0 - <i64>(weightedR0 < 0) + <i64>(weightedR0 >= E4);
    const weighted1 = weightedQ1 - <i64>(weightedR1 < 0) + <i64>(weightedR1 >= E4);
    const ratioBase0 = ld(pos, capP, 6, p0);
    const ratioBase1 = ld(pos, capP, 6, p1);
    const ratio0 = imax(ratioBase0, ratioBase0 - <i64>(<u32>ratioBase0 / 5) + premium0);
    const ratio1 = imax(ratioBase1, ratioBase1 - <i64>(<u32>ratioBase1 / 5) + premium1);
    const marginV0 = <f64>(liability0) * <f64>(ratio0) * 1e-4;
    const marginV1 = <f64>(liability1) * <f64>(ratio1) * 1e-4;
    const marginQ0 = roundSmall(marginV0);
    const marginQ1 = roundSmall(marginV1);
    const marginR0 = (liability0) * (ratio0) - marginQ0 * E4;
    const marginR1 = (liability1) * (ratio1) - marginQ1 * E4;
    const margin0 = marginQ0 - <i64>(marginR0 < 0) + <i64>(marginR0 >= E4);
    const margin1 = marginQ1 - <i64>(marginR1 < 0) + <i64>(marginR1 >= E4);
    const bad0 = (<u64>(liabilityR0 + E9) >= <u64>(3 * E9)) | (<u64>(fR0 + 1_000_000_000_000) >= <u64>(3 * 1_000_000_000_000)) | (<u64>(premiumR0 + 10_000_000) >= <u64>(3 * 10_000_000)) | (weightedV0 >= 2251799813685248.0) | (<u64>(weightedR0 + E4) >= <u64>(3 * E4)) | (marginV0 >= 2251799813685248.0) | (<u64>(marginR0 + E4) >= <u64>(3 * E4));
    const bad1 = (<u64>(liabilityR1 + E9) >= <u64>(3 * E9)) | (<u64>(fR1 + 1_000_000_000_000) >= <u64>(3 * 1_000_000_000_000)) | (<u64>(premiumR1 + 10_000_000) >= <u64>(3 * 10_000_000)) | (weightedV1 >= 2251799813685248.0) | (<u64>(weightedR1 + E4) >= <u64>(3 * E4)) | (marginV1 >= 2251799813685248.0) | (<u64>(marginR1 + E4) >= <u64>(3 * E4));
    st(scr, cap1, 0, k0, tc);
    st(scr, cap1, 1, k0, mmr);
    st(scr, cap1, 2, k0, bad);
    tc += pnl0 > 0 ? weighted0 : pnl0;
    mmr += margin0;
    bad += <i64>bad0;
    st(scr, cap1, 0, k1, tc);
    st(scr, cap1, 1, k1, mmr);
    st(scr, cap1, 2, k1, bad);
    tc += pnl1 > 0 ? weighted1 : pnl1;
    mmr += margin1;
    bad += <i64>bad1;
  }
  if (p < last) {
    const p0 = p;
    const k0 = p - first;
    const base0 = ld(pos, capP, 0, p0);
    const baseAbs0 = iabs(base0);
    const price0 = ld(pos, capP, 4, p0);
    const n0 = baseAbs0 * 10 + 1;
    const liabilityV0 = <f64>(baseAbs0) * <f64>(price0) * 1e-9;
    const liabilityQ0 = roundSmall(liabilityV0);
    const liabilityR0 = (baseAbs0) * (price0) - liabilityQ0 * E9;
    const liability0 = liabilityQ0 - <i64>(liabilityR0 < 0) + <i64>(liabilityR0 >= E9);
    const s0 = isqrtFast(n0);
    const cum0 = base0 > 0 ? ld(pos, capP, 11, p0) : ld(pos, capP, 12, p0);
    const delta0 = cum0 - ld(pos, capP, 2, p0);
    const deltaAbs0 = iabs(delta0);
    const fV0 = <f64>(deltaAbs0) * <f64>(baseAbs0) * 1e-12;
    const fQ0 = roundSmall(fV0);
    const fR0 = (deltaAbs0) * (baseAbs0) - fQ0 * 1_000_000_000_000;
    const f0 = fQ0 - <i64>(fR0 < 0) + <i64>(fR0 >= 1_000_000_000_000);
    const imf0 = ld(pos, capP, 7, p0);
    const premiumV0 = <f64>(s0) * <f64>(imf0) * 1e-7;
    const premiumQ0 = roundSmall(premiumV0);
    const premiumR0 = (s0) * (imf0) - premiumQ0 * 10_000_000;
    const premium0 = premiumQ0 - <i64>(premiumR0 < 0) + <i64>(premiumR0 >= 10_000_000);
    const pnl0 = (base0 < 0 ? -liability0 : liability0) + ld(pos, capP, 1, p0) + ((delta0 < 0) != (base0 < 0) ? f0 : -f0);
    const gain0 = imax(pnl0, 0);
    const w0 = ld(pos, capP, 9, p0);
    const weightedV0 = <f64>(gain0) * <f64>(w0) * 1e-4;
    const weightedQ0 = roundSmall(weightedV0);
    const weightedR0 = (gain0) * (w0) - weightedQ0 * E4;
    const weighted0 = weightedQ0 - <i64>(weightedR0 < 0) + <i64>(weightedR0 >= E4);
    const ratioBase0 = ld(pos, capP, 6, p0);
    const ratio0 = imax(ratioBase0, ratioBase0 - <i64>(<u32>ratioBase0 / 5) + premium0);
    const marginV0 = <f64>(liability0) * <f64>(ratio0) * 1e-4;
    const marginQ0 = roundSmall(marginV0);
    const marginR0 = (liability0) * (ratio0) - marginQ0 * E4;
    const margin0 = marginQ0 - <i64>(marginR0 < 0) + <i64>(marginR0 >= E4);
    const bad0 = (<u64>(liabilityR0 + E9) >= <u64>(3 * E9)) | (<u64>(fR0 + 1_000_000_000_000) >= <u64>(3 * 1_000_000_000_000)) | (<u64>(premiumR0 + 10_000_000) >= <u64>(3 * 10_000_000)) | (weightedV0 >= 2251799813685248.0) | (<u64>(weightedR0 + E4) >= <u64>(3 * E4)) | (marginV0 >= 2251799813685248.0) | (<u64>(marginR0 + E4) >= <u64>(3 * E4));
    st(scr, cap1, 0, k0, tc);
    st(scr, cap1, 1, k0, mmr);
    st(scr, cap1, 2, k0, bad);
    tc += pnl0 > 0 ? weighted0 : pnl0;
    mmr += margin0;
    bad += <i64>bad0;
  }
  const k = last - first;
  st(scr, cap1, 0, k, tc);
  st(scr, cap1, 1, k, mmr);
  st(scr, cap1, 2, k, bad);
}
