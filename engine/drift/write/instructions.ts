/**
 * The SDK edge of the write side: venue-unit bigints become `BN` here and only here, and each command
 * becomes the SDK's own instruction. v2.84 compatibility (DRIFT-BANKRUN.md): market orders are
 * `placeAndTakePerpOrder` without `successCondition`/`auctionDurationPercentage`, no bit flags.
 */
import type { DriftClient } from '@drift-labs/sdk';
import type { PublicKey, TransactionInstruction } from '@solana/web3.js';
import { InvalidInputError } from './errors.js';
import type { UserView } from './observe.js';
import type { DriftWriteCommand } from './validate.js';

/** USDC is spot market 0 on Drift. */
export const USDC_SPOT_MARKET = 0;

export async function commandInstructions(client: DriftClient, cmd: DriftWriteCommand, view: UserView, usdcTokenAccount: PublicKey, subAccountId: number): Promise<TransactionInstruction[]> {
  const sdk = await import('@drift-labs/sdk');
  const bn = (x: bigint) => new sdk.BN(x.toString());
  switch (cmd.type) {
    case 'DEPOSIT':
      return [await client.getDepositInstruction(bn(cmd.amount), USDC_SPOT_MARKET, usdcTokenAccount, subAccountId, false, true)];
    case 'WITHDRAW':
      return [await client.getWithdrawIx(bn(cmd.amount), USDC_SPOT_MARKET, usdcTokenAccount, false, subAccountId)];
    case 'OPEN_POSITION': {
      const direction = cmd.direction === 'long' ? sdk.PositionDirection.LONG : sdk.PositionDirection.SHORT;
      const params = sdk.getMarketOrderParams({ marketIndex: cmd.marketIndex, direction, baseAssetAmount: bn(cmd.baseAssetAmount) });
      return [await client.getPlaceAndTakePerpOrderIx(params, undefined, undefined, undefined, undefined, subAccountId)];
    }
    case 'CLOSE_POSITION': {
      const base = view.perp.get(cmd.marketIndex)?.base ?? 0n;
      if (base === 0n) throw new InvalidInputError('marketIndex', `no open position in market ${cmd.marketIndex}`);
      const direction = base > 0n ? sdk.PositionDirection.SHORT : sdk.PositionDirection.LONG;
      const params = sdk.getMarketOrderParams({ marketIndex: cmd.marketIndex, direction, baseAssetAmount: bn(base > 0n ? base : -base), reduceOnly: true });
      return [await client.getPlaceAndTakePerpOrderIx(params, undefined, undefined, undefined, undefined, subAccountId)];
    }
    case 'SETTLE_PNL': {
      const userPk = await client.getUserAccountPublicKey(subAccountId);
      return [await client.settlePNLIx(userPk, client.getUserAccount(subAccountId)!, cmd.marketIndex)];
    }
  }
}
