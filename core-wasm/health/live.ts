// The live-account figures kernel: engine/health/liveMargin.ts (itself a transcription of @drift-labs/sdk
// 2.156.0 User: getMarginCalculation, getHealth, getLiquidationStatuses, getLeverage, getUnrealizedPNL,
// liquidationPrice) for many accounts per call, i64 integer math, every division truncating like BN.div.
// Covers spot deposits and borrows in any market, open orders, the MM oracle, status bits and the liquidation
// buffer, high-leverage mode, custom margin ratios, strict pricing (live spot TWAP precomputed per market by
// the host), the liquidation price's same-oracle spot delta. An account whose quotient does not fit i64 is
// flagged (out field 10) and the host recomputes it with the BigInt reference.
//
// Memory layout (struct-of-arrays, every cell an i64, laid out by engine/drift/figuresKernel.ts; `cap*` are
// the tables' capacities). Markets are written once per batch; positions refer to their market's row.
//   acc   + (f*capA + a)*8: 0 status  1 marginMode (0 default, 1 highLeverage, 2 highLeverageMaintenance)
//         2 user maxMarginRatio  3 liquidation buffer (0 unless being liquidated)  4 perpStart  5 perpEnd
//         6 spotStart  7 spotEnd   (an account's rows are [start, end) of the position tables)
//   perp  + (f*capP + p)*8, active perp positions: 0 base 1 quote 2 lastCumulativeFundingRate 3 openBids
//         4 openAsks 5 openOrders 6 position maxMarginRatio 7 perp market row 8 spot row of the same-oracle
//         balance (-1 none) 9 its oracle-source multiple, numerator 10 denominator
//   pmkt  + (f*capPM + m)*8, perp markets: 0 oracle 1 MM oracle 2 marginRatioInitial 3 marginRatioMaintenance
//         4 HL initial 5 HL maintenance 6 imfFactor 7 uPnL initial weight (after the imbalance haircut)
//         8 uPnL maintenance weight 9 uPnL imfFactor 10 cumulativeFundingRateLong 11 cumulativeFundingRateShort
//         12 quote oracle 13 quote stored 5-min TWAP
//   spot  + (f*capS + s)*8, active spot positions: 0 scaledBalance 1 isBorrow 2 openBids 3 openAsks
//         4 openOrders 5 spot market row
//   smkt  + (f*capSM + m)*8, spot markets: 0 marketIndex 1 decimals 2 oracle 3 live 5-min TWAP
//         4 cumulativeDepositInterest 5 cumulativeBorrowInterest 6 scaled initial asset weight
//         7 maintenance asset weight 8 initial liability weight 9 maintenance liability weight 10 imfFactor
//         11 10^decimals 12 10^(19 - decimals)
//   out   + (f*capA + a)*8: 0 health 1 canBeLiquidated 2 total collateral (maintenance) 3 total collateral
//         (initial) 4 maintenance requirement 5 initial requirement (strict) 6 free collateral (strict)
//         7 leverage 8 unrealized PnL 9 without funding 10 flag (1: recompute with the reference)
//   out   + (11*capA + p)*8: liquidation price of perp row p (-1 none)

import { E4, E6, E9, iabs, imax, imin, ld, st } from './mem';
import { clearFlag, flagged, isqrt10, mulDiv, mulDivK, raise, umulDiv, umulDivCeil, umulDivK } from './exact';

const OUT_FIELDS: i32 = 11;
const OOMR: i64 = 10_000;
const INITIAL: i32 = 0;
const MAINTENANCE: i32 = 1;
const NONE: i32 = 2;

let PERP: usize = 0;
let CAPP: i32 = 0;
let PMKT: usize = 0;
let CAPPM: i32 = 0;
let SPOT: usize = 0;
let CAPS: i32 = 0;
let SMKT: usize = 0;
let CAPSM: i32 = 0;

/** Field f of perp position row p. */
@inline function pp(f: i32, p: i32): i64 {
  return ld(PERP, CAPP, f, p);
}
/** Field f of the market of perp position row p. */
@inline function pm(f: i32, p: i32): i64 {
  return ld(PMKT, CAPPM, f, <i32>ld(PERP, CAPP, 7, p));
}
/** Field f of spot position row s. */
@inline function sp(f: i32, s: i32): i64 {
  return ld(SPOT, CAPS, f, s);
}
/** Field f of the market of spot position row s. */
@inline function sm(f: i32, s: i32): i64 {
  return ld(SMKT, CAPSM, f, <i32>ld(SPOT, CAPS, 5, s));
}

