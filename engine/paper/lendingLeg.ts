/**
 * A paper lending leg (the strategy's long leg, MODEL.md section 1): SOL collateral earning the supply
 * rate, USDC debt paying the borrow rate, on an injected clock. Integer units at its boundary: SOL in
 * lamports (1e9), USDC 1e6; rates accrue continuously-compounded-per-APY over elapsed time.
 *
 * Liquidation (`liquidate()`, run by the replay whenever the price moves) is MODEL.md section 10.3's
 * partial rule with the venue's close factor and bonus: while `E <= m N`, a liquidator repays
 * `CF x debt` and seizes SOL worth that plus the bonus (at most 50 rounds; when a round would seize all
 * the SOL, or after 50 rounds, the leg is liquidated in full with the section 3 notional penalty, a
 * negative equity being bad debt). What is left of a full liquidation is released to the wallet.
 *
 * @example
 *   const leg = new PaperLendingLeg(clock, { maintenance: 0.15, openFeeBps: 15, closeFeeBps: 0 });
 *   leg.update({ price: 150, lendApy: 0.06, borrowApy: 0.08 });
 *   leg.execute({ type: 'SPOT_OPEN', equity: 5_000_000_000n, notional: 10_000_000_000n });
 */
import type { Clock } from './clock.js';
import { InvalidCommandError, NoPositionError, type PaperVenueError } from './errors.js';
import type { Outcome } from './types.js';

export type SpotCommand =
  /** post `equity` USDC, borrow the rest of `notional`, buy SOL with it (quote 1e6) */
  | { type: 'SPOT_OPEN'; equity: bigint; notional: bigint }
  /** sell all SOL, repay the debt, release the rest */
  | { type: 'SPOT_CLOSE' }
  /** borrow more USDC out of the leg (moves `amount` to the wallet) */
  | { type: 'SPOT_BORROW'; amount: bigint }
  /** repay debt from the wallet */
  | { type: 'SPOT_REPAY'; amount: bigint };

export interface SpotResult {
  type: SpotCommand['type'];
  time: number;
  /** USDC into (+) or out of (-) the wallet by this command, quote 1e6 */
  walletDelta: bigint;
  fee: bigint;
}

export interface LendingLegConfig {
  /** liquidated when E <= m*N */
  maintenance: number;
  openFeeBps: number;
  closeFeeBps: number;
  /** MODEL.md 10.3 `partial:CF:BONUS`, and the full liquidation's notional penalty rate */
  liquidation?: { closeFactor: number; bonus: number; penaltyRate: number };
}

/** The paper lending venue's liquidation: MODEL.md 10.3's `partial:0.2:0.05`, full penalty 5% of notional (section 3). */
export const DEFAULT_LENDING_LIQUIDATION = { closeFactor: 0.2, bonus: 0.05, penaltyRate: 0.05 };

/** One liquidation of the lending leg at one price: its partial rounds, maybe a full liquidation. */
export interface LendingLiquidation {
  time: number;
  /** USD per SOL */
  price: number;
  /** each round: debt repaid (quote 1e6), SOL seized (1e9), bonus = seized value - repaid (quote 1e6) */
  rounds: { repaid: bigint; seized: bigint; bonus: bigint }[];
  /** the leg was closed out (SOL would all be seized, or still under maintenance after 50 rounds) */
  full: boolean;
  /** full liquidation only: the notional penalty, the bad debt, and what went back to the wallet (quote 1e6) */
  penalty: bigint;
  badDebt: bigint;
  released: bigint;
  solAfter: bigint;
  debtAfter: bigint;
}

const YEAR_MS = 365 * 86_400_000;

export class PaperLendingLeg {
  sol = 0n;
  debt = 0n;
  private price = 0;
  private lendApy = 0;
  private borrowApy = 0;
  private lastAccrual: number;
  lendIncome = 0n;
  borrowInterest = 0n;
  /** liquidation bonuses and penalties paid, bad debt left to the venue (quote 1e6) */
  liquidationPenalties = 0n;
  badDebt = 0n;
  /** open and close fees paid (quote 1e6) */
  fees = 0n;
  readonly liquidations: LendingLiquidation[] = [];

  constructor(private readonly clock: Clock, readonly config: LendingLegConfig) {
    this.lastAccrual = clock.now();
  }

  /** Accrue to now at the old rates, then set the SOL price (USD) and rates (annual APY fractions). */
  update(m: { price: number; lendApy: number; borrowApy: number }): void {
    this.sync();
    if (!(m.price > 0)) throw new RangeError('price must be positive');
    this.price = m.price;
    this.lendApy = m.lendApy;
    this.borrowApy = m.borrowApy;
  }

  sync(): void {
    const now = this.clock.now();
    const years = (now - this.lastAccrual) / YEAR_MS;
    this.lastAccrual = now;
    if (years <= 0) return;
    const lend = BigInt(Math.floor(Number(this.sol) * ((1 + this.lendApy) ** years - 1)));
    const interest = this.debt > 0n ? BigInt(Math.ceil(Number(this.debt) * ((1 + this.borrowApy) ** years - 1))) : 0n;
    this.sol += lend;
    this.debt += interest;
    this.lendIncome += BigInt(Math.round((Number(lend) / 1e9) * this.price * 1e6));
    this.borrowInterest += interest;
  }

  /** Notional (quote 1e6) at the current price. */
  notional(): bigint {
    return BigInt(Math.floor((Number(this.sol) / 1e9) * this.price * 1e6));
  }

