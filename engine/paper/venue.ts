/**
 * The paper venue (MODEL.md section 8): a virtual Drift account with USDC collateral and perp positions,
 * driven by an injected clock. Commands return an `Outcome` (a result or a typed error), never throw for
 * a refused command. Health, leverage and free collateral come from the same reference that matches
 * `@drift-labs/sdk` (engine/health/reference.ts), so "health 80" here is the SDK's `getHealth()` 80.
 *
 * Mechanics, in Drift's own terms: a trade first realises the position's unsettled funding into its
 * quote amount; buys pay `notional + slippage`, sells receive `notional - slippage`; the taker fee is
 * charged to the quote amount; PnL stays unsettled until `settlePnl` moves it into collateral.
 * Funding accrues every `fundingPeriodMs` (Drift: hourly) into the market's cumulative funding rates.
 *
 * @example
 *   const venue = new PaperVenue(clock);
 *   venue.setMarket(0, { oraclePrice: 150_000_000n, fundingRate: 0n });
 *   venue.execute({ type: 'DEPOSIT', amount: 10_000_000_000n });
 *   const r = venue.execute({ type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 10n ** 10n });
 */
import { accountHealth, perpLiabilityValue, positionPnl, programFreeCollateral, unsettledFundingPnl } from '../health/reference.js';
import type { AccountState, MarketSnapshot, PerpMarketState } from '../health/types.js';
import type { Clock } from './clock.js';
import {
  CloseSizeError,
  DirectionConflictError,
  HealthLimitError,
  InsufficientCollateralError,
  InsufficientFreeCollateralError,
  InvalidCommandError,
  LeverageLimitError,
  NoPositionError,
  PaperVenueError,
} from './errors.js';
import { SOL_PERP_LIQUIDATION, liquidationMarginTotals, planLiquidationStep, type DriftLiquidationConfig, type LiquidationMargins, type PerpLiquidation, type PerpLiquidationStep } from './perpLiquidation.js';
import { DEFAULT_SLIPPAGE, slippageCost, type SlippageConfig } from './slippage.js';
import type { AccountFigures, Direction, Fill, Outcome, PaperCommand, PaperLedger, PaperResult, PositionView } from './types.js';

export type PaperMarketConfig = Omit<PerpMarketState, 'oraclePrice' | 'cumulativeFundingRateLong' | 'cumulativeFundingRateShort'> & { name: string };

/** SOL-PERP as the paper venue models it: maintenance 5%, initial 10% (the 10x cap), no IMF. */
export const SOL_PERP: PaperMarketConfig = {
  marketIndex: 0,
  name: 'SOL-PERP',
  marginRatioInitial: 1000,
  marginRatioMaintenance: 500,
  imfFactor: 0,
  unrealizedPnlInitialAssetWeight: 10_000,
  unrealizedPnlMaintenanceAssetWeight: 10_000,
  unrealizedPnlImfFactor: 0,
};

export interface PaperVenueConfig {
  /** index-aligned: `markets[i].marketIndex === i` */
  markets: readonly PaperMarketConfig[];
  /** taker fee as Drift's fee tier: numerator / denominator (3.5 bps = 35 / 100,000) */
  takerFeeNumerator: bigint;
  takerFeeDenominator: bigint;
  slippage: SlippageConfig;
  /** account leverage cap after an open, 1e4 (10x) */
  maxLeverage: bigint;
  /** a withdrawal may not leave health below this */
  minWithdrawHealth: number;
  fundingPeriodMs: number;
  /** smallest order notional, quote 1e6 */
  minOrderNotional: bigint;
  /** largest single deposit, quote 1e6 */
  maxDeposit: bigint;
  /** Drift's liquidation parameters (engine/paper/perpLiquidation.ts) */
  liquidation: DriftLiquidationConfig;
}

export const DEFAULT_PAPER_CONFIG: PaperVenueConfig = {
  markets: [SOL_PERP],
  takerFeeNumerator: 35n,
  takerFeeDenominator: 100_000n,
  slippage: DEFAULT_SLIPPAGE,
  maxLeverage: 100_000n,
  minWithdrawHealth: 80,
  fundingPeriodMs: 3_600_000,
  minOrderNotional: 1_000_000n,
  maxDeposit: 10n ** 15n,
  liquidation: SOL_PERP_LIQUIDATION,
};

interface MarketRuntime extends PerpMarketState {
  /** quote per base per funding period, 1e9; positive: longs pay shorts */
  fundingRate: bigint;
}

