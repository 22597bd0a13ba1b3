/**
 * A Drift user's addresses from its authority and sub-account, with the SDK's own PDA functions
 * (`getUserAccountPublicKeySync`, `getUserStatsAccountPublicKey`). A malformed authority is a clear error.
 *
 * @example
 *   const a = driftAddresses(sdk, web3, '9xQ...', 0); // a.user, a.userStats (base58)
 */
import type { PublicKey } from '@solana/web3.js';
import { UsageError } from '../errors.js';

type Sdk = typeof import('@drift-labs/sdk');
type Web3 = typeof import('@solana/web3.js');

export interface DriftAddresses {
  programId: string;
  authority: string;
  subAccountId: number;
  user: string;
  userStats: string;
  programKey: PublicKey;
  authorityKey: PublicKey;
  userKey: PublicKey;
  userStatsKey: PublicKey;
}

export function driftAddresses(sdk: Sdk, web3: Web3, authority: string, subAccountId: number, programId?: string): DriftAddresses {
  if (!(Number.isInteger(subAccountId) && subAccountId >= 0 && subAccountId <= 65_535)) {
    throw new UsageError(`sub-account must be a whole number 0..65535, got ${subAccountId}`);
  }
  let authorityKey: PublicKey;
  try {
    authorityKey = new web3.PublicKey(authority);
  } catch {
    throw new UsageError(`authority "${authority}" is not a base58 Solana public key`);
  }
  const programKey = new web3.PublicKey(programId ?? sdk.DRIFT_PROGRAM_ID);
  const userKey = sdk.getUserAccountPublicKeySync(programKey, authorityKey, subAccountId);
  const userStatsKey = sdk.getUserStatsAccountPublicKey(programKey, authorityKey);
  return {
    programId: programKey.toBase58(), authority: authorityKey.toBase58(), subAccountId,
    user: userKey.toBase58(), userStats: userStatsKey.toBase58(),
    programKey, authorityKey, userKey, userStatsKey,
  };
}