// Per-account scratch (an account has at most 8 spot and 8 perp rows): quantities every pass needs, computed
// once per account by `prepare` instead of once per pass.
const SCRATCH_ROWS: i32 = 8;
const TOKEN = memory.data(SCRATCH_ROWS * 8); // spot token amount, by row - spotStart
const PNL = memory.data(SCRATCH_ROWS * 8); // perp PnL with funding at the MM oracle, by row - perpStart
const PNL_NO_FUNDING = memory.data(SCRATCH_ROWS * 8);
const WORST_BASE = memory.data(SCRATCH_ROWS * 8); // worst-case base with open orders
const WORST_LIABILITY = memory.data(SCRATCH_ROWS * 8);
const LIABILITY = memory.data(SCRATCH_ROWS * 8); // |base| x oracle, no orders
// isqrt10 of |base| and of |worst-case base| when the market has an IMF factor (the size premium of every
// margin pass and of the liquidation price reads one of them; 0 when unused)
const SQRT_BASE = memory.data(SCRATCH_ROWS * 8);
const SQRT_WORST = memory.data(SCRATCH_ROWS * 8);
let spotStart: i32 = 0;
let perpStart: i32 = 0;

@inline function scratch(base: usize, k: i32): i64 {
  return load<i64>(base + (<usize>k << 3));
}

@inline function setScratch(base: usize, k: i32, v: i64): void {
  store<i64>(base + (<usize>k << 3), v);
}

/** Token amount of spot row s of the current account (from the scratch). */
@inline function token(s: i32): i64 {
  return scratch(TOKEN, s - spotStart);
}

let tc: i64 = 0;
let mr: i64 = 0;
let wcAmount: i64 = 0;
let wcOrders: i64 = 0;
let wBase: i64 = 0;
let wLiability: i64 = 0;

function sizeDiscount(size: i64, imf: i64, w: i64): i64 {
  if (imf == 0) return w;
  const s = isqrt10(iabs(size));
  return imin(w, (1_100_000 * E4) / (E6 + (s * imf) / 100_000));
}

function sizePremium(sizeAbs: i64, imf: i64, w: i64, bounded: bool): i64 {
  if (imf == 0) return w;
  return sizePremiumSqrt(isqrt10(sizeAbs), imf, w, bounded);
}

/** sizePremium with isqrt10(size) already computed (`sq`), imf != 0. */
@inline function sizePremiumSqrt(sq: i64, imf: i64, w: i64, bounded: bool): i64 {
  const p = w - w / 5 + (sq * imf) / 10_000_000;
  return bounded ? imax(w, p) : p;
}

/** PnL of perp row p of the current account, from the scratch. */
@inline function perpPnl(p: i32, withFunding: bool): i64 {
  return scratch(withFunding ? PNL : PNL_NO_FUNDING, p - perpStart);
}

// ---- spot ----

function tokenAmount(s: i32): i64 {
  const scaled = sp(0, s);
  const decrease = sm(12, s);
  if (sp(1, s) == 0) return umulDiv(scaled, sm(4, s), decrease);
  return -umulDivCeil(scaled, sm(5, s), decrease);
}

@inline function priceFor(s: i32, amount: i64, strict: bool): i64 {
  const cur = sm(2, s);
  if (!strict) return cur;
  const twap = sm(3, s);
  return amount >= 0 ? imin(twap, cur) : imax(twap, cur);
}

function strictValue(s: i32, amount: i64, strict: bool): i64 {
  if (amount == 0) return 0;
  return mulDiv(amount, priceFor(s, amount, strict), sm(11, s));
}

function sizeInAmm(s: i32, amount: i64): i64 {
  const precision = sm(11, s);
  return precision > E9 ? amount / (precision / E9) : mulDiv(amount, E9, precision);
}

function assetWeight(s: i32, amount: i64, cat: i32): i64 {
  if (cat == NONE) return sm(6, s);
  const w = cat == INITIAL ? sm(6, s) : sm(7, s);
  const imf = sm(10, s);
  return imf == 0 ? w : sizeDiscount(sizeInAmm(s, amount), imf, w);
}