export interface JournalEntry {
  time: number;
  command: PaperCommand | { type: 'SETTLE_PNL'; marketIndex: number };
  outcome: Outcome<PaperResult>;
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);
const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

export class PaperVenue {
  readonly config: PaperVenueConfig;
  readonly journal: JournalEntry[] = [];
  private collateral = 0n;
  private readonly markets: MarketRuntime[];
  private readonly positionsByMarket = new Map<number, PositionView>();
  private lastFundingPeriod: number;
  private readonly totals: PaperLedger = { deposits: 0n, withdrawals: 0n, fees: 0n, slippage: 0n, fundingRealised: 0n, settledPnl: 0n, liquidatorFees: 0n, ifFees: 0n, badDebt: 0n, liquidations: 0 };
  /** every liquidation the venue ran, in order */
  readonly liquidations: PerpLiquidation[] = [];

  constructor(private readonly clock: Clock, config: Partial<PaperVenueConfig> = {}) {
    this.config = { ...DEFAULT_PAPER_CONFIG, ...config };
    this.config.markets.forEach((m, i) => {
      if (m.marketIndex !== i) throw new RangeError(`paper markets must be index-aligned: ${m.name} at ${i}`);
    });
    if (!(this.config.fundingPeriodMs > 0)) throw new RangeError('fundingPeriodMs must be positive');
    this.markets = this.config.markets.map(({ name: _name, ...m }) => ({
      ...m, oraclePrice: 0n, cumulativeFundingRateLong: 0n, cumulativeFundingRateShort: 0n, fundingRate: 0n,
    }));
    this.lastFundingPeriod = Math.floor(clock.now() / this.config.fundingPeriodMs);
  }

  /** Accrue funding up to now, then set a market's oracle price (1e6) and funding rate (1e9 per period). */
  setMarket(marketIndex: number, update: { oraclePrice: bigint; fundingRate: bigint }): void {
    const m = this.markets[marketIndex];
    if (m === undefined) throw new RangeError(`unknown market ${marketIndex}`);
    if (update.oraclePrice <= 0n) throw new RangeError('oracle price must be positive');
    this.sync();
    m.oraclePrice = update.oraclePrice;
    m.fundingRate = update.fundingRate;
  }

  /** Accrue every funding period that ended since the last sync into the cumulative funding rates. */
  sync(): void {
    const period = Math.floor(this.clock.now() / this.config.fundingPeriodMs);
    const n = period - this.lastFundingPeriod;
    if (n <= 0) return;
    for (const m of this.markets) {
      m.cumulativeFundingRateLong += BigInt(n) * m.fundingRate;
      m.cumulativeFundingRateShort += BigInt(n) * m.fundingRate;
    }
    this.lastFundingPeriod = period;
  }

  /** Run one command; refused commands come back as `{ ok: false, error }` and change nothing. */
  execute(cmd: PaperCommand): Outcome<PaperResult> {
    this.sync();
    let outcome: Outcome<PaperResult>;
    try {
      outcome = { ok: true, value: this.apply(cmd) };
    } catch (e) {
      if (!(e instanceof PaperVenueError)) throw e;
      outcome = { ok: false, error: e };
    }
    this.journal.push({ time: this.clock.now(), command: cmd, outcome });
    return outcome;
  }

  /** Move a market's unrealised and funding PnL into collateral (a loss only down to zero collateral). */
  settlePnl(marketIndex: number): Outcome<PaperResult> {
    this.sync();
    const pos = this.positionsByMarket.get(marketIndex);
    let outcome: Outcome<PaperResult>;
    if (pos === undefined) {
      outcome = { ok: false, error: new NoPositionError(marketIndex) };
    } else {
      const market = this.realiseFunding(marketIndex, pos);
      const pnl = positionPnl(market, pos);
      const settled = pnl < 0n && -pnl > this.collateral ? -this.collateral : pnl;
      this.collateral += settled;
      pos.quoteAssetAmount -= settled;
      this.totals.settledPnl += settled;
      this.dropIfEmpty(marketIndex, pos);
      outcome = { ok: true, value: { type: 'SETTLE_PNL', time: this.clock.now(), marketIndex, settled, after: this.figures() } };
    }
    this.journal.push({ time: this.clock.now(), command: { type: 'SETTLE_PNL', marketIndex }, outcome });
    return outcome;
  }

