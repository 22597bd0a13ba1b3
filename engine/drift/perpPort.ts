/**
 * The strategy's `PerpPort` (engine/strategy/ports.ts) over the Drift write adapter: each command goes
 * through `runDriftCommand` (safety checks, journal, simulation, one send, bounded confirmation, the
 * position-change check), and the answers are read back from the chain (the user account decoded by the
 * adapter, `accountFigures` for the margin figures, the user-stats account for the fee paid).
 *
 * Units: the venue-neutral commands already carry Drift's integer units (quote 1e6, base 1e9); amounts
 * must be positive. An open's size (the strategy's `notional / price`) is rounded DOWN to the market's
 * order step (write/precision.ts `roundDownToStep`; the fill reports the size that traded) and refused
 * when it rounds to zero or below the market's minimum order size. Refusals the port can see before sending
 * (more than the settled collateral, no position, the other side open, a partial close) and Drift's
 * simulation refusals it knows (`InsufficientCollateral` on a withdrawal) come back as the venue-neutral
 * errors of engine/venue/errors.ts inside the `Outcome`. Everything else (an unknown Drift error, a
 * confirmation timeout, a position that did not fill, an account it cannot read) THROWS: the state is
 * unknown and the driver must stop (fail closed).
 *
 * @example
 *   const perp = new DriftPerpPort({ adapter, journal, client, clock, refresh, safety, sleep, keyPrefix: 'run-1' });
 *   await perp.execute({ type: 'WITHDRAW', amount: 25_000000n });
 */
import type { DriftClient } from '@drift-labs/sdk';
import type { ExecuteLimits } from '../journal/executor.js';
import type { CommandJournal } from '../journal/journal.js';
import type { Sleep } from '../journal/ports.js';
import type { PerpPort } from '../strategy/ports.js';
import type { Clock } from '../venue/clock.js';
import { DirectionConflictError, InsufficientCollateralError, InsufficientFreeCollateralError, InvalidCommandError, NoPositionError, CloseSizeError, type VenueError } from '../venue/errors.js';
import type { AccountFigures, Fill, Outcome, PerpCommand, PerpResult, PositionView } from '../venue/types.js';
import { clientFigures, usdcTokenAmount } from './clientFigures.js';
import { runDriftCommand, type DriftWriteAdapter } from './write/adapter.js';
import { InvalidInputError, SimulationFailedError } from './write/errors.js';
import { roundDownToStep } from './write/precision.js';
import type { WriteCheck } from './write/safety.js';
import type { DriftWriteCommand } from './write/validate.js';

export interface DriftPerpPortConfig {
  adapter: DriftWriteAdapter;
  journal: CommandJournal<DriftWriteCommand>;
  /** the same user's SDK client (margin figures, market step sizes, oracle) */
  client: DriftClient;
  clock: Clock;
  /** re-reads the client's accounts from the chain (the subscription's fetch) */
  refresh: () => Promise<void>;
  /** checks before anything is journaled (the pre-live gate, kill switch, limits) */
  safety: () => Promise<WriteCheck[]>;
  sleep: Sleep;
  limits?: ExecuteLimits;
  /** unix seconds of the figures (default: the clock's); the SDK reads it in strict pricing only */
  nowUnix?: () => number;
  /** journal keys are `<keyPrefix>/<n>-<command>`, n counting this port's commands */
  keyPrefix: string;
  subAccountId?: number;
}

const big = (x: { toString(): string }): bigint => BigInt(x.toString());
const abs = (x: bigint): bigint => (x < 0n ? -x : x);

export class DriftPerpPort implements PerpPort {
  private n = 0;
  private readonly sub: number;
  constructor(private readonly cfg: DriftPerpPortConfig) {
    this.sub = cfg.subAccountId ?? 0;
  }