function liabilityWeight(s: i32, amount: i64, cat: i32): i64 {
  if (cat == NONE) return sm(8, s);
  const w = cat == INITIAL ? sm(8, s) : sm(9, s);
  const imf = sm(10, s);
  return imf == 0 ? w : sizePremium(iabs(sizeInAmm(s, amount)), imf, w, true);
}

function assetValue(s: i32, amount: i64, strict: bool, userMr: i64, cat: i32): i64 {
  const v = strictValue(s, amount, strict);
  if (cat == NONE) return v;
  let w = assetWeight(s, amount, cat);
  if (cat == INITIAL && sm(0, s) != 0) w = imin(w, imax(0, E4 - userMr));
  return mulDivK(v, w, E4);
}

/** |getSpotLiabilityValue| */
function liabilityValue(s: i32, amount: i64, strict: bool, userMr: i64, cat: i32, buffer: i64): i64 {
  const v = strictValue(s, amount, strict);
  if (cat == NONE) return iabs(v);
  let w = liabilityWeight(s, amount, cat);
  if (cat == INITIAL && sm(0, s) != 0) w = imax(w, E4 + userMr);
  return iabs(mulDivK(v, w + buffer, E4));
}

function weightedValue(s: i32, amount: i64, value: i64, cat: i32, custom: i64): i64 {
  let w = value >= 0 ? assetWeight(s, amount, cat) : liabilityWeight(s, iabs(amount), cat);
  if (cat == INITIAL && custom != 0 && sm(0, s) != 0) {
    w = value >= 0 ? imin(w, imax(0, E4 - custom)) : imax(w, E4 + custom);
  }
  return mulDivK(value, w, E4);
}

/** getWorstCaseTokenAmounts: sets wcAmount, wcOrders. */
function worstCaseSpot(s: i32, amount: i64, strict: bool, cat: i32, custom: i64, orders: bool): void {
  const bids = sp(2, s);
  const asks = sp(3, s);
  if ((bids == 0 && asks == 0) || !orders) {
    wcAmount = amount;
    wcOrders = 0;
    return;
  }
  const value = strictValue(s, amount, strict);
  const cur = sm(2, s);
  const maxPrice = strict ? imax(sm(3, s), cur) : cur;
  const precision = sm(11, s);
  const bidsOrders = bids == 0 ? 0 : mulDiv(-bids, maxPrice, precision);
  const asksOrders = asks == 0 ? 0 : mulDiv(-asks, maxPrice, precision);
  const bidsC = weightedValue(s, amount + bids, value - bidsOrders, cat, custom) + bidsOrders;
  const asksC = weightedValue(s, amount + asks, value - asksOrders, cat, custom) + asksOrders;
  if (asksC < bidsC) {
    wcAmount = amount + asks;
    wcOrders = asksOrders;
  } else {
    wcAmount = amount + bids;
    wcOrders = bidsOrders;
  }
}

function spotTotals(a: i32, acc: usize, capA: i32, cat: i32, strict: bool, orders: bool, buffer: i64): void {
  const userMr = ld(acc, capA, 2, a);
  const custom = cat == INITIAL ? userMr : 0;
  const end = <i32>ld(acc, capA, 7, a);
  for (let s = <i32>ld(acc, capA, 6, a); s < end; s++) {
    const amount = token(s);
    if (sm(0, s) == 0) {
      if (sp(1, s) == 0) tc += assetValue(s, amount, strict, userMr, cat);
      else mr += liabilityValue(s, amount, strict, userMr, cat, buffer);
      continue;
    }
    worstCaseSpot(s, amount, strict, cat, custom, orders);
    if (orders) mr += sp(4, s) * OOMR;
    if (wcAmount > 0) tc += assetValue(s, wcAmount, strict, userMr, cat);
    else if (wcAmount < 0) mr += liabilityValue(s, wcAmount, strict, userMr, cat, buffer);
    if (wcOrders > 0) tc += wcOrders;
    else if (wcOrders < 0) mr -= wcOrders;
  }
}

// ---- perp ----

/** calculateWorstCasePerpLiabilityValue (from the scratch): sets wBase, wLiability. */
function worstCasePerp(p: i32, orders: bool): void {
  const k = p - perpStart;
  if (!orders) {
    wBase = pp(0, p);
    wLiability = scratch(LIABILITY, k);
    return;
  }
  wBase = scratch(WORST_BASE, k);
  wLiability = scratch(WORST_LIABILITY, k);
}

