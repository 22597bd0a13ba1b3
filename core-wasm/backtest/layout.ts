/**
 * Memory layout of the backtest kernel (shared by convention with engine/wasm/layout.ts).
 *
 * The host lays out one linear memory through `ensure()`; every block is f64:
 *
 *   mkt  days x 12     [open, high, low, close, funding, lendDaily, borrowDaily, pad,
 *                       spotOpen, spotHigh, spotLow, spotClose] per day (MODEL.md 10.2)
 *   par  NP x stride   lane parameters, struct-of-arrays [field][lane]
 *   out  NO x stride   lane outputs, struct-of-arrays [field][lane] (counts and flags as f64)
 *   ev   slots x cap x 10  event records of detail lanes: [day, kind, leg, price, before, after, cost, repaid, seized, pad]
 *   eq   slots x days      equity series of detail lanes
 *
 * `stride` is the lane count padded to the vector width (2).
 */

export const ROW: i32 = 12;
export const C_OPEN: i32 = 0;
export const C_HIGH: i32 = 1;
export const C_LOW: i32 = 2;
export const C_CLOSE: i32 = 3;
export const C_FUNDING: i32 = 4;
export const C_LEND: i32 = 5;
export const C_BORROW: i32 = 6;
export const C_SPOT: i32 = 8;

// Lane parameter fields.
export const P_CAPITAL: i32 = 0;
export const P_LEVERAGE: i32 = 1;
export const P_TRIG_L: i32 = 2;
export const P_TRIG_S: i32 = 3;
export const P_LONG_OPEN: i32 = 4;
export const P_LONG_CLOSE: i32 = 5;
export const P_PERP_FEE: i32 = 6;
export const P_STUDY_OPEN: i32 = 7;
export const P_M_LONG: i32 = 8;
export const P_M_SHORT: i32 = 9;
export const P_ONE_PLUS_MS: i32 = 10;
export const P_ONE_MINUS_ML: i32 = 11;
export const P_PEN_L_KIND: i32 = 12;
export const P_PEN_L_RATE: i32 = 13;
export const P_PEN_S_KIND: i32 = 14;
export const P_PEN_S_RATE: i32 = 15;
export const P_TRANSFER: i32 = 16;
export const P_GAS: i32 = 17;
export const P_MODEL: i32 = 18;
export const P_DETAIL: i32 = 19;
// MODEL.md section 10: the long's price column (0 perp, C_SPOT split), survivor (1 = liquidation),
// the close factor (0 = full liquidation) and 1 + bonus.
export const P_LONG_COL: i32 = 20;
export const P_SURVIVOR: i32 = 21;
export const P_CF: i32 = 22;
export const P_ONE_PLUS_BONUS: i32 = 23;
export const NP: i32 = 24;
/** MODEL.md 10.3: at most this many partial rounds per liquidation test. */
export const MAX_ROUNDS: i32 = 50;

// Lane output fields.
export const O_FINAL: i32 = 0;
export const O_MAX_DD: i32 = 1;
export const O_LIQ: i32 = 2;
export const O_LIQ_LEGS: i32 = 3;
export const O_REBAL: i32 = 4;
export const O_ROT: i32 = 5;
export const O_RUINED: i32 = 6;
export const O_MIN_HL: i32 = 7;
export const O_MIN_HS: i32 = 8;
export const O_LEND: i32 = 9;
export const O_BORROW: i32 = 10;
export const O_FUNDING: i32 = 11;
export const O_FEES: i32 = 12;
export const O_TRANSFER: i32 = 13;
export const O_PENALTIES: i32 = 14;
export const O_PRICE_PNL: i32 = 15;
export const O_BAD_DEBT: i32 = 16;
export const O_N_EVENTS: i32 = 17;
export const O_N_EQUITY: i32 = 18;
export const NO: i32 = 19;

// Models, penalty kinds, event kinds and legs.
export const MODEL_STATIC: f64 = 0;
export const MODEL_REBALANCE: f64 = 1;
export const MODEL_ROTATION: f64 = 2;
export const PEN_EQUITY: f64 = 0;
export const EV_OPEN: f64 = 0;
export const EV_LIQUIDATION: f64 = 1;
export const EV_REBALANCE: f64 = 2;
export const EV_ROTATION: f64 = 3;
export const EV_CLOSE: f64 = 4;
export const EV_RUIN: f64 = 5;
export const EV_PARTIAL: f64 = 6;
export const EV_REHEDGE: f64 = 7;
export const LEG_LONG: f64 = 0;
export const LEG_SHORT: f64 = 1;
export const LEG_BOTH: f64 = 2;
export const EV_FIELDS: i32 = 10;