  /**
   * The account's figures by the engine's `accountFigures` (engine/drift/figures.ts, equal to the SDK
   * `User`'s methods: cross-checked in the strategy test) over the client's freshly fetched accounts;
   * collateral is the USDC spot balance as a token amount (the SDK's interest math).
   */
  async figures(): Promise<AccountFigures> {
    await this.cfg.refresh();
    const nowUnix = this.cfg.nowUnix ? this.cfg.nowUnix() : Math.floor(this.cfg.clock.now() / 1000);
    const f = clientFigures(this.cfg.client, this.sub, nowUnix);
    if (!Number.isFinite(f.health)) throw new Error(`Drift health ${f.health} is not finite: figures unknown`);
    const collateral = await usdcTokenAmount(this.cfg.client, this.sub);
    return { collateral, unsettledPnl: f.unrealizedPnl, unsettledFunding: f.unrealizedPnl - f.unrealizedPnlNoFunding, equity: collateral + f.unrealizedPnl, health: f.health, leverage: f.leverage, freeCollateral: f.freeCollateral };
  }

  async position(marketIndex: number): Promise<PositionView | undefined> {
    const view = await this.cfg.adapter.view(); // decoded from the chain now
    if (!view.perp.has(marketIndex)) return undefined;
    const p = (await this.rawPositions()).find((x) => x.marketIndex === marketIndex);
    if (!p) throw new Error(`Drift perp position ${marketIndex} decoded from the chain but absent from the client: state unknown`);
    if (big(p.baseAssetAmount) !== view.perp.get(marketIndex)!.base) throw new Error(`Drift perp position ${marketIndex}: client and chain disagree: state unknown`);
    if (big(p.baseAssetAmount) === 0n) return undefined;
    return { marketIndex, baseAssetAmount: big(p.baseAssetAmount), quoteAssetAmount: big(p.quoteAssetAmount), lastCumulativeFundingRate: big(p.lastCumulativeFundingRate), maxMarginRatio: Number(p.maxMarginRatio ?? 0), quoteEntryAmount: big(p.quoteEntryAmount) };
  }

  async settlePnl(marketIndex: number): Promise<Outcome<PerpResult>> {
    const before = await this.figures();
    await this.run({ type: 'SETTLE_PNL', marketIndex });
    const after = await this.figures();
    return { ok: true, value: { type: 'SETTLE_PNL', time: this.cfg.clock.now(), marketIndex, settled: after.collateral - before.collateral, after } };
  }

  async execute(cmd: PerpCommand): Promise<Outcome<PerpResult>> {
    const refused = (error: VenueError): Outcome<PerpResult> => ({ ok: false, error });
    const time = this.cfg.clock.now();
    switch (cmd.type) {
      case 'DEPOSIT':
      case 'WITHDRAW': {
        if (cmd.amount <= 0n) return refused(new InvalidCommandError('amount', `${cmd.amount} must be positive (quote 1e6)`));
        if (cmd.type === 'WITHDRAW') {
          const fig = await this.figures();
          if (cmd.amount > fig.collateral) return refused(new InsufficientCollateralError(cmd.amount, fig.collateral));
          try {
            await this.run({ type: 'WITHDRAW', amount: cmd.amount });
          } catch (e) {
            if (e instanceof SimulationFailedError && e.errorName === 'InsufficientCollateral') return refused(new InsufficientFreeCollateralError(cmd.amount, fig.freeCollateral));
            throw e;
          }
        } else await this.run({ type: 'DEPOSIT', amount: cmd.amount });
        return { ok: true, value: { type: cmd.type, time, amount: cmd.amount, after: await this.figures() } };
      }
      case 'OPEN_POSITION': {
        await this.cfg.refresh();
        const market = this.cfg.client.getPerpMarketAccount(cmd.marketIndex);
        if (!market) return refused(new InvalidCommandError('marketIndex', `perp market ${cmd.marketIndex} is not loaded`));
        let size: bigint;
        try {
          size = roundDownToStep(cmd.baseAssetAmount, { orderStepSize: big(market.amm.orderStepSize), minOrderSize: big(market.amm.minOrderSize) });
        } catch (e) {
          if (e instanceof InvalidInputError) return refused(new InvalidCommandError(e.field, e.reason));
          throw e;
        }
        const pos = await this.position(cmd.marketIndex);
        if (pos && (pos.baseAssetAmount < 0n ? 'short' : 'long') !== cmd.direction) return refused(new DirectionConflictError(cmd.marketIndex, pos.baseAssetAmount < 0n ? 'short' : 'long'));
        const before = await this.snapshot(cmd.marketIndex);
        await this.run({ type: 'OPEN_POSITION', marketIndex: cmd.marketIndex, direction: cmd.direction, baseAssetAmount: size });
        const after = await this.snapshot(cmd.marketIndex);
        const fill = this.fill(cmd.marketIndex, cmd.direction, before, after, abs(after.quoteEntry - before.quoteEntry));
        return { ok: true, value: { type: 'OPEN_POSITION', time, fill, after: await this.figures() } };
      }
      case 'CLOSE_POSITION': {
        const pos = await this.position(cmd.marketIndex);
        if (!pos) return refused(new NoPositionError(cmd.marketIndex));
        const open = abs(pos.baseAssetAmount);
        if (cmd.baseAssetAmount !== undefined && cmd.baseAssetAmount > open) return refused(new CloseSizeError(cmd.baseAssetAmount, open));
        if (cmd.baseAssetAmount !== undefined && cmd.baseAssetAmount !== open) return refused(new InvalidCommandError('baseAssetAmount', 'a partial close is not supported by the Drift write adapter (it closes the whole position)'));
        const before = await this.snapshot(cmd.marketIndex);
        await this.run({ type: 'CLOSE_POSITION', marketIndex: cmd.marketIndex });
        const after = await this.snapshot(cmd.marketIndex);
        // cash flow of the trade (selling positive) = change of the position's quote + the fee it paid
        const cash = after.quote - before.quote + (after.feePaid - before.feePaid);
        const fill = this.fill(cmd.marketIndex, pos.baseAssetAmount < 0n ? 'long' : 'short', before, after, abs(cash));
        return { ok: true, value: { type: 'CLOSE_POSITION', time, fill, realizedPnl: before.quoteEntry + cash, after: await this.figures() } };
      }
    }
  }