/** The worst-case side with open orders, and the liability without them, into the scratch. */
function prepareWorstCase(p: i32): void {
  const k = p - perpStart;
  const base = pp(0, p);
  const price = pm(0, p);
  const liability = umulDivK(iabs(base), price, E9);
  setScratch(LIABILITY, k, liability);
  const bidsBase = base + pp(3, p);
  const asksBase = base + pp(4, p);
  const lb = bidsBase == base ? liability : umulDivK(iabs(bidsBase), price, E9);
  const la = asksBase == base ? liability : umulDivK(iabs(asksBase), price, E9);
  const worstBase = la >= lb ? asksBase : bidsBase;
  setScratch(WORST_BASE, k, worstBase);
  setScratch(WORST_LIABILITY, k, la >= lb ? la : lb);
  const imf = pm(6, p) != 0;
  setScratch(SQRT_BASE, k, imf ? isqrt10(iabs(base)) : 0);
  setScratch(SQRT_WORST, k, !imf ? 0 : worstBase == base ? scratch(SQRT_BASE, k) : isqrt10(iabs(worstBase)));
}

/** calculateMarketMarginRatio; `sq` is isqrt10 of the size (|base| or |worst-case base|), read only when imf != 0. */
function marginRatio(p: i32, sq: i64, cat: i32, custom: i64, hlm: bool): i64 {
  const mri = pm(2, p);
  const imf = pm(6, p);
  const hlI = pm(4, p);
  const hlM = pm(5, p);
  const isHl = hlm && hlI > 0 && hlM > 0;
  const dflt = cat == INITIAL ? (isHl ? hlI : mri) : isHl ? hlM : pm(3, p);
  let ratio: i64;
  if (isHl && cat == INITIAL) {
    const sizeAdj = imf == 0 ? mri : sizePremiumSqrt(sq, imf, mri, false);
    if (sizeAdj < mri) {
      const discount = E6 - ((mri - sizeAdj) * E6) / (mri / 5);
      ratio = (imax(mri - dflt, 1) * discount) / E6 + dflt;
    } else ratio = sizeAdj == mri ? dflt : sizeAdj;
  } else ratio = imax(dflt, imf == 0 ? dflt : sizePremiumSqrt(sq, imf, dflt, true));
  return cat == INITIAL ? imax(ratio, custom) : ratio;
}

/** calculatePositionPNL at the MM oracle (computed by `prepare`; read with perpPnl). */
function computePnl(p: i32, withFunding: bool): i64 {
  const base = pp(0, p);
  const quote = pp(1, p);
  if (base == 0) return quote;
  const value = umulDivK(iabs(base), pm(1, p), E9);
  let pnl = (base < 0 ? -value : value) + quote;
  if (withFunding) {
    const cum = base > 0 ? pm(10, p) : pm(11, p);
    pnl -= mulDivK(cum - pp(2, p), base, 1_000_000_000_000);
  }
  return pnl;
}

function perpTotals(a: i32, acc: usize, capA: i32, cat: i32, strict: bool, orders: bool): void {
  const userCustom = cat == INITIAL ? ld(acc, capA, 2, a) : 0;
  const mode = ld(acc, capA, 1, a);
  const hlm = mode == 1 || (cat == MAINTENANCE && mode == 2);
  const end = <i32>ld(acc, capA, 5, a);
  for (let p = <i32>ld(acc, capA, 4, a); p < end; p++) {
    worstCasePerp(p, orders);
    const ratio = marginRatio(p, scratch(orders ? SQRT_WORST : SQRT_BASE, p - perpStart), cat, imax(userCustom, pp(6, p)), hlm);
    const quote = pm(12, p);
    const twap = pm(13, p);
    let req = mulDivK(mulDivK(wLiability, strict ? imax(quote, twap) : quote, E6), ratio, E4);
    if (orders) req += pp(5, p) * OOMR;
    let pnl = perpPnl(p, true);
    const pnlQuote = !strict || pnl == 0 ? quote : pnl > 0 ? imin(quote, twap) : imax(quote, twap);
    pnl = mulDivK(pnl, pnlQuote, E6);
    if (pnl > 0) {
      const w = cat == MAINTENANCE ? pm(8, p) : sizeDiscount(pnl, pm(9, p), pm(7, p));
      pnl = mulDivK(pnl, w, E4);
    }
    mr += req;
    tc += pnl;
  }
}

