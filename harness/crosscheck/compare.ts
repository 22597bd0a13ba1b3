/**
 * `dnh crosscheck`: one configuration through the daily kernel (MODEL.md sections 1-6, 10) and through
 * the strategy engine over the paper venues, on the same rows, compared term by term. This module maps
 * the kernel's resolved parameters to comparable paper settings, reads both runs into the same terms,
 * and names the documented cause of each difference (docs/health-paper-strategy.md, "Crosscheck").
 *
 * Terms (USD, each as the run booked it, so `F - C` is their signed sum): carry (lend income - borrow
 * interest), funding, fees, slippage, liquidations (penalties, liquidator and insurance fund fees,
 * lending bonuses), transfers (transfer costs), bad debt (forgiven losses, a credit) and price (the
 * kernel's `pricePnl`; for the paper, which does not split price from rounding, what is left of `F - C`).
 */
import type { LendingLegConfig } from '../../engine/paper/lendingLeg.js';
import type { PaperRun, PaperRunOptions } from '../../engine/strategy/paperDriver.js';
import { SOL_PERP } from '../../engine/paper/venue.js';
import { UsageError } from '../../engine/errors.js';
import type { BacktestParams, Waterfall } from '../../engine/model/types.js';

export const TERMS = ['carry', 'funding', 'fees', 'slippage', 'liquidations', 'transfers', 'badDebt', 'price'] as const;
export type Term = (typeof TERMS)[number];
export type Terms = Record<Term, number>;

/** What each term's difference comes from: the documented differences between the two engines. */
export const CAUSES: Record<Term, string> = {
  carry: 'the paper accrues interest continuously between price updates (compounded per APY over elapsed time) and books SOL income at the price of the last update; the kernel accrues one day at the close (MODEL.md 5.2). Positions held differ after liquidations and rotations (see price).',
  funding: "the paper's hourly funding is a rate per SOL fixed at the price when the period's rate was set (the open, the path's extremes, crossings); the kernel pays the day's funding on the close notional (5.2)",
  fees: "the paper rounds each fee up to the micro-dollar and pays a perp fee on a reduced short's re-hedge and on each reopening at a liquidation moment; the kernel's fees follow its own opens, closes and rotations",
  slippage: 'the paper venue charges size-based slippage (0.10-0.30%, MODEL.md 8) unless it is set to 0; the kernel has none',
  liquidations: "Drift's liquidate_perp takes over only what restores maintenance plus the 2% buffer, charging the liquidator fee and the insurance fund fee on that part; the lending venue's rule is its own; the kernel liquidates a leg in full with the section 3 penalty",
  transfers: 'the paper venues charge no transfer cost between legs (docs/health-paper-strategy.md 8); the kernel charges transferCost per rebalance, rotation and liquidation',
  badDebt: 'a loss beyond a leg\'s equity is forgiven in both; it happens at different prices (the paper liquidates where the price crosses, in steps)',
  price: "timing: the paper liquidates where the intraday path crosses a liquidation price and the strategy closes or re-hedges the other leg at that moment, then reopens at once (its hedge timeout); the kernel closes the survivor at the close (or at p_exec with survivor=liquidation) and reopens at the close. Holding different sizes afterwards moves every later day's price P&L. For the paper this term also holds its integer rounding",
};

/** The kernel's terms from its waterfall (section 6: every term accumulated as it happens). */
export function kernelTerms(w: Waterfall): Terms {
  return {
    carry: w.lendIncome - w.borrowInterest,
    funding: w.funding,
    fees: w.fees,
    slippage: 0,
    liquidations: w.penalties,
    transfers: w.transferCosts,
    badDebt: w.badDebt,
    price: w.pricePnl,
  };
}

/** The paper run's terms; `price` is what `F - C` leaves after the others. */
export function paperTerms(run: PaperRun, capital: number): Terms {
  const f = run.final;
  const l = f.ledger;
  const usd = (x: bigint): number => Number(x) / 1e6;
  const t: Terms = {
    carry: usd(f.spot.lendIncome - f.spot.borrowInterest),
    funding: usd(l.fundingRealised + f.perp.unsettledFunding),
    fees: usd(l.fees + f.spot.fees),
    slippage: usd(l.slippage),
    liquidations: usd(l.liquidatorFees + l.ifFees + f.spot.liquidationPenalties),
    transfers: 0,
    badDebt: usd(l.badDebt + f.spot.badDebt),
    price: 0,
  };
  t.price = usd(f.totalEquity) - capital - signedSum(t);
  return t;
}

/** `F - C` from the terms: income terms add, cost terms subtract, bad debt (a forgiven loss) adds. */
export function signedSum(t: Terms): number {
  return t.carry + t.funding - t.fees - t.slippage - t.liquidations - t.transfers + t.badDebt + t.price;
}

/**
 * The lending leg's liquidation for the paper, from the kernel's `long` parameters: MODEL.md 10.3's
 * partial rule when the kernel runs it (`long.liquidation` = partial with CF and BONUS), otherwise a
 * full liquidation with the kernel's notional penalty (close factor 0: no partial rounds).
 */
