/**
 * Input validation of the five write commands, before any transaction is built: amounts converted
 * exactly to venue units (see `precision.ts`), positive, within the wallet balance (deposit) or the
 * program's free collateral (withdraw), sizes multiples of the market's step. Returns the command in
 * venue units; throws `InvalidInputError` naming the field.
 */
import { InvalidInputError } from './errors.js';
import { formatUnits, QUOTE_DECIMALS, sizeToBase, usdcToQuote } from './precision.js';

export type Direction = 'long' | 'short';

/** A write command in venue units (quote 1e6, base 1e9). */
export type DriftWriteCommand =
  | { type: 'DEPOSIT'; amount: bigint }
  | { type: 'WITHDRAW'; amount: bigint }
  | { type: 'OPEN_POSITION'; marketIndex: number; direction: Direction; baseAssetAmount: bigint }
  | { type: 'CLOSE_POSITION'; marketIndex: number }
  | { type: 'SETTLE_PNL'; marketIndex: number };

function checkMarket(marketIndex: number): void {
  if (!Number.isInteger(marketIndex) || marketIndex < 0 || marketIndex > 65535) throw new InvalidInputError('marketIndex', `${marketIndex} is not a market index (0-65535)`);
}

/** DEPOSIT of USDC: positive, exact in 1e6, at most the wallet's token balance (1e6). */
export function validateDeposit(amount: string | number, walletBalance: bigint): DriftWriteCommand {
  const q = usdcToQuote(amount, 'amount');
  if (q > walletBalance) throw new InvalidInputError('amount', `${formatUnits(q, QUOTE_DECIMALS)} USDC exceeds the wallet balance ${formatUnits(walletBalance, QUOTE_DECIMALS)}`);
  return { type: 'DEPOSIT', amount: q };
}

/**
 * WITHDRAW of USDC: positive, exact, at most the free collateral (1e6). Pass the program's stricter free
 * collateral (the SDK's figure can exceed what the program allows; docs/drift-commands.md).
 */
export function validateWithdraw(amount: string | number, freeCollateral: bigint): DriftWriteCommand {
  const q = usdcToQuote(amount, 'amount');
  if (q > freeCollateral) throw new InvalidInputError('amount', `${formatUnits(q, QUOTE_DECIMALS)} USDC exceeds the free collateral ${formatUnits(freeCollateral, QUOTE_DECIMALS)}`);
  return { type: 'WITHDRAW', amount: q };
}

/** OPEN_POSITION: size in SOL, exact in 1e9, a multiple of the market's `orderStepSize`, at least `minOrderSize`. */
export function validateOpen(marketIndex: number, direction: Direction, size: string | number, market: { orderStepSize: bigint; minOrderSize: bigint }): DriftWriteCommand {
  checkMarket(marketIndex);
  if (direction !== 'long' && direction !== 'short') throw new InvalidInputError('direction', `${String(direction)} is not long or short`);
  const base = sizeToBase(size, market.orderStepSize, 'size');
  if (base < market.minOrderSize) throw new InvalidInputError('size', `${formatUnits(base, 9)} below the market minimum ${formatUnits(market.minOrderSize, 9)}`);
  return { type: 'OPEN_POSITION', marketIndex, direction, baseAssetAmount: base };
}

export function validateClose(marketIndex: number): DriftWriteCommand {
  checkMarket(marketIndex);
  return { type: 'CLOSE_POSITION', marketIndex };
}

export function validateSettle(marketIndex: number): DriftWriteCommand {
  checkMarket(marketIndex);
  return { type: 'SETTLE_PNL', marketIndex };
}