/** Fill the scratch for account a (its rows) and remember its first rows. */
function prepare(a: i32, acc: usize, capA: i32, full: bool): void {
  spotStart = <i32>ld(acc, capA, 6, a);
  perpStart = <i32>ld(acc, capA, 4, a);
  const spotEnd = <i32>ld(acc, capA, 7, a);
  for (let s = spotStart; s < spotEnd; s++) setScratch(TOKEN, s - spotStart, tokenAmount(s));
  const perpEnd = <i32>ld(acc, capA, 5, a);
  for (let p = perpStart; p < perpEnd; p++) {
    prepareWorstCase(p);
    const withFunding = computePnl(p, true);
    setScratch(PNL, p - perpStart, withFunding);
    if (full) setScratch(PNL_NO_FUNDING, p - perpStart, computePnl(p, false));
  }
}

function totals(a: i32, acc: usize, capA: i32, cat: i32, strict: bool, orders: bool, buffer: i64): void {
  tc = 0;
  mr = 0;
  spotTotals(a, acc, capA, cat, strict, orders, buffer);
  perpTotals(a, acc, capA, cat, strict, orders);
}

// ---- account figures ----

function health(status: i64, t: i64, m: i64): i64 {
  if ((status & 3) != 0) return 0;
  if (m == 0 && t >= 0) return 100;
  if (t <= 0) return 0;
  if (t >= 9007199254740992 || m >= 9007199254740992) raise(); // the SDK's BN.toNumber throws: the reference refuses
  let x = (1.0 - <f64>m / <f64>t) * 100.0;
  x = Math.min(100.0, Math.max(0.0, x));
  const f = Math.floor(x);
  return <i64>(x - f >= 0.5 ? f + 1.0 : f);
}

function leverage(a: i32, acc: usize, capA: i32): i64 {
  let perpLiability: i64 = 0;
  let pnl: i64 = 0;
  let end = <i32>ld(acc, capA, 5, a);
  for (let p = <i32>ld(acc, capA, 4, a); p < end; p++) {
    worstCasePerp(p, true);
    perpLiability += wLiability;
    pnl += mulDivK(perpPnl(p, true), pm(12, p), E6);
  }
  const userMr = ld(acc, capA, 2, a);
  let assets: i64 = 0;
  let liabilities: i64 = 0;
  let netQuote: i64 = 0;
  end = <i32>ld(acc, capA, 7, a);
  for (let s = <i32>ld(acc, capA, 6, a); s < end; s++) {
    const amount = token(s);
    if (sm(0, s) == 0) {
      if (sp(1, s) == 0) netQuote += assetValue(s, amount, false, userMr, NONE);
      else netQuote -= liabilityValue(s, amount, false, userMr, NONE, 0);
      continue;
    }
    worstCaseSpot(s, amount, false, NONE, userMr, true);
    if (wcAmount > 0) assets += assetValue(s, wcAmount, false, userMr, NONE);
    if (wcAmount < 0) liabilities += liabilityValue(s, wcAmount, false, userMr, NONE, 0);
    netQuote += wcOrders;
    liabilities += sp(4, s) * OOMR;
  }
  if (netQuote > 0) assets += netQuote;
  else liabilities -= netQuote;
  const net = assets + pnl - liabilities;
  if (net == 0) return 0;
  const q = umulDiv(perpLiability + liabilities, E4, iabs(net));
  return net < 0 ? -q : q;
}

function unrealizedPnl(a: i32, acc: usize, capA: i32, withFunding: bool): i64 {
  let total: i64 = 0;
  const end = <i32>ld(acc, capA, 5, a);
  for (let p = <i32>ld(acc, capA, 4, a); p < end; p++) total += mulDivK(perpPnl(p, withFunding), pm(12, p), E6);
  return total;
}

