/**
 * Drift's perp liquidation, as the program runs it (protocol-v2 tag v2.156.0, `programs/drift/src`),
 * transcribed for the paper venue with the program's integer precisions (bigint, truncating divisions):
 *
 * - `controller/liquidation.rs` `liquidate_perp`: the account is liquidated when maintenance total
 *   collateral is below the maintenance requirement (`meets_margin_requirement`: TC >= MR); each call
 *   takes over `base_asset_amount = min(user base, max(to_cover x max_pct, min_base))` (rounded up to the
 *   order step) at the **oracle price**, charges the user `liquidator_fee` and `if_fee` on that value,
 *   and the account leaves liquidation when `base_asset_amount >= base_asset_amount_to_cover_margin_shortage`
 *   or `can_exit_liquidation` (TC plus buffer >= MR plus buffer). Positions worth at most $50 go whole.
 * - `math/liquidation.rs` `calculate_base_asset_amount_to_cover_margin_shortage`,
 *   `calculate_perp_if_fee` (95% of the implied fee, capped by the market's `if_liquidation_fee`),
 *   `get_liquidation_fee` (the base `liquidator_fee` while the user was active in the last
 *   `LIQUIDATION_FEE_ADJUST_GRACE_PERIOD_SLOTS` = 1,500 slots, then +0.01 bp per slot up to
 *   `get_max_liquidation_fee`), `calculate_max_pct_to_liquidate` (100% when the shortage is under $50, or
 *   when `state.liquidation_duration` is 0).
 * - `state/margin_calculation.rs`: `margin_requirement_plus_buffer` adds `liability x
 *   liquidation_margin_buffer_ratio / MARGIN_PRECISION` per position (`add_cross_margin_margin_requirement`),
 *   and a negative PnL counts `1 + buffer` times in `get_cross_total_collateral_plus_buffer`
 *   (`add_cross_margin_total_collateral`); `margin_shortage` = MR plus buffer - TC plus buffer.
 * - `state/state.rs` `liquidation_margin_buffer_ratio`, `initial_pct_to_liquidate`, `liquidation_duration`;
 *   `math/constants.rs` `DEFAULT_LIQUIDATION_MARGIN_BUFFER_RATIO = MARGIN_PRECISION / 50` (2%),
 *   `LIQUIDATION_FEE_PRECISION = 1e6`, `LIQUIDATION_FEE_TO_MARGIN_PRECISION_RATIO = 100`,
 *   `PRICE_TIMES_AMM_TO_QUOTE_PRECISION_RATIO = 1e9`, `LIQUIDATION_PCT_PRECISION = 1e4`.
 * - `state/perp_market.rs` `liquidator_fee`, `if_liquidation_fee` (both `LIQUIDATION_FEE_PRECISION`),
 *   `get_base_liquidator_fee` (the market's fee outside high-leverage mode).
 *
 * The paper venue's choices where the program depends on live state are in docs/health-paper-strategy.md
 * (section "Paper liquidations"): the user is active (base fee, no per-slot escalation), the state's
 * `liquidation_duration` is 0 (admin.rs initialises it so, which makes every call free 100%), the quote
 * oracle is $1, no open orders to cancel, the liquidator always has the margin to take the position over.
 */

import { accountHealth, perpLiabilityValue, positionPnl } from '../health/reference.js';
import type { AccountState, MarketSnapshot } from '../health/types.js';

/** Parameters of a market's liquidation and of the exchange state, in the program's precisions. */
export interface DriftLiquidationConfig {
  /** `PerpMarket.liquidator_fee`, LIQUIDATION_FEE_PRECISION (1e6) */
  liquidatorFee: bigint;
  /** `PerpMarket.if_liquidation_fee` (the cap of the insurance fund fee), 1e6 */
  ifLiquidationFee: bigint;
  /** `State.liquidation_margin_buffer_ratio`, MARGIN_PRECISION (1e4) */
  liquidationMarginBufferRatio: bigint;
  /** `AMM.order_step_size`, base 1e9 */
  orderStepSize: bigint;
}

