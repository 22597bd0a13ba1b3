/**
 * Typed errors of the Drift write side (STYLE.md habit 11): each has a literal `name`, says whether the
 * caller may retry (`retryable`), and carries the fields a caller needs. None carries key material.
 *
 * Retryable means "the same command may be attempted again AFTER reconciling with the chain": a
 * confirmation timeout in particular must never lead to a blind resend (the journal's recovery decides).
 */

export abstract class DriftWriteError extends Error {
  abstract override readonly name: string;
  abstract readonly retryable: boolean;
}

/** Bad input: not positive, not finite, not exactly convertible, not a multiple of the step, beyond a balance. */
export class InvalidInputError extends DriftWriteError {
  override readonly name = 'InvalidInputError' as const;
  readonly retryable = false as const;
  constructor(readonly field: string, readonly reason: string) {
    super(`invalid ${field}: ${reason}`);
  }
}

/** The simulation failed: the decoded Drift error (name and code, when it is one) and the program log. */
export class SimulationFailedError extends DriftWriteError {
  override readonly name = 'SimulationFailedError' as const;
  readonly retryable = false as const;
  constructor(
    readonly command: string,
    /** Drift's error name from the IDL table (e.g. `InsufficientCollateral`), or null when not a Drift error */
    readonly errorName: string | null,
    readonly errorCode: number | null,
    readonly logs: readonly string[],
    readonly raw: string,
  ) {
    super(`${command} rejected by simulation: ${errorName ?? 'not a Drift error'}${errorCode !== null ? ` (${errorCode})` : ''}: ${raw}`);
  }
}

/** Sent but not seen confirmed within the bound: the outcome is UNKNOWN; reconcile before anything else. */
export class ConfirmationTimeoutError extends DriftWriteError {
  override readonly name = 'ConfirmationTimeoutError' as const;
  readonly retryable = true as const;
  constructor(readonly command: string, readonly signature: string, readonly waitedMs: number) {
    super(`${command}: signature ${signature} not confirmed after ${waitedMs} ms; outcome unknown, reconcile before retrying`);
  }
}

/** The transaction landed and failed on chain (after a passing simulation: the state moved in between). */
export class TransactionFailedError extends DriftWriteError {
  override readonly name = 'TransactionFailedError' as const;
  readonly retryable = false as const;
  constructor(readonly command: string, readonly signature: string, readonly errorName: string | null, readonly raw: string) {
    super(`${command}: transaction ${signature} failed on chain: ${errorName ?? raw}`);
  }
}

/** An RPC call failed (network, rate limit, node error) `attempts` times: the bound was reached. */
export class RpcError extends DriftWriteError {
  override readonly name = 'RpcError' as const;
  readonly retryable = true as const;
  constructor(readonly operation: string, readonly attempts: number, readonly lastMessage: string) {
    super(`${operation} failed after ${attempts} attempt(s): ${lastMessage}`);
  }
}

/** The blockhash expired before the transaction landed: re-sign with a new one only after reconciling. */
export class BlockhashExpiredError extends DriftWriteError {
  override readonly name = 'BlockhashExpiredError' as const;
  readonly retryable = true as const;
  constructor(readonly command: string, readonly signature: string) {
    super(`${command}: blockhash of ${signature} expired before it landed`);
  }
}

/** A position command confirmed but the position did not change (Drift does not fail unfillable market orders). */
export class NotFilledError extends DriftWriteError {
  override readonly name = 'NotFilledError' as const;
  readonly retryable = false as const;
  constructor(readonly command: string, readonly signature: string, readonly marketIndex: number, readonly baseBefore: bigint, readonly baseAfter: bigint) {
    super(`${command} on market ${marketIndex}: confirmed (${signature}) but not filled: base ${baseBefore} -> ${baseAfter}`);
  }
}

/** The limit a refusal names: its `live.json` path, the value the command would reach and the bound. */
export interface LimitBreach {
  limit: string;
  value: string;
  bound: string;
}

/** A safety check refused the command before anything was signed (gate, kill switch, limits, staleness). */
export class SafetyRefusedError extends DriftWriteError {
  override readonly name = 'SafetyRefusedError' as const;
  readonly retryable = false as const;
  constructor(readonly gate: string, readonly reason: string, readonly limit: LimitBreach | null = null) {
    super(`refused by ${gate}: ${reason}`);
  }
}

/** A keypair file that cannot be used. The message names the path and the problem, never the content. */
export class KeypairFileError extends DriftWriteError {
  override readonly name = 'KeypairFileError' as const;
  readonly retryable = false as const;
  constructor(readonly path: string, readonly problem: string) {
    super(`keypair file ${path}: ${problem}`);
  }
}
