/**
 * What each command changes, read from the chain as a canonical text (the journal compares it before
 * and after to know whether a command took effect), decoded by the SDK's anchor coder (never by offsets).
 *
 * - DEPOSIT / WITHDRAW: the USDC spot balance (scaled) and the wallet's token amount;
 * - OPEN_POSITION / CLOSE_POSITION: the position's base amount;
 * - SETTLE_PNL: the USDC spot balance and the position's quote amount (a settlement with nothing to settle changes neither).
 */
import type { DriftClient, UserAccount } from '@drift-labs/sdk';
import type { PublicKey } from '@solana/web3.js';
import type { DriftTransport } from './transport.js';
import type { DriftWriteCommand } from './validate.js';

export interface UserView {
  /** USDC spot position: signed scaled balance (deposit positive), SPOT_BALANCE 1e9 */
  usdcScaled: bigint;
  /** per market: base 1e9 and quote 1e6 of the perp position */
  perp: Map<number, { base: bigint; quote: bigint }>;
}

export function userView(user: UserAccount): UserView {
  let usdcScaled = 0n;
  for (const s of user.spotPositions) {
    if (s.marketIndex !== 0 || s.scaledBalance.isZero()) continue;
    const v = BigInt(s.scaledBalance.toString());
    usdcScaled = 'borrow' in (s.balanceType as object) ? -v : v;
  }
  const perp = new Map<number, { base: bigint; quote: bigint }>();
  for (const p of user.perpPositions) {
    if (p.baseAssetAmount.isZero() && p.quoteAssetAmount.isZero() && p.openOrders === 0) continue;
    perp.set(p.marketIndex, { base: BigInt(p.baseAssetAmount.toString()), quote: BigInt(p.quoteAssetAmount.toString()) });
  }
  return { usdcScaled, perp };
}

/** Reads and decodes the user account; throws naming the address when it does not exist. */
export async function readUser(client: DriftClient, transport: DriftTransport, userAccount: PublicKey): Promise<UserAccount> {
  const data = await transport.accountData(userAccount);
  if (!data) throw new Error(`Drift user account ${userAccount.toBase58()} does not exist`);
  return client.program.coder.accounts.decode('User', data) as UserAccount;
}

/** SPL token amount of a token account (offset 64 of the SPL layout is the amount, u64 LE). */
export async function readTokenAmount(transport: DriftTransport, account: PublicKey): Promise<bigint> {
  const data = await transport.accountData(account);
  return data ? data.readBigUInt64LE(64) : 0n;
}

export function observationOf(cmd: DriftWriteCommand, view: UserView, walletAmount: bigint): string {
  switch (cmd.type) {
    case 'DEPOSIT':
    case 'WITHDRAW':
      return `usdcScaled=${view.usdcScaled};wallet=${walletAmount}`;
    case 'OPEN_POSITION':
    case 'CLOSE_POSITION':
      return `base=${view.perp.get(cmd.marketIndex)?.base ?? 0n}`;
    case 'SETTLE_PNL':
      return `usdcScaled=${view.usdcScaled};quote=${view.perp.get(cmd.marketIndex)?.quote ?? 0n}`;
  }
}
