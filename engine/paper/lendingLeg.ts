/**
 * A paper lending leg (the strategy's long leg, MODEL.md section 1): SOL collateral earning the supply
 * rate, USDC debt paying the borrow rate, on an injected clock. Integer units at its boundary: SOL in
 * lamports (1e9), USDC 1e6; rates accrue continuously-compounded-per-APY over elapsed time.
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
        return { walletDelta: -cmd.equity, fee };
      }
      case 'SPOT_CLOSE': {
        if (this.sol === 0n) throw new NoPositionError(-1);
        const n = this.notional();
        const fee = (n * BigInt(Math.round(this.config.closeFeeBps * 100))) / 1_000_000n;
        const released = n - this.debt - fee;
        this.sol = 0n;
        this.debt = 0n;
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