/**
 * SOL-PERP as the paper venue liquidates it. The buffer is the program's default (2%). The fees are this
 * project's assumption for SOL-PERP (1% to the liquidator, up to 1% to the insurance fund; the same 1%
 * `if_liquidation_fee` the protocol's own tests set, tests/liquidatePerpWithFill.ts): the live values are
 * fields of the on-chain PerpMarket account and a live adapter reads them from there.
 */
export const SOL_PERP_LIQUIDATION: DriftLiquidationConfig = {
  liquidatorFee: 10_000n,
  ifLiquidationFee: 10_000n,
  liquidationMarginBufferRatio: 200n,
  orderStepSize: 10_000_000n,
};

export const LIQUIDATION_FEE_PRECISION = 1_000_000n;
const LIQUIDATION_FEE_TO_MARGIN_PRECISION_RATIO = 100n;
const PRICE_TIMES_AMM_TO_QUOTE_PRECISION_RATIO = 1_000_000_000n;
const PRICE_PRECISION = 1_000_000n;
const BASE_PRECISION = 1_000_000_000n;
const U32_MAX = 4_294_967_295n;

/** `math/liquidation.rs` `calculate_base_asset_amount_to_cover_margin_shortage`; `null` is the program's u64::MAX. */
export function baseToCoverMarginShortage(marginShortage: bigint, marginRatio: bigint, liquidationFee: bigint, ifLiquidationFee: bigint, oraclePrice: bigint, quoteOraclePrice = PRICE_PRECISION): bigint | null {
  const ratio = marginRatio * LIQUIDATION_FEE_TO_MARGIN_PRECISION_RATIO;
  if (oraclePrice === 0n || ratio <= liquidationFee) return null;
  const denominator = (((oraclePrice * quoteOraclePrice) / PRICE_PRECISION) * (ratio - liquidationFee)) / LIQUIDATION_FEE_PRECISION - (oraclePrice * ifLiquidationFee) / LIQUIDATION_FEE_PRECISION;
  if (denominator <= 0n) return null; // the program's checked division fails: nothing can cover the shortage
  return (marginShortage * PRICE_TIMES_AMM_TO_QUOTE_PRECISION_RATIO) / denominator;
}

/** `math/liquidation.rs` `calculate_perp_if_fee`: 95% of the fee the shortage leaves room for, capped. */
export function perpIfFee(marginShortage: bigint, userBaseAssetAmount: bigint, marginRatio: bigint, liquidatorFee: bigint, oraclePrice: bigint, maxIfLiquidationFee: bigint, quoteOraclePrice = PRICE_PRECISION): bigint {
  const ratio = marginRatio * LIQUIDATION_FEE_TO_MARGIN_PRECISION_RATIO;
  if (oraclePrice === 0n || quoteOraclePrice === 0n || ratio <= liquidatorFee || userBaseAssetAmount === 0n) return 0n;
  const price = (oraclePrice * quoteOraclePrice) / PRICE_PRECISION;
  let shortagePerBase = (((marginShortage * BASE_PRECISION) / userBaseAssetAmount) * PRICE_PRECISION) / price;
  if (shortagePerBase > U32_MAX) shortagePerBase = U32_MAX;
  const sat = (a: bigint, b: bigint): bigint => (a > b ? a - b : 0n);
  const implied = (sat(sat(ratio, liquidatorFee), shortagePerBase) * 19n) / 20n;
  return implied < maxIfLiquidationFee ? implied : maxIfLiquidationFee;
}

/** `math/orders.rs` `standardize_base_asset_amount_ceil`. */
export function ceilToStep(base: bigint, step: bigint): bigint {
  const r = base % step;
  return r === 0n ? base : base + step - r;
}

/** One `liquidate_perp` call as the paper venue ran it. */
export interface PerpLiquidationStep {
  /** margin shortage before the step (MR plus buffer - TC plus buffer), quote 1e6 */
  marginShortage: bigint;
  /** `base_asset_amount_to_cover_margin_shortage` (rounded up to the step), base 1e9; null = unbounded */
  baseToCover: bigint | null;
  /** base taken over by the liquidator, base 1e9 */
  baseAssetAmount: bigint;
  /** its value at the oracle price, quote 1e6 */
  baseAssetValue: bigint;
  /** fees charged to the user, quote 1e6 */
  liquidatorFee: bigint;
  ifFee: bigint;
  /** the fee rates used, LIQUIDATION_FEE_PRECISION */
  liquidatorFeeRate: bigint;
  ifFeeRate: bigint;
  /** PnL of the part taken over at the oracle price, before the fees, quote 1e6 */
  realizedPnl: bigint;
}