  equity(): bigint {
    return this.notional() - this.debt;
  }

  /** MODEL.md section 6 per-leg health: 0 if E <= 0, else clamp(100 (1 - m N / E)), rounded. */
  health(): number {
    const e = Number(this.equity());
    if (this.sol === 0n) return 100;
    if (e <= 0) return 0;
    return Math.round(Math.min(100, Math.max(0, 100 * (1 - (this.config.maintenance * Number(this.notional())) / e))));
  }

  leverage(): number {
    const e = Number(this.equity());
    return e <= 0 ? Number.POSITIVE_INFINITY : Number(this.notional()) / e;
  }

  /** The price at which `E = m N`: `debt / (sol (1 - m))`, or null when there is no position or no debt. */
  liquidationPrice(): number | null {
    if (this.sol <= 0n || this.debt <= 0n) return null;
    return Number(this.debt) / 1e6 / ((Number(this.sol) / 1e9) * (1 - this.config.maintenance));
  }

  private underMaintenance(): boolean {
    return Number(this.equity()) <= this.config.maintenance * Number(this.notional());
  }

  /**
   * Run MODEL.md 10.3 at the current price if the leg is at or under maintenance (`force`: the caller
   * found the price where the test fires, so the first round runs whatever the floating-point equality
   * says). Returns the liquidation, or null when nothing happened.
   */
  liquidate(force = false): LendingLiquidation | null {
    this.sync();
    if (this.sol === 0n || !(force || this.underMaintenance())) return null;
    const { closeFactor, bonus, penaltyRate } = this.config.liquidation ?? DEFAULT_LENDING_LIQUIDATION;
    const p = this.price;
    const rounds: LendingLiquidation['rounds'] = [];
    let full = true;
    for (let i = 0; i < 50; i++) {
      if (i > 0 && !this.underMaintenance()) {
        full = false;
        break;
      }
      const repaid = BigInt(Math.floor(closeFactor * Number(this.debt)));
      const seized = BigInt(Math.ceil(((Number(repaid) / 1e6) * (1 + bonus) / p) * 1e9));
      if (repaid <= 0n || seized >= this.sol) break;
      const value = BigInt(Math.round((Number(seized) / 1e9) * p * 1e6));
      this.sol -= seized;
      this.debt -= repaid;
      this.liquidationPenalties += value - repaid;
      rounds.push({ repaid, seized, bonus: value - repaid });
    }
    if (rounds.length === 50 && !this.underMaintenance()) full = false;
    let penalty = 0n;
    let badDebt = 0n;
    let released = 0n;
    if (full) {
      const n = this.notional();
      const e = n - this.debt;
      const positive = e > 0n ? e : 0n;
      const byRate = BigInt(Math.floor(penaltyRate * Number(n)));
      penalty = byRate < positive ? byRate : positive;
      badDebt = e < 0n ? -e : 0n;
      released = positive - penalty;
      this.liquidationPenalties += penalty;
      this.badDebt += badDebt;
      this.sol = 0n;
      this.debt = 0n;
    }
    const event: LendingLiquidation = { time: this.clock.now(), price: p, rounds, full, penalty, badDebt, released, solAfter: this.sol, debtAfter: this.debt };
    this.liquidations.push(event);
    return event;
  }

  execute(cmd: SpotCommand): Outcome<SpotResult> {
    this.sync();
    try {
      return { ok: true, value: { ...this.apply(cmd), type: cmd.type, time: this.clock.now() } };
    } catch (e) {
      if (e instanceof InvalidCommandError || e instanceof NoPositionError) return { ok: false, error: e as PaperVenueError };
      throw e;
    }
  }

  private apply(cmd: SpotCommand): { walletDelta: bigint; fee: bigint } {
    switch (cmd.type) {
      case 'SPOT_OPEN': {
        if (this.sol !== 0n) throw new InvalidCommandError('type', 'the lending leg is already open');
        if (!(this.price > 0)) throw new InvalidCommandError('price', 'no SOL price yet');
        if (cmd.equity <= 0n || cmd.notional < cmd.equity) throw new InvalidCommandError('notional', 'need 0 < equity <= notional');
        const fee = (cmd.notional * BigInt(Math.round(this.config.openFeeBps * 100))) / 1_000_000n;
        this.sol = BigInt(Math.floor((Number(cmd.notional) / 1e6 / this.price) * 1e9));
        this.debt = cmd.notional - cmd.equity + fee;
        this.fees += fee;
        return { walletDelta: -cmd.equity, fee };
      }
      case 'SPOT_CLOSE': {
        if (this.sol === 0n) throw new NoPositionError(-1);
        const n = this.notional();
        const fee = (n * BigInt(Math.round(this.config.closeFeeBps * 100))) / 1_000_000n;
        const released = n - this.debt - fee;
        this.sol = 0n;
        this.debt = 0n;
        this.fees += fee;
        return { walletDelta: released, fee };
      }
      case 'SPOT_BORROW':
        if (cmd.amount <= 0n) throw new InvalidCommandError('amount', 'must be positive');
        if (this.sol === 0n) throw new NoPositionError(-1);
        this.debt += cmd.amount;
        return { walletDelta: cmd.amount, fee: 0n };
      case 'SPOT_REPAY':
        if (cmd.amount <= 0n) throw new InvalidCommandError('amount', 'must be positive');
        if (this.sol === 0n) throw new NoPositionError(-1);
        this.debt -= cmd.amount;
        return { walletDelta: -cmd.amount, fee: 0n };
    }
  }
}