  private apply(cmd: PaperCommand): PaperResult {
    const time = this.clock.now();
    switch (cmd.type) {
      case 'DEPOSIT': {
        if (cmd.amount <= 0n || cmd.amount > this.config.maxDeposit) throw new InvalidCommandError('amount', `must be in (0, ${this.config.maxDeposit}]`);
        this.collateral += cmd.amount;
        this.totals.deposits += cmd.amount;
        return { type: 'DEPOSIT', time, amount: cmd.amount, after: this.figures() };
      }
      case 'WITHDRAW':
        this.checkWithdraw(cmd.amount);
        this.collateral -= cmd.amount;
        this.totals.withdrawals += cmd.amount;
        return { type: 'WITHDRAW', time, amount: cmd.amount, after: this.figures() };
      case 'OPEN_POSITION':
        return { type: 'OPEN_POSITION', time, fill: this.open(cmd.marketIndex, cmd.direction, cmd.baseAssetAmount), after: this.figures() };
      case 'CLOSE_POSITION': {
        const { fill, realizedPnl } = this.close(cmd.marketIndex, cmd.baseAssetAmount);
        return { type: 'CLOSE_POSITION', time, fill, realizedPnl, after: this.figures() };
      }
    }
  }

  private checkWithdraw(amount: bigint): void {
    if (amount <= 0n) throw new InvalidCommandError('amount', 'must be positive');
    if (amount > this.collateral) throw new InsufficientCollateralError(amount, this.collateral);
    // The stricter of the SDK's free collateral and the program's (which caps positive uPnL at $100 per
    // position in the initial margin): a withdrawal the chain would refuse is refused here too.
    const sdkFree = this.figures().freeCollateral;
    const chainFree = programFreeCollateral(this.accountState(), this.snapshot());
    const free = chainFree < sdkFree ? chainFree : sdkFree;
    if (amount > free) throw new InsufficientFreeCollateralError(amount, free);
    const after = accountHealth(this.accountState(this.collateral - amount), this.snapshot()).health;
    if (after < this.config.minWithdrawHealth) throw new HealthLimitError(after, this.config.minWithdrawHealth);
  }

  private market(marketIndex: number): MarketRuntime {
    const m = this.markets[marketIndex];
    if (m === undefined) throw new InvalidCommandError('marketIndex', `unknown market ${marketIndex}`);
    if (m.oraclePrice <= 0n) throw new InvalidCommandError('marketIndex', `market ${marketIndex} has no oracle price yet`);
    return m;
  }

  /** Drift's settle_funding_payment: unsettled funding moves into the position's quote amount. */
  private realiseFunding(marketIndex: number, pos: PositionView, ledger: PaperLedger = this.totals): MarketRuntime {
    const market = this.market(marketIndex);
    const funding = unsettledFundingPnl(market, pos);
    pos.quoteAssetAmount += funding;
    ledger.fundingRealised += funding;
    pos.lastCumulativeFundingRate = pos.baseAssetAmount >= 0n ? market.cumulativeFundingRateLong : market.cumulativeFundingRateShort;
    return market;
  }

  /** Price a trade: notional, slippage against the taker, fee, effective price. */
  private price(market: MarketRuntime, side: Direction, size: bigint): Fill {
    if (size <= 0n) throw new InvalidCommandError('baseAssetAmount', 'must be positive');
    const notional = perpLiabilityValue(size, market.oraclePrice);
    if (notional < this.config.minOrderNotional) throw new InvalidCommandError('baseAssetAmount', `notional ${notional} below the minimum order ${this.config.minOrderNotional}`);
    const slippage = slippageCost(notional, this.config.slippage);
    const fee = ceilDiv(notional * this.config.takerFeeNumerator, this.config.takerFeeDenominator);
    const fillPrice = side === 'long' ? ceilDiv((notional + slippage) * 1_000_000_000n, size) : ((notional - slippage) * 1_000_000_000n) / size;
    return { marketIndex: market.marketIndex, side, baseAssetAmount: size, oraclePrice: market.oraclePrice, notional, slippage, fee, fillPrice };
  }

  /** Book a priced trade on a position: quote moves by the signed proceeds less the fee. */
  private book(pos: PositionView, fill: Fill, ledger: PaperLedger = this.totals): bigint {
    const signed = fill.side === 'long' ? -(fill.notional + fill.slippage) : fill.notional - fill.slippage;
    pos.baseAssetAmount += fill.side === 'long' ? fill.baseAssetAmount : -fill.baseAssetAmount;
    pos.quoteAssetAmount += signed - fill.fee;
    ledger.fees += fill.fee;
    ledger.slippage += fill.slippage;
    return signed;
  }

