/**
 * Vault synchronisation wired into the strategy's trading state: the local ledger of deposits,
 * withdrawals and settled PnL (write/vaultSync.ts) is reconciled with the chain's collateral after every
 * command that moves collateral and on a schedule (every `intervalMs` of the injected clock). A mismatch
 * beyond the tolerance after the bounded re-reads (`attempts`, `delayMs`: an RPC may lag) HALTS trading:
 * `tradingState()` returns `halted` whatever the strategy's own state, one critical `VAULT_MISMATCH`
 * alert goes to the sink, and it stays halted (scheduled checks go on, without repeating the alert)
 * until an operator calls `reconcile(adjustment, note)` and the re-check with that adjustment is in
 * sync; then a `VAULT_RECONCILED` alert, and trading resumes.
 *
 * A read that fails on every one of the `attempts` fails CLOSED the same way: trading halts, one critical
 * `VAULT_READ_FAILED` alert names the account, the attempts and the last error message (URLs' paths and
 * queries and anything key-like redacted), and the verdict is a `VaultReadFailure` (`halt: true`); nothing
 * is thrown. The operator's `reconcile` (a successful, in-sync read) resumes as after a mismatch.
 *
 * The tolerance is `tolerancePerCommand` x commands applied (Drift's scaled balance rounds by up to one
 * unit per command).
 *
 * @example
 *   const guard = new VaultGuard({ account: 'alice/0', readCollateral, clock, intervalMs: 60_000, tolerancePerCommand: 1n, attempts: 3, delayMs: 2_000, sleep, alert });
 *   await liveStep({ gate, vault: guard, ... });   // liveStep checks the schedule, gates and feeds it
 */
import type { VaultAlert } from '../alerts/vaultAlerts.js';
import { RpcError } from '../drift/write/errors.js';
import { redactSecrets } from '../drift/write/redact.js';
import { applyToLedger, EMPTY_LEDGER, expectedCollateral, syncVault, type VaultLedger, type VaultVerdict } from '../drift/write/vaultSync.js';
import type { DriftWriteCommand } from '../drift/write/validate.js';
import type { TradingState } from '../safety/gates.js';
import type { Clock } from '../venue/clock.js';

export interface VaultGuardConfig {
  /** names the account in alerts */
  account: string;
  /** the chain's USDC collateral (quote 1e6), read fresh */
  readCollateral: () => Promise<bigint>;
  clock: Clock;
  /** scheduled check period (ms of the injected clock) */
  intervalMs: number;
  tolerancePerCommand: bigint;
  /** reads per check before a mismatch is declared (>= 1) and the wait between them */
  attempts: number;
  delayMs: number;
  sleep: (ms: number) => Promise<void>;
  alert: (a: VaultAlert) => void;
  /** the ledger to start from (default empty: the account starts with nothing) */
  ledger?: VaultLedger;
}

/** Every read of the chain's collateral failed within the bound: unknown state, trading halts. */
export interface VaultReadFailure {
  inSync: false;
  halt: true;
  readFailed: true;
  expected: bigint;
  /** reads attempted (= the configured attempts), all failed */
  reads: number;
  /** the last read's error message, redacted */
  lastError: string;
  alert: string;
}

/** What a check of the guard concludes: a comparison (in sync or a mismatch) or a failed read. */
export type GuardVerdict = VaultVerdict | VaultReadFailure;

export class VaultGuard {
  private ledger: VaultLedger;
  private adjustment = 0n;
  private commands = 0;
  private halted = false;
  private lastCheckMs: number;
  /** the last verdict (null before the first check) */
  last: GuardVerdict | null = null;

  constructor(private readonly cfg: VaultGuardConfig) {
    if (!(cfg.intervalMs > 0) || !Number.isFinite(cfg.intervalMs)) throw new RangeError(`VaultGuard: intervalMs must be positive and finite, got ${cfg.intervalMs}`);
    this.ledger = cfg.ledger ?? EMPTY_LEDGER;
    this.lastCheckMs = cfg.clock.now();
  }