/** A liquidation of the paper perp account at one oracle price: one or more program steps. */
export interface PerpLiquidation {
  time: number;
  marketIndex: number;
  oraclePrice: bigint;
  /** maintenance total collateral and requirement when it began, quote 1e6 */
  totalCollateral: bigint;
  marginRequirement: bigint;
  steps: PerpLiquidationStep[];
  /** base left after it, signed, base 1e9 */
  baseAfter: bigint;
  /** loss beyond the account's collateral, absorbed by the insurance fund (bankruptcy), quote 1e6 */
  badDebt: bigint;
}

/**
 * One `liquidate_perp` call's sizing: the insurance fund fee rate, the base to cover the shortage
 * (rounded up to the step), the base taken over (100% allowed; a position worth <= $50 goes whole) and
 * its value and fees at the oracle price. `marginRatio` is the market's maintenance ratio (1e4).
 */
export function planLiquidationStep(shortage: bigint, userBase: bigint, marginRatio: bigint, oraclePrice: bigint, cfg: DriftLiquidationConfig): { ifRate: bigint; toCover: bigint | null; base: bigint; value: bigint; liquidatorFee: bigint; ifFee: bigint } {
  const ratioWithBuffer = marginRatio + cfg.liquidationMarginBufferRatio;
  const ifRate = perpIfFee(shortage, userBase, ratioWithBuffer, cfg.liquidatorFee, oraclePrice, cfg.ifLiquidationFee);
  const raw = baseToCoverMarginShortage(shortage, ratioWithBuffer, cfg.liquidatorFee, ifRate, oraclePrice);
  const toCover = raw === null ? null : ceilToStep(raw, cfg.orderStepSize);
  const minBase = (userBase * oraclePrice) / BASE_PRECISION > 50_000_000n ? 0n : userBase;
  const wanted = toCover === null ? userBase : toCover > minBase ? toCover : minBase;
  const stepped = ceilToStep(wanted < userBase ? wanted : userBase, cfg.orderStepSize);
  const base = stepped < userBase ? stepped : userBase;
  const value = (base * oraclePrice) / BASE_PRECISION;
  return { ifRate, toCover, base, value, liquidatorFee: (value * cfg.liquidatorFee) / LIQUIDATION_FEE_PRECISION, ifFee: (value * ifRate) / LIQUIDATION_FEE_PRECISION };
}

export interface LiquidationMargins {
  totalCollateral: bigint;
  marginRequirement: bigint;
  totalCollateralPlusBuffer: bigint;
  marginRequirementPlusBuffer: bigint;
}

/**
 * Maintenance totals in the liquidation context (`MarginContext::liquidation(buffer)`): the requirement
 * plus `liability x buffer / 1e4` per position, the collateral plus `pnl x buffer / 1e4` for each
 * negative PnL (state/margin_calculation.rs). Quote 1e6.
 */
export function liquidationMarginTotals(account: AccountState, markets: MarketSnapshot, bufferRatio: bigint): LiquidationMargins {
  const h = accountHealth(account, markets);
  let mrBuffer = 0n;
  let tcBuffer = 0n;
  for (const p of account.positions) {
    const m = markets.perp[p.marketIndex]!;
    mrBuffer += (perpLiabilityValue(p.baseAssetAmount, m.oraclePrice) * bufferRatio) / 10_000n;
    const pnl = positionPnl(m, p);
    if (pnl < 0n) tcBuffer += (pnl * bufferRatio) / 10_000n;
  }
  return {
    totalCollateral: h.totalCollateral,
    marginRequirement: h.maintenanceMarginRequirement,
    totalCollateralPlusBuffer: h.totalCollateral + tcBuffer,
    marginRequirementPlusBuffer: h.maintenanceMarginRequirement + mrBuffer,
  };
}