export function lendingRule(long: BacktestParams['long'] & { liquidation?: unknown }): NonNullable<LendingLegConfig['liquidation']> {
  if (long.penalty.kind !== 'notional') throw new UsageError(`crosscheck: the paper lending leg takes a notional penalty; got --long.penalty ${long.penalty.kind}:${long.penalty.rate}`);
  const rule = long.liquidation as Record<string, unknown> | string | undefined;
  const partial = typeof rule === 'string' ? /^partial:([^:]+):([^:]+)$/.exec(rule) : null;
  if (partial) return { closeFactor: Number(partial[1]), bonus: Number(partial[2]), penaltyRate: long.penalty.rate };
  if (rule !== undefined && typeof rule === 'object' && rule !== null && (rule.kind === 'partial' || rule.mode === 'partial')) {
    const cf = Number(rule.closeFactor ?? rule.cf);
    const bonus = Number(rule.bonus);
    if (Number.isFinite(cf) && Number.isFinite(bonus)) return { closeFactor: cf, bonus, penaltyRate: long.penalty.rate };
  }
  return { closeFactor: 0, bonus: 0, penaltyRate: long.penalty.rate };
}

/**
 * Paper settings that make the strategy engine run the kernel's configuration: always in the market
 * (entry and stop thresholds off, a one-hour lookback so it opens at the day-0 close as the kernel
 * does), no liquidation-proximity exit (the kernel has none), the kernel's leverage, trigger, fees and
 * maintenances; the perp market's maintenance ratio set to the kernel's; slippage off unless asked; the
 * survivor of a liquidation closed when the kernel's `survivor` rule closes it (a zero hedge timeout,
 * deciding at the liquidation for `liquidation`, at the close for `close`); both legs closed at the end.
 */
export function paperSettings(p: BacktestParams & { long: { liquidation?: unknown }; survivor?: unknown }, opts: { slippage: boolean }): PaperRunOptions {
  // MODEL.md 10.1: with survivor=liquidation the surviving leg is closed at the liquidation's moment,
  // which is the strategy's hedge timeout with no delay; with survivor=close (the default, and kernels
  // without the option) it is closed at the day's close, which is the strategy deciding only at the close.
  const survivor = p.survivor === undefined ? 'close' : String(p.survivor);
  const legPrices = (p as { legPrices?: unknown }).legPrices;
  if (legPrices !== undefined && legPrices !== 'perp') throw new UsageError(`crosscheck: the paper replay drives both legs with one price series; --legPrices ${String(legPrices)} cannot be compared`);
  if (survivor !== 'close' && survivor !== 'liquidation') throw new UsageError(`crosscheck: unknown survivor rule ${survivor}`);
  if (p.convention !== 'exact') throw new UsageError('crosscheck: the paper venues follow the exact convention; --convention study cannot be compared');
  if (p.model !== 'rebalance') throw new UsageError(`crosscheck: the strategy engine rebalances (MODEL.md 5.3); --model ${p.model} has no paper counterpart`);
  const maintenance = Math.round(p.perp.maintenance * 1e4);
  if (!(maintenance > 0 && maintenance < 1000)) throw new UsageError(`crosscheck: --perp.maintenance ${p.perp.maintenance} outside the paper market's (0, 0.1) (initial margin 10%)`);
  const feeNumerator = Math.round(p.perp.feeBps * 10);
  if (Math.abs(feeNumerator - p.perp.feeBps * 10) > 1e-9) throw new UsageError(`crosscheck: --perp.feeBps ${p.perp.feeBps} is finer than the paper venue's 0.1 bp fee tiers`);
  return {
    capitalUsd: p.capital,
    strategy: {
      leverage: p.leverage,
      trigger: p.trigger,
      entryApy: -1e9,
      stopApy: -1e9,
      lookbackHours: 1,
      exitHealth: 0,
      hedgeTimeoutMs: 0,
      perpFeeBps: p.perp.feeBps,
      slippageBps: 0,
      longOpenFeeBps: p.long.openFeeBps,
      longCloseFeeBps: p.long.closeFeeBps,
      longMaintenance: p.long.maintenance,
      perpMaintenance: p.perp.maintenance,
    },
    venue: {
      markets: [{ ...SOL_PERP, marginRatioMaintenance: maintenance }],
      takerFeeNumerator: BigInt(feeNumerator),
      takerFeeDenominator: 100_000n,
      ...(opts.slippage ? {} : { slippage: { minPpm: 0, maxPpm: 0, referenceNotional: 100_000n * 1_000_000n } }),
    },
    lendingLiquidation: lendingRule(p.long),
    closeAtEnd: true,
    decideOnLiquidation: survivor === 'liquidation',
  };
}

export interface Crosscheck {
  capital: number;
  kernel: { finalEquity: number; terms: Terms; liquidations: number; rebalances: number; rotations: number };
  paper: { finalEquity: number; terms: Terms; liquidations: number; rebalances: number; rotations: number };
  /** paper - kernel, per term and in total */
  diff: Terms & { finalEquity: number };
}

export function compare(capital: number, kernel: Crosscheck['kernel'], run: PaperRun): Crosscheck {
  const terms = paperTerms(run, capital);
  const c = run.final.counts;
  const paper = { finalEquity: Number(run.final.totalEquity) / 1e6, terms, liquidations: c.liquidations, rebalances: c.rebalances, rotations: c.exits };
  const diff = { ...Object.fromEntries(TERMS.map((k) => [k, terms[k] - kernel.terms[k]])), finalEquity: paper.finalEquity - kernel.finalEquity } as Terms & { finalEquity: number };
  return { capital, kernel, paper, diff };
}