  private open(marketIndex: number, direction: Direction, size: bigint): Fill {
    const market = this.market(marketIndex);
    const existing = this.positionsByMarket.get(marketIndex);
    if (existing !== undefined && existing.baseAssetAmount !== 0n && (existing.baseAssetAmount > 0n) !== (direction === 'long')) {
      throw new DirectionConflictError(marketIndex, existing.baseAssetAmount > 0n ? 'long' : 'short');
    }
    const fill = this.price(market, direction, size);
    // Book the trade on copies of the position and the ledger: a refused open changes nothing.
    const pos: PositionView = existing !== undefined ? { ...existing } : { marketIndex, baseAssetAmount: 0n, quoteAssetAmount: 0n, quoteEntryAmount: 0n, lastCumulativeFundingRate: 0n, maxMarginRatio: 0 };
    const ledger = { ...this.totals };
    if (existing !== undefined) this.realiseFunding(marketIndex, pos, ledger);
    else pos.lastCumulativeFundingRate = direction === 'long' ? market.cumulativeFundingRateLong : market.cumulativeFundingRateShort;
    pos.quoteEntryAmount += this.book(pos, fill, ledger);
    const trial = new Map(this.positionsByMarket).set(marketIndex, pos);
    const h = accountHealth(this.accountState(this.collateral, trial), this.snapshot());
    const net = this.collateral + [...trial.values()].reduce((s, p) => s + positionPnl(this.markets[p.marketIndex]!, p), 0n);
    if (net <= 0n || h.leverage > this.config.maxLeverage) throw new LeverageLimitError(net <= 0n ? null : h.leverage, this.config.maxLeverage);
    this.positionsByMarket.set(marketIndex, pos);
    Object.assign(this.totals, ledger);
    return fill;
  }

  private close(marketIndex: number, size: bigint | undefined): { fill: Fill; realizedPnl: bigint } {
    const market = this.market(marketIndex);
    const pos = this.positionsByMarket.get(marketIndex);
    if (pos === undefined || pos.baseAssetAmount === 0n) throw new NoPositionError(marketIndex);
    const open = abs(pos.baseAssetAmount);
    const amount = size ?? open;
    if (amount > open) throw new CloseSizeError(amount, open);
    const fill = this.price(market, pos.baseAssetAmount > 0n ? 'short' : 'long', amount);
    this.realiseFunding(marketIndex, pos);
    const entryShare = (pos.quoteEntryAmount * amount) / open;
    const signed = this.book(pos, fill);
    pos.quoteEntryAmount -= entryShare;
    this.dropIfEmpty(marketIndex, pos);
    return { fill, realizedPnl: signed + entryShare };
  }

  private dropIfEmpty(marketIndex: number, pos: PositionView): void {
    if (pos.baseAssetAmount === 0n && pos.quoteAssetAmount === 0n) this.positionsByMarket.delete(marketIndex);
  }

