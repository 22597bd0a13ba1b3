/**
 * Alerts of vault synchronisation (engine/drivers/vaultGuard.ts): a critical `VAULT_MISMATCH` when the
 * local ledger and the chain's collateral disagree beyond the tolerance after the bounded re-reads
 * (trading halts), and a `VAULT_RECONCILED` when an operator's reconciliation brings them back in line
 * (trading may resume), and a critical `VAULT_READ_FAILED` when the chain's collateral could not be read
 * at all within the bounded attempts (trading halts: fail closed). Amounts in quote units (1e6); `time` from the injected clock.
 */
export interface VaultMismatchAlert {
  type: 'VAULT_MISMATCH';
  level: 'critical';
  account: string;
  /** collateral the ledger expects and the chain holds, quote 1e6 */
  expected: bigint;
  onChain: bigint;
  diff: bigint;
  tolerance: bigint;
  /** reads made before declaring the mismatch */
  reads: number;
  /** what triggered the check: `after <command>` or `schedule` */
  trigger: string;
  time: number;
  message: string;
}

export interface VaultReconciledAlert {
  type: 'VAULT_RECONCILED';
  level: 'info';
  account: string;
  /** the operator's adjustment of the ledger, quote 1e6, and their note */
  adjustment: bigint;
  note: string;
  time: number;
  message: string;
}

export interface VaultReadFailedAlert {
  type: 'VAULT_READ_FAILED';
  level: 'critical';
  account: string;
  /** reads attempted, all failed */
  attempts: number;
  /** the last read's error message, secrets redacted (engine/drift/write/redact.ts) */
  lastError: string;
  /** what triggered the check: `after <command>` or `schedule` */
  trigger: string;
  time: number;
  message: string;
}

export type VaultAlert = VaultMismatchAlert | VaultReconciledAlert | VaultReadFailedAlert;
