/**
 * Vault synchronisation: the local ledger of deposits, withdrawals and settled PnL (quote 1e6) against
 * the USDC collateral the chain holds. Run after every command and on a schedule; a difference beyond
 * the tolerance after a bounded number of reads (an RPC may lag one command behind) is a mismatch: the
 * verdict says `halt` and carries the alert text, and trading stays halted until an operator reconciles.
 *
 * Example: `const v = await syncVault(readUsdc, ledger, { tolerance: 10n, attempts: 3, delayMs: 2000, sleep });`
 */
import { RpcError } from './errors.js';
import type { DriftWriteCommand } from './validate.js';

export interface VaultLedger {
  deposits: bigint;
  withdrawals: bigint;
  /** PnL moved into collateral by settlement (positive = credited) */
  settledPnl: bigint;
}

export const EMPTY_LEDGER: VaultLedger = { deposits: 0n, withdrawals: 0n, settledPnl: 0n };

/** The ledger after a landed command; `collateralDelta` is the chain's collateral change it caused (SETTLE_PNL). */
export function applyToLedger(ledger: VaultLedger, cmd: DriftWriteCommand, collateralDelta: bigint): VaultLedger {
  switch (cmd.type) {
    case 'DEPOSIT':
      return { ...ledger, deposits: ledger.deposits + cmd.amount };
    case 'WITHDRAW':
      return { ...ledger, withdrawals: ledger.withdrawals + cmd.amount };
    case 'SETTLE_PNL':
      return { ...ledger, settledPnl: ledger.settledPnl + collateralDelta };
    default:
      return ledger; // fees and PnL stay in the position until settled
  }
}

export function expectedCollateral(l: VaultLedger): bigint {
  return l.deposits - l.withdrawals + l.settledPnl;
}

export interface VaultVerdict {
  inSync: boolean;
  /** true on a mismatch: trading must halt until reconciled */
  halt: boolean;
  expected: bigint;
  onChain: bigint;
  /** onChain - expected */
  diff: bigint;
  /** reads made (1..attempts) */
  reads: number;
  /** the alert text on a mismatch, null when in sync */
  alert: string | null;
}

/** One comparison, no I/O. */
export function compareVault(ledger: VaultLedger, onChain: bigint, tolerance: bigint): Pick<VaultVerdict, 'inSync' | 'expected' | 'onChain' | 'diff'> {
  const expected = expectedCollateral(ledger);
  const diff = onChain - expected;
  return { inSync: (diff < 0n ? -diff : diff) <= tolerance, expected, onChain, diff };
}

export interface SyncOptions {
  /** largest accepted |diff| (quote 1e6): rounding of the scaled balance, one unit per command */
  tolerance: bigint;
  /** reads before declaring a mismatch (>= 1) */
  attempts: number;
  delayMs: number;
  sleep: (ms: number) => Promise<void>;
}

/** Reads the chain's collateral up to `attempts` times until it matches the ledger; a mismatch halts. */
export async function syncVault(readCollateral: () => Promise<bigint>, ledger: VaultLedger, opts: SyncOptions): Promise<VaultVerdict> {
  if (!(opts.attempts >= 1)) throw new RangeError('syncVault: attempts must be >= 1');
  let last: Pick<VaultVerdict, 'inSync' | 'expected' | 'onChain' | 'diff'> | null = null;
  let lastError = '';
  for (let i = 1; i <= opts.attempts; i++) {
    try {
      last = compareVault(ledger, await readCollateral(), opts.tolerance);
      if (last.inSync) return { ...last, halt: false, reads: i, alert: null };
    } catch (e) {
      lastError = e instanceof Error ? e.message : String(e);
    }
    if (i < opts.attempts) await opts.sleep(opts.delayMs);
  }
  if (last === null) throw new RpcError('vault collateral read', opts.attempts, lastError);
  const alert =
    `vault mismatch: the ledger expects ${last.expected} and the chain holds ${last.onChain} USDC units (1e6), ` +
    `diff ${last.diff} beyond tolerance ${opts.tolerance} after ${opts.attempts} read(s): trading halted until reconciled`;
  return { ...last, halt: true, reads: opts.attempts, alert };
}
