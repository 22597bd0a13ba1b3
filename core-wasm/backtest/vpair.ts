/**
 * The f64x2 kernel's per-pair state outside the registers (see simd.ts and docs/kernel.md):
 * SCRATCH (a pair's position and ledger vectors, also the exchange area with the scalar lane),
 * PAIR (lane constants, values derived from contracts/entry, the health filter's qMax/qd), ACC
 * (the double-buffered daily accumulators), the constant vectors K, and the vector health helpers.
 */
import { P_M_LONG, P_M_SHORT, P_MODEL, P_ONE_MINUS_ML, P_ONE_PLUS_MS, P_TRANSFER, P_TRIG_L, P_TRIG_S } from './layout';
import {
  fieldPtr, loadParams, loadRare, maxDD, minHL, minHS, nReb, peak, sContracts, sDebt, sEntry, sMargin,
  sSol, wBorrow, wFunding, wLend, wPrice, wTransfer,
} from './lane';

/** Spill area for a lane pair's vector state: 15 fields x 2 lanes. */
export const SCRATCH: usize = memory.data(15 * 16, 16);

export function toScratch(i: i32): void {
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
export function fromScratch(i: i32, par: usize, out: usize, stride: i32, lane: i32): void {
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

@inline export function sel(a: v128, b: v128, mask: v128): v128 {
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
export const DOWN: f64 = 1 - 1e-12;
export const UP: f64 = 1 + 1e-12;

/** Constant vectors, loaded where used (a load is cheaper than a spilled register or a rebuilt constant). */
export const K: usize = memory.data<f64>([DOWN, DOWN, UP, UP, 1, 1, 0.5, 0.5, 100, 100, Infinity, Infinity], 16);
export const K_DOWN: usize = 0;
export const K_UP: usize = 16;
export const K_ONE: usize = 32;
export const K_HALF: usize = 48;
export const K_HUNDRED: usize = 64;
export const K_INF: usize = 80;

/**
 * Per-pair values the day loop reads from memory instead of holding in registers: lane
 * constants, values derived from the position fields that change only on the scalar path
 * (contracts, entry), and the health filter's qMax / qd.
 */
export const PAIR: usize = memory.data(17 * 16, 16);
export const A_ML: usize = 0;
export const A_MS: usize = 16;
export const A_TRIG_L: usize = 32; // trigger, NaN for static lanes (so `n >= trig*e` never fires)
export const A_TRIG_S: usize = 48;
export const A_OML_DOWN: usize = 64; // (1 - mLong)*DOWN: the long liquidation-price filter
export const A_PS_DEN: usize = 80; // contracts*(1 + mShort)
export const A_PS_DEN_UP: usize = 96; // psDen*UP: the short liquidation-price filter
export const A_CE: usize = 112; // contracts*entry
export const A_MANAGED: usize = 128; // mask: model != static
export const A_ROTATION: usize = 144; // mask: model == rotation
export const A_TC: usize = 160;
export const A_QMAX_L: usize = 176;
export const A_QMAX_S: usize = 192;
export const A_QD_L: usize = 208; // min(qMax*DOWN, 1)
export const A_QD_S: usize = 224;
export const A_ONE_PLUS_MS: usize = 240;
export const A_FIRE: usize = 256; // the day's trigger mask, for the commit

// Position and ledger fields that live in SCRATCH (not in registers) during the day loop.
export const S_CONTRACTS: usize = 32;
export const S_ENTRY: usize = 48;
export const S_LEND: usize = 80;
export const S_BORROW: usize = 96;
export const S_FUNDING: usize = 112;
export const S_PRICE: usize = 128;
export const S_TRANSFER: usize = 144;

/**
 * The four daily ledger accumulators (lend, borrow, funding, price PnL), double-buffered: day t
 * reads slot `acc` and writes its sums to the other slot as soon as they are computed (so their
 * operands need not survive to the commit); committing the day flips `acc`, a replay keeps it.
 */
export const ACC: usize = memory.data(128, 16);
export const ACC_FLIP: usize = 2 * ACC + 64; // other slot = ACC_FLIP - acc

export function accToScratch(acc: usize): void {
  for (let k: usize = 0; k < 64; k += 16) v128.store(SCRATCH + S_LEND + k, v128.load(acc + k));
}

export function accFromScratch(acc: usize): void {
  for (let k: usize = 0; k < 64; k += 16) v128.store(acc + k, v128.load(SCRATCH + S_LEND + k));
}
export const S_REB: usize = 160;
export const S_MIN_HL: usize = 176;
export const S_MIN_HS: usize = 192;
export const S_MAX_DD: usize = 224;

@inline export function kv(off: usize): v128 {
  return v128.load(K + off);
}

@inline export function pv(off: usize): v128 {
  return v128.load(PAIR + off);
}

/** Values derived from contracts and entry (after the pair starts and after each replay). */
export function derivePosition(): void {
  const contracts = v128.load(SCRATCH, S_CONTRACTS);
  const psDen = f64x2.mul(contracts, pv(A_ONE_PLUS_MS));
  v128.store(PAIR + A_PS_DEN, psDen);
  v128.store(PAIR + A_PS_DEN_UP, f64x2.mul(psDen, kv(K_UP)));
  v128.store(PAIR + A_CE, f64x2.mul(contracts, v128.load(SCRATCH, S_ENTRY)));
}

export function setupPair(par: usize, stride: i32, j: i32): void {
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
@inline export function vHealthQ(E: v128, q: v128): v128 {
  const zero = f64x2.splat(0);
  const hundred = kv(K_HUNDRED);
  const h = f64x2.mul(hundred, f64x2.sub(kv(K_ONE), q));
  // pmin(h, 100) is `100 < h ? 100 : h`, pmax(x, 0) is `x < 0 ? 0 : x` (NaN and -0 as the ternaries).
  return v128.andnot(f64x2.pmax(f64x2.pmin(h, hundred), zero), f64x2.le(E, zero));
}

/** One leg's exact health: fold it into the minimum (SCRATCH `sMin`) and q into qMax / qd. */
@inline export function foldLeg(E: v128, a: v128, sMin: usize, aQMax: usize, aQd: usize): void {
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
@inline export function healthSkip(EL: v128, ES: v128, aL: v128, aS: v128): v128 {
  // |a| < qd*E implies E > 0 (qd >= 0) and a < qd*E, without a compare for E > 0.
  const skipL = f64x2.lt(f64x2.abs(aL), f64x2.mul(pv(A_QD_L), EL));
  const skipS = f64x2.lt(f64x2.abs(aS), f64x2.mul(pv(A_QD_S), ES));
  return v128.and(skipL, skipS);
}
