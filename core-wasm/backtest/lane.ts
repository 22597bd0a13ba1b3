/**
 * The scalar lane: constants, position, ledger and detail logging held in globals, so that the
 * scalar day functions (exact.ts, study.ts) and the vector kernel's slow path share one copy.
 * Every expression mirrors engine/model/reference/lane.ts operation for operation.
 */
import {
  EV_FIELDS, O_BAD_DEBT, O_BORROW, O_FEES, O_FINAL, O_FUNDING, O_LEND, O_LIQ, O_LIQ_LEGS, O_MAX_DD,
  O_MIN_HL, O_MIN_HS, O_N_EQUITY, O_N_EVENTS, O_PENALTIES, O_PRICE_PNL, O_REBAL, O_ROT, O_RUINED, O_TRANSFER,
  P_CAPITAL, P_DETAIL, P_GAS, P_LEVERAGE, P_LONG_CLOSE, P_LONG_OPEN, P_M_LONG, P_M_SHORT, P_MODEL,
  P_ONE_MINUS_ML, P_ONE_PLUS_MS, P_PEN_L_KIND, P_PEN_L_RATE, P_PEN_S_KIND, P_PEN_S_RATE, P_PERP_FEE,
  P_STUDY_OPEN, P_TRANSFER, P_TRIG_L, P_TRIG_S, PEN_EQUITY, P_LONG_COL, P_SURVIVOR, P_CF, P_ONE_PLUS_BONUS,
} from './layout';

// Lane constants.
export let kCap: f64 = 0, kLev: f64 = 0, kTrigL: f64 = 0, kTrigS: f64 = 0;
export let kLongOpen: f64 = 0, kLongClose: f64 = 0, kPerpFee: f64 = 0, kStudyOpen: f64 = 0;
export let kML: f64 = 0, kMS: f64 = 0, kOnePlusMS: f64 = 0, kOneMinusML: f64 = 0;
export let kPenLK: f64 = 0, kPenLR: f64 = 0, kPenSK: f64 = 0, kPenSR: f64 = 0;
export let kTC: f64 = 0, kGas: f64 = 0, kModel: f64 = 0;
// MODEL.md section 10: long price column, survivor at liquidation, close factor (0 = full), 1 + bonus.
export let kLongCol: i32 = 0, kSurv: f64 = 0, kCF: f64 = 0, kOnePlusBonus: f64 = 1;

// Position.
export let sSol: f64 = 0, sDebt: f64 = 0, sContracts: f64 = 0, sEntry: f64 = 0, sMargin: f64 = 0;

// Ledger.
export let wLend: f64 = 0, wBorrow: f64 = 0, wFunding: f64 = 0, wFees: f64 = 0;
export let wTransfer: f64 = 0, wPen: f64 = 0, wPrice: f64 = 0, wBad: f64 = 0;
export let nLiq: f64 = 0, nLegs: f64 = 0, nReb: f64 = 0, nRot: f64 = 0, ruined: bool = false;
export let minHL: f64 = 100, minHS: f64 = 100, peak: f64 = 0, maxDD: f64 = 0;

// Second return value of closeBoth.
export let gFee: f64 = 0;

// Detail logging (events and equity series), only for lanes the host flagged.
export let gLog: bool = false;
let gEv: usize = 0;
let gEvN: i32 = 0;
let gEq: usize = 0;
let gEqN: i32 = 0;

@inline export function fieldPtr(base: usize, field: i32, stride: i32, lane: i32): usize {
  return base + ((<usize>(field * stride + lane)) << 3);
}

@inline function pget(par: usize, f: i32, stride: i32, lane: i32): f64 {
  return load<f64>(fieldPtr(par, f, stride, lane));
}