  private async run(cmd: DriftWriteCommand): Promise<void> {
    const key = `${this.cfg.keyPrefix}/${++this.n}-${cmd.type}`;
    await runDriftCommand(this.cfg.adapter, this.cfg.journal, key, cmd, { sleep: this.cfg.sleep, safety: this.cfg.safety, limits: this.cfg.limits });
  }

  private async rawPositions() {
    await this.cfg.refresh();
    const acct = this.cfg.client.getUser(this.sub).getUserAccount();
    if (!acct) throw new Error(`Drift user account of sub-account ${this.sub} is not loaded: position unknown`);
    return acct.perpPositions;
  }

  /** Base, quote, entry cost of one position and the user's total fee paid (user stats), from the chain. */
  private async snapshot(marketIndex: number): Promise<{ base: bigint; quote: bigint; quoteEntry: bigint; feePaid: bigint; oracle: bigint }> {
    const p = (await this.rawPositions()).find((x) => x.marketIndex === marketIndex);
    const statsKey = this.cfg.client.getUserStatsAccountPublicKey();
    const info = await this.cfg.client.connection.getAccountInfo(statsKey);
    if (!info) throw new Error(`Drift user stats account ${statsKey.toBase58()} does not exist: fees unknown`);
    const stats = this.cfg.client.program.coder.accounts.decode('UserStats', info.data) as { fees: { totalFeePaid: { toString(): string } } };
    const oracle = big(this.cfg.client.getOracleDataForPerpMarket(marketIndex).price);
    return { base: p ? big(p.baseAssetAmount) : 0n, quote: p ? big(p.quoteAssetAmount) : 0n, quoteEntry: p ? big(p.quoteEntryAmount) : 0n, feePaid: big(stats.fees.totalFeePaid), oracle };
  }

  private fill(marketIndex: number, side: 'long' | 'short', before: { base: bigint; feePaid: bigint; oracle: bigint }, after: { base: bigint; feePaid: bigint }, tradeQuote: bigint): Fill {
    const base = abs(after.base - before.base);
    const notional = (base * before.oracle) / 1_000_000_000n;
    // fill price rounded against the taker: up when buying, down when selling
    const fillPrice = side === 'long' ? (tradeQuote * 1_000_000_000n + base - 1n) / base : (tradeQuote * 1_000_000_000n) / base;
    const slippage = side === 'long' ? tradeQuote - notional : notional - tradeQuote;
    return { marketIndex, side, baseAssetAmount: base, oraclePrice: before.oracle, notional, slippage, fee: after.feePaid - before.feePaid, fillPrice };
  }
}