function liquidationPrice(p: i32, hlmM: bool, free: i64): i64 {
  const base = pp(0, p);
  if (base == 0) return -1;
  const ratio = marginRatio(p, scratch(SQRT_BASE, p - perpStart), MAINTENANCE, 0, hlmM);
  const rq = (ratio * E6) / E4;
  let delta = base > 0 ? mulDivK(E6 - rq, base, E9) : mulDivK(-E6 - rq, iabs(base), E9);
  const s = <i32>pp(8, p);
  if (s >= 0) {
    const amount = token(s);
    const precision = sm(11, s);
    const sd =
      amount > 0
        ? mulDiv((E6 * assetWeight(s, amount, MAINTENANCE)) / E4, amount, precision)
        : mulDiv((-E6 * liabilityWeight(s, iabs(amount), MAINTENANCE)) / E4, iabs(amount), precision);
    delta += mulDiv(sd, pp(9, p), pp(10, p));
  }
  if (delta == 0) return -1;
  const price0 = pm(0, p);
  // A dust position on a large account: the quotient passes i64, but with delta > 0 the price is far below 0.
  if (delta > 0 && (<f64>free * 1e6) / <f64>delta > 2.0 * <f64>price0 + 1e6) return -1;
  const q = umulDiv(free, E6, iabs(delta));
  const price = price0 - (delta < 0 ? -q : q);
  return price < 0 ? -1 : price;
}

function setTables(perp: usize, capP: i32, pmkt: usize, capPM: i32, spot: usize, capS: i32, smkt: usize, capSM: i32): void {
  PERP = perp;
  CAPP = capP;
  PMKT = pmkt;
  CAPPM = capPM;
  SPOT = spot;
  CAPS = capS;
  SMKT = smkt;
  CAPSM = capSM;
}

/**
 * Health only (what `User.getHealth()` computes): out fields 0 (health), 2 (maintenance total collateral),
 * 4 (maintenance requirement) and 10 (flag) for accounts [0, n); one margin pass instead of five.
 */
export function evaluateLiveHealth(
  n: i32,
  acc: usize,
  capA: i32,
  perp: usize,
  capP: i32,
  pmkt: usize,
  capPM: i32,
  spot: usize,
  capS: i32,
  smkt: usize,
  capSM: i32,
  out: usize,
): i32 {
  setTables(perp, capP, pmkt, capPM, spot, capS, smkt, capSM);
  for (let a = 0; a < n; a++) {
    clearFlag();
    prepare(a, acc, capA, false);
    totals(a, acc, capA, MAINTENANCE, false, true, 0);
    st(out, capA, 0, a, health(ld(acc, capA, 0, a), tc, mr));
    st(out, capA, 2, a, tc);
    st(out, capA, 4, a, mr);
    st(out, capA, 10, a, flagged() ? 1 : 0);
  }
  return n;
}

/** Evaluate accounts [0, n) (layout above). Returns n. */
export function evaluateLive(
  n: i32,
  acc: usize,
  capA: i32,
  perp: usize,
  capP: i32,
  pmkt: usize,
  capPM: i32,
  spot: usize,
  capS: i32,
  smkt: usize,
  capSM: i32,
  out: usize,
): i32 {
  setTables(perp, capP, pmkt, capPM, spot, capS, smkt, capSM);
  const liq = out + ((<usize>OUT_FIELDS * <usize>capA) << 3);
  for (let a = 0; a < n; a++) {
    clearFlag();
    prepare(a, acc, capA, true);
    const status = ld(acc, capA, 0, a);
    const buffer = ld(acc, capA, 3, a);
    totals(a, acc, capA, MAINTENANCE, false, true, 0);
    const tcM = tc;
    const mrM = mr;
    if (buffer != 0) totals(a, acc, capA, MAINTENANCE, false, true, buffer);
    st(out, capA, 1, a, tc < mr ? 1 : 0);
    st(out, capA, 0, a, health(status, tcM, mrM));
    st(out, capA, 2, a, tcM);
    st(out, capA, 4, a, mrM);
    totals(a, acc, capA, INITIAL, false, true, 0);
    st(out, capA, 3, a, tc);
    totals(a, acc, capA, INITIAL, true, true, 0);
    st(out, capA, 5, a, mr);
    st(out, capA, 6, a, imax(0, tc - mr));
    st(out, capA, 7, a, leverage(a, acc, capA));
    st(out, capA, 8, a, unrealizedPnl(a, acc, capA, true));
    st(out, capA, 9, a, unrealizedPnl(a, acc, capA, false));
    totals(a, acc, capA, MAINTENANCE, false, false, 0);
    const free = imax(0, tc - mr);
    const hlmM = ld(acc, capA, 1, a) != 0;
    const end = <i32>ld(acc, capA, 5, a);
    for (let p = <i32>ld(acc, capA, 4, a); p < end; p++) {
      store<i64>(liq + (<usize>p << 3), liquidationPrice(p, hlmM, free));
    }
    st(out, capA, 10, a, flagged() ? 1 : 0);
  }
  return n;
}