  get isHalted(): boolean {
    return this.halted;
  }

  /** The strategy's trading state, overridden to `halted` while the vault is out of sync. */
  tradingState(strategy: TradingState): TradingState {
    return this.halted ? 'halted' : strategy;
  }

  /** After a landed command: the ledger moves with it, then a check. `collateralDelta`: the chain's change a settlement caused. */
  async afterCommand(cmd: DriftWriteCommand, collateralDelta = 0n): Promise<GuardVerdict> {
    this.ledger = applyToLedger(this.ledger, cmd, collateralDelta);
    this.commands++;
    return this.check(`after ${cmd.type}`);
  }

  /** The scheduled check: runs when `intervalMs` has passed since the last check; null otherwise. */
  async tick(): Promise<GuardVerdict | null> {
    if (this.cfg.clock.now() - this.lastCheckMs < this.cfg.intervalMs) return null;
    return this.check('schedule');
  }

  /**
   * The operator's reconciliation: `adjustment` (quote 1e6; e.g. a withdrawal made outside this ledger,
   * negative) is added to what the ledger expects, and the vault is checked again; trading resumes only
   * when that check is in sync. Returns the verdict.
   */
  async reconcile(adjustment: bigint, note: string): Promise<GuardVerdict> {
    const previous = this.adjustment;
    this.adjustment += adjustment;
    const v = await this.check(`reconcile: ${note}`);
    if (v.halt) {
      this.adjustment = previous; // a wrong adjustment is not kept
      return v;
    }
    const now = this.cfg.clock.now();
    this.cfg.alert({ type: 'VAULT_RECONCILED', level: 'info', account: this.cfg.account, adjustment, note, time: now, message: `vault of ${this.cfg.account} reconciled (adjustment ${adjustment}: ${note}): trading may resume` });
    return v;
  }

  private async check(trigger: string): Promise<GuardVerdict> {
    const expected = { ...this.ledger, settledPnl: this.ledger.settledPnl + this.adjustment };
    const tolerance = this.cfg.tolerancePerCommand * BigInt(Math.max(1, this.commands));
    let v: GuardVerdict;
    try {
      v = await syncVault(this.cfg.readCollateral, expected, { tolerance, attempts: this.cfg.attempts, delayMs: this.cfg.delayMs, sleep: this.cfg.sleep });
    } catch (e) {
      if (!(e instanceof RpcError)) throw e; // a bug (bad configuration), not the chain: stays loud
      const lastError = redactSecrets(e.lastMessage);
      const alert = `vault read failed: the collateral of ${this.cfg.account} could not be read after ${e.attempts} attempt(s) (last error: ${lastError}): trading halted until reconciled`;
      v = { inSync: false, halt: true, readFailed: true, expected: expectedCollateral(expected), reads: e.attempts, lastError, alert };
    }
    this.lastCheckMs = this.cfg.clock.now();
    this.last = v;
    if ('readFailed' in v) {
      if (!this.halted && !trigger.startsWith('reconcile')) {
        this.cfg.alert({ type: 'VAULT_READ_FAILED', level: 'critical', account: this.cfg.account, attempts: v.reads, lastError: v.lastError, trigger, time: this.lastCheckMs, message: v.alert });
      }
      if (!trigger.startsWith('reconcile')) this.halted = true;
      return v;
    }
    if (v.halt && !this.halted && !trigger.startsWith('reconcile')) {
      this.cfg.alert({ type: 'VAULT_MISMATCH', level: 'critical', account: this.cfg.account, expected: v.expected, onChain: v.onChain, diff: v.diff, tolerance, reads: v.reads, trigger, time: this.lastCheckMs, message: `${this.cfg.account}: ${v.alert}` });
    }
    if (v.halt && !trigger.startsWith('reconcile')) this.halted = true;
    if (!v.halt && trigger.startsWith('reconcile')) this.halted = false;
    return v;
  }
}