export function loadParams(par: usize, stride: i32, lane: i32): void {
  kCap = pget(par, P_CAPITAL, stride, lane);
  kLev = pget(par, P_LEVERAGE, stride, lane);
  kTrigL = pget(par, P_TRIG_L, stride, lane);
  kTrigS = pget(par, P_TRIG_S, stride, lane);
  kLongOpen = pget(par, P_LONG_OPEN, stride, lane);
  kLongClose = pget(par, P_LONG_CLOSE, stride, lane);
  kPerpFee = pget(par, P_PERP_FEE, stride, lane);
  kStudyOpen = pget(par, P_STUDY_OPEN, stride, lane);
  kML = pget(par, P_M_LONG, stride, lane);
  kMS = pget(par, P_M_SHORT, stride, lane);
  kOnePlusMS = pget(par, P_ONE_PLUS_MS, stride, lane);
  kOneMinusML = pget(par, P_ONE_MINUS_ML, stride, lane);
  kPenLK = pget(par, P_PEN_L_KIND, stride, lane);
  kPenLR = pget(par, P_PEN_L_RATE, stride, lane);
  kPenSK = pget(par, P_PEN_S_KIND, stride, lane);
  kPenSR = pget(par, P_PEN_S_RATE, stride, lane);
  kTC = pget(par, P_TRANSFER, stride, lane);
  kGas = pget(par, P_GAS, stride, lane);
  kModel = pget(par, P_MODEL, stride, lane);
  kLongCol = <i32>pget(par, P_LONG_COL, stride, lane);
  kSurv = pget(par, P_SURVIVOR, stride, lane);
  kCF = pget(par, P_CF, stride, lane);
  kOnePlusBonus = pget(par, P_ONE_PLUS_BONUS, stride, lane);
}

/**
 * Start a lane: empty ledger, the drawdown peak (study: the capital; exact: -Infinity, so equity_0
 * sets it), and detail pointers when the lane has a detail slot.
 */
export function resetLane(par: usize, stride: i32, lane: i32, study: bool, ev: usize, eq: usize, evCap: i32, days: i32): void {
  loadParams(par, stride, lane);
  wLend = 0; wBorrow = 0; wFunding = 0; wFees = 0;
  wTransfer = 0; wPen = 0; wPrice = 0; wBad = 0;
  nLiq = 0; nLegs = 0; nReb = 0; nRot = 0; ruined = false;
  minHL = 100; minHS = 100; peak = study ? kCap : -Infinity; maxDD = 0;
  const slot = pget(par, P_DETAIL, stride, lane);
  gLog = slot >= 0;
  gEvN = 0;
  gEqN = 0;
  if (gLog) {
    const s = <usize>(<i32>slot);
    gEv = ev + s * <usize>evCap * <usize>(EV_FIELDS << 3);
    gEq = eq + ((s * <usize>days) << 3);
  }
}

@inline function oset(out: usize, f: i32, stride: i32, lane: i32, v: f64): void {
  store<f64>(fieldPtr(out, f, stride, lane), v);
}

@inline function oget(out: usize, f: i32, stride: i32, lane: i32): f64 {
  return load<f64>(fieldPtr(out, f, stride, lane));
}

export function storeOut(out: usize, stride: i32, lane: i32, finalEquity: f64): void {
  oset(out, O_FINAL, stride, lane, finalEquity);
  oset(out, O_MAX_DD, stride, lane, maxDD);
  oset(out, O_LIQ, stride, lane, nLiq);
  oset(out, O_LIQ_LEGS, stride, lane, nLegs);
  oset(out, O_REBAL, stride, lane, nReb);
  oset(out, O_ROT, stride, lane, nRot);
  oset(out, O_RUINED, stride, lane, ruined ? 1 : 0);
  oset(out, O_MIN_HL, stride, lane, minHL);
  oset(out, O_MIN_HS, stride, lane, minHS);
  oset(out, O_LEND, stride, lane, wLend);
  oset(out, O_BORROW, stride, lane, wBorrow);
  oset(out, O_FUNDING, stride, lane, wFunding);
  oset(out, O_FEES, stride, lane, wFees);
  oset(out, O_TRANSFER, stride, lane, wTransfer);
  oset(out, O_PENALTIES, stride, lane, wPen);
  oset(out, O_PRICE_PNL, stride, lane, wPrice);
  oset(out, O_BAD_DEBT, stride, lane, wBad);
  oset(out, O_N_EVENTS, stride, lane, <f64>gEvN);
  oset(out, O_N_EQUITY, stride, lane, <f64>gEqN);
}

