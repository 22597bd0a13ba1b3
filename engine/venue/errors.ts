/**
 * Typed errors a venue returns for a command it refuses (STYLE.md habit 11), shared by every venue: the
 * paper venues return them, and a live adapter maps the program's refusals to the same names. Each has a
 * literal `name` and the fields a caller needs. None is retryable: the same command against the same
 * state fails the same way. Commands return them inside an `Outcome` rather than throwing.
 */

export abstract class VenueError extends Error {
  abstract override readonly name: string;
  readonly retryable = false as const;
}

/** A malformed command: non-positive or too small amount, unknown market. */
export class InvalidCommandError extends VenueError {
  override readonly name = 'InvalidCommandError' as const;
  constructor(readonly field: string, readonly reason: string) {
    super(`invalid ${field}: ${reason}`);
  }
}

/** WITHDRAW of more than the settled USDC collateral (quote 1e6). */
export class InsufficientCollateralError extends VenueError {
  override readonly name = 'InsufficientCollateralError' as const;
  constructor(readonly requested: bigint, readonly available: bigint) {
    super(`withdrawal of ${requested} exceeds settled collateral ${available} (quote 1e6)`);
  }
}

/** WITHDRAW beyond free collateral (initial-margin free collateral, quote 1e6). */
export class InsufficientFreeCollateralError extends VenueError {
  override readonly name = 'InsufficientFreeCollateralError' as const;
  constructor(readonly requested: bigint, readonly freeCollateral: bigint) {
    super(`withdrawal of ${requested} exceeds free collateral ${freeCollateral} (quote 1e6)`);
  }
}

/** WITHDRAW that would leave health below the minimum. */
export class HealthLimitError extends VenueError {
  override readonly name = 'HealthLimitError' as const;
  constructor(readonly healthAfter: number, readonly minimum: number) {
    super(`health after the withdrawal would be ${healthAfter}, below ${minimum}`);
  }
}

/** OPEN_POSITION that would take account leverage beyond the cap (1e4 precision). */
export class LeverageLimitError extends VenueError {
  override readonly name = 'LeverageLimitError' as const;
  /** `leverageAfter` is null when the account's net value would be zero or negative (leverage unbounded). */
  constructor(readonly leverageAfter: bigint | null, readonly limit: bigint) {
    super(`leverage after the open would be ${leverageAfter === null ? 'unbounded' : `${Number(leverageAfter) / 1e4}x`}, above ${Number(limit) / 1e4}x`);
  }
}

/** CLOSE_POSITION (or settlement) on a market without an open position. */
export class NoPositionError extends VenueError {
  override readonly name = 'NoPositionError' as const;
  constructor(readonly marketIndex: number) {
    super(`no open position in market ${marketIndex}`);
  }
}

/** OPEN_POSITION against the side of an existing position (close it first). */
export class DirectionConflictError extends VenueError {
  override readonly name = 'DirectionConflictError' as const;
  constructor(readonly marketIndex: number, readonly existing: 'long' | 'short') {
    super(`market ${marketIndex} holds a ${existing}; close it before opening the other side`);
  }
}

/** CLOSE_POSITION of more than the open size (base 1e9). */
export class CloseSizeError extends VenueError {
  override readonly name = 'CloseSizeError' as const;
  constructor(readonly requested: bigint, readonly open: bigint) {
    super(`close of ${requested} exceeds the open size ${open} (base 1e9)`);
  }
}

export type VenueErrorName =
  | InvalidCommandError['name']
  | InsufficientCollateralError['name']
  | InsufficientFreeCollateralError['name']
  | HealthLimitError['name']
  | LeverageLimitError['name']
  | NoPositionError['name']
  | DirectionConflictError['name']
  | CloseSizeError['name'];
