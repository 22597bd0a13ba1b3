/**
 * Instructions of Drift's mock Pyth program (`FsJ3A3u2vn5cTVofAjvy6y5kwABJAqYWpe4975bi2epH`, the
 * `deps/pyth.so` of drift-vaults): `initialize(price: i64, expo: i32, conf: u64)` and
 * `set_price_info(price: i64, conf: u64, slot: u64)`, each on one writable 3312-byte price account.
 * Anchor data: 8-byte discriminator then Borsh (little-endian) arguments.
 */
import { PublicKey, TransactionInstruction } from '@solana/web3.js';
import { anchorDiscriminator } from './keys.js';

export const PYTH_MOCK_PROGRAM_ID = new PublicKey('FsJ3A3u2vn5cTVofAjvy6y5kwABJAqYWpe4975bi2epH');
/** Size of a Pyth v2 price account. */
export const PYTH_PRICE_ACCOUNT_SIZE = 3312;

function priceIx(oracle: PublicKey, data: Buffer): TransactionInstruction {
  return new TransactionInstruction({ programId: PYTH_MOCK_PROGRAM_ID, keys: [{ pubkey: oracle, isSigner: false, isWritable: true }], data });
}

/** `initialize`: price in units of 10^expo (e.g. 150_000_000 with expo -6 is $150). */
export function pythInitializeIx(oracle: PublicKey, price: bigint, expo: number, conf: bigint): TransactionInstruction {
  const args = Buffer.alloc(20);
  args.writeBigInt64LE(price, 0);
  args.writeInt32LE(expo, 8);
  args.writeBigUInt64LE(conf, 12);
  return priceIx(oracle, Buffer.concat([anchorDiscriminator('initialize'), args]));
}

/** `set_price_info`: new aggregate price and confidence, and the publish slot (freshness for Drift). */
export function pythSetPriceInfoIx(oracle: PublicKey, price: bigint, conf: bigint, slot: bigint): TransactionInstruction {
  const args = Buffer.alloc(24);
  args.writeBigInt64LE(price, 0);
  args.writeBigUInt64LE(conf, 8);
  args.writeBigUInt64LE(slot, 16);
  return priceIx(oracle, Buffer.concat([anchorDiscriminator('set_price_info'), args]));
}