/** The ledger fields the vector kernel keeps in memory (they change only on its slow path). */
export function storeRare(out: usize, stride: i32, lane: i32): void {
  oset(out, O_FEES, stride, lane, wFees);
  oset(out, O_PENALTIES, stride, lane, wPen);
  oset(out, O_BAD_DEBT, stride, lane, wBad);
  oset(out, O_LIQ, stride, lane, nLiq);
  oset(out, O_LIQ_LEGS, stride, lane, nLegs);
  oset(out, O_ROT, stride, lane, nRot);
  oset(out, O_RUINED, stride, lane, ruined ? 1 : 0);
}

export function loadRare(out: usize, stride: i32, lane: i32): void {
  wFees = oget(out, O_FEES, stride, lane);
  wPen = oget(out, O_PENALTIES, stride, lane);
  wBad = oget(out, O_BAD_DEBT, stride, lane);
  nLiq = oget(out, O_LIQ, stride, lane);
  nLegs = oget(out, O_LIQ_LEGS, stride, lane);
  nRot = oget(out, O_ROT, stride, lane);
  ruined = oget(out, O_RUINED, stride, lane) != 0;
  gLog = false;
  gEvN = 0;
  gEqN = 0;
}

@inline export function longEquity(p: f64): f64 {
  return sSol * p - sDebt;
}

@inline export function shortEquity(p: f64): f64 {
  return sMargin + sContracts * (sEntry - p);
}

/** Leg health: 0 if `E <= 0`, else `clamp(100*(1 - m*N/E), 0, 100)`. */
@inline export function legHealth(equity: f64, notional: f64, m: f64): f64 {
  if (equity <= 0) return 0;
  const h = 100 * (1 - (m * notional) / equity);
  return h < 0 ? 0 : h > 100 ? 100 : h;
}

/** Penalty: equity kind `rate*max(E,0)`; notional kind `min(rate*N, max(E,0))`. */
export function penaltyOf(kind: f64, rate: f64, equity: f64, notional: f64): f64 {
  const pos = equity > 0 ? equity : 0;
  if (kind == PEN_EQUITY) return rate * pos;
  const byNotional = rate * notional;
  return byNotional < pos ? byNotional : pos;
}

@inline export function health(hL: f64, hS: f64): void {
  if (hL < minHL) minHL = hL;
  if (hS < minHS) minHS = hS;
}

/** Record a marked equity: drawdown against the running peak, then the series. */
export function mark(equity: f64): void {
  if (equity > peak) peak = equity;
  const dd = (peak - equity) / peak;
  if (dd > maxDD) maxDD = dd;
  if (gLog) {
    store<f64>(gEq + ((<usize>gEqN) << 3), equity);
    gEqN++;
  }
}

export function event(day: i32, kind: f64, leg: f64, price: f64, before: f64, after: f64, cost: f64): void {
  eventAmounts(day, kind, leg, price, before, after, cost, 0, 0);
}

/** An event with its two amounts (partial rounds and re-hedges, MODEL.md 10.3). */
export function eventAmounts(day: i32, kind: f64, leg: f64, price: f64, before: f64, after: f64, cost: f64, repaid: f64, seized: f64): void {
  if (!gLog) return;
  const p = gEv + <usize>gEvN * <usize>(EV_FIELDS << 3);
  store<f64>(p, <f64>day);
  store<f64>(p, kind, 8);
  store<f64>(p, leg, 16);
  store<f64>(p, price, 24);
  store<f64>(p, before, 32);
  store<f64>(p, after, 40);
  store<f64>(p, cost, 48);
  store<f64>(p, repaid, 56);
  store<f64>(p, seized, 64);
  store<f64>(p, 0, 72);
  gEvN++;
}