  /**
   * Liquidate the account as Drift's `liquidate_perp` would at the current oracle price, if maintenance
   * total collateral is below the maintenance requirement: steps until the account can leave
   * liquidation (engine/paper/perpLiquidation.ts). Returns the liquidation, or null when the account
   * meets its requirement. A loss beyond the collateral once the position is gone is bad debt (the
   * insurance fund's), and the account is reset to zero.
   */
  liquidate(marketIndex = 0): PerpLiquidation | null {
    this.sync();
    const pos = this.positionsByMarket.get(marketIndex);
    if (pos === undefined || pos.baseAssetAmount === 0n) return null;
    const start = this.liquidationMargins();
    if (start.totalCollateral >= start.marginRequirement) return null;
    const market = this.realiseFunding(marketIndex, pos); // settle_funding_payment first
    const cfg = this.config.liquidation;
    const steps: PerpLiquidationStep[] = [];
    for (let i = 0; i < 50 && pos.baseAssetAmount !== 0n; i++) {
      const m = this.liquidationMargins();
      if (m.totalCollateralPlusBuffer >= m.marginRequirementPlusBuffer) break; // can_exit_liquidation
      const shortage = m.marginRequirementPlusBuffer - m.totalCollateralPlusBuffer;
      const userBase = abs(pos.baseAssetAmount);
      const { ifRate, toCover, base, value, liquidatorFee, ifFee } = planLiquidationStep(shortage, userBase, BigInt(market.marginRatioMaintenance), market.oraclePrice, cfg);
      const entryShare = (pos.quoteEntryAmount * base) / userBase;
      const signed = pos.baseAssetAmount < 0n ? -value : value; // the user closes: a short buys back
      pos.baseAssetAmount += pos.baseAssetAmount < 0n ? base : -base;
      pos.quoteAssetAmount += signed - liquidatorFee - ifFee;
      pos.quoteEntryAmount -= entryShare;
      this.totals.liquidatorFees += liquidatorFee;
      this.totals.ifFees += ifFee;
      steps.push({ marginShortage: shortage, baseToCover: toCover, baseAssetAmount: base, baseAssetValue: value, liquidatorFee, ifFee, liquidatorFeeRate: cfg.liquidatorFee, ifFeeRate: ifRate, realizedPnl: signed + entryShare });
      if (toCover !== null && base >= toCover) break; // the program's exit_liquidation
    }
    let badDebt = 0n;
    if (pos.baseAssetAmount === 0n) {
      const equity = this.collateral + positionPnl(market, pos);
      if (equity < 0n) {
        badDebt = -equity; // resolve_perp_bankruptcy: the insurance fund (then socialisation) takes the loss
        this.totals.settledPnl += -this.collateral;
        this.collateral = 0n;
        pos.quoteAssetAmount = 0n;
        this.totals.badDebt += badDebt;
      }
      this.dropIfEmpty(marketIndex, pos);
    }
    this.totals.liquidations += 1;
    const event: PerpLiquidation = { time: this.clock.now(), marketIndex, oraclePrice: market.oraclePrice, totalCollateral: start.totalCollateral, marginRequirement: start.marginRequirement, steps, baseAfter: pos.baseAssetAmount, badDebt };
    this.liquidations.push(event);
    return event;
  }

  /** Maintenance totals in Drift's liquidation context (with `liquidation_margin_buffer_ratio`). */
  liquidationMargins(): LiquidationMargins {
    return liquidationMarginTotals(this.accountState(), this.snapshot(), this.config.liquidation.liquidationMarginBufferRatio);
  }

  /** The oracle price at which maintenance collateral meets the requirement (the SDK's), or null. */
  liquidationPrice(marketIndex = 0): bigint | null {
    const pos = this.positionsByMarket.get(marketIndex);
    if (pos === undefined || pos.baseAssetAmount === 0n) return null;
    const h = accountHealth(this.accountState(), this.snapshot());
    const i = this.accountState().positions.findIndex((p) => p.marketIndex === marketIndex);
    const lp = h.liquidationPrices[i] ?? -1n;
    return lp > 0n ? lp : null;
  }

  /** The account as the health math sees it (collateral as a USDC scaled balance at interest 1.0). */
  accountState(collateral = this.collateral, positions: ReadonlyMap<number, PositionView> = this.positionsByMarket): AccountState {
    return {
      usdcScaledBalance: collateral * 1000n,
      maxMarginRatio: 0,
      positions: [...positions.values()].sort((a, b) => a.marketIndex - b.marketIndex).map((p) => ({ ...p })),
    };
  }

  /** Current market states for the health math. */
  snapshot(): MarketSnapshot {
    return { quote: { cumulativeDepositInterest: 10_000_000_000n }, perp: this.markets.map((m) => ({ ...m })) };
  }

  /** Health, leverage, free collateral, settled vs unsettled PnL, now. */
  figures(): AccountFigures {
    const h = accountHealth(this.accountState(), this.snapshot());
    let unsettledPnl = 0n;
    let unsettledFunding = 0n;
    for (const p of this.positionsByMarket.values()) {
      const m = this.markets[p.marketIndex]!;
      unsettledPnl += positionPnl(m, p);
      unsettledFunding += unsettledFundingPnl(m, p);
    }
    return {
      collateral: this.collateral,
      unsettledPnl,
      unsettledFunding,
      equity: this.collateral + unsettledPnl,
      health: h.health,
      leverage: h.leverage,
      freeCollateral: h.freeCollateral,
    };
  }

  positions(): PositionView[] {
    return [...this.positionsByMarket.values()].map((p) => ({ ...p })).sort((a, b) => a.marketIndex - b.marketIndex);
  }

  position(marketIndex: number): PositionView | undefined {
    const p = this.positionsByMarket.get(marketIndex);
    return p === undefined ? undefined : { ...p };
  }

  ledger(): PaperLedger {
    return { ...this.totals };
  }

  oraclePrice(marketIndex: number): bigint {
    return this.markets[marketIndex]?.oraclePrice ?? 0n;
  }

  now(): number {
    return this.clock.now();
  }
}
