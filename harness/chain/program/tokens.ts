/**
 * SPL Token steps of the local world (USDC mint with 6 decimals, associated token accounts, minting),
 * built with `@solana/spl-token` (a dependency of `@drift-labs/sdk`) and sent with a seeded fee payer.
 */
import { Keypair, PublicKey, SystemProgram, Transaction, type TransactionInstruction } from '@solana/web3.js';
import type { ProgramTestContext } from 'solana-bankrun';
import * as spl from '@solana/spl-token';

/** Minimal sender: fee payer first signer, latest blockhash, then the SDK's bankrun connection semantics. */
export type SendIxs = (ixs: TransactionInstruction[], signers: Keypair[]) => Promise<string>;

/** Creates the mint account and initialises it (decimals 6, authority `authority`). */
export async function createMint(context: ProgramTestContext, send: SendIxs, payer: Keypair, mint: Keypair, authority: PublicKey, decimals = 6): Promise<void> {
  const rent = await context.banksClient.getRent();
  const lamports = Number(rent.minimumBalance(BigInt(spl.MINT_SIZE)));
  await send(
    [
      SystemProgram.createAccount({ fromPubkey: payer.publicKey, newAccountPubkey: mint.publicKey, space: spl.MINT_SIZE, lamports, programId: spl.TOKEN_PROGRAM_ID }),
      spl.createInitializeMint2Instruction(mint.publicKey, decimals, authority, null),
    ],
    [payer, mint],
  );
}

/** The owner's associated token account for `mint`, created if needed, with `amount` minted into it. */
export async function fundTokenAccount(send: SendIxs, payer: Keypair, mint: PublicKey, mintAuthority: Keypair, owner: PublicKey, amount: bigint): Promise<PublicKey> {
  const ata = spl.getAssociatedTokenAddressSync(mint, owner, true);
  const ixs: TransactionInstruction[] = [spl.createAssociatedTokenAccountIdempotentInstruction(payer.publicKey, ata, owner, mint)];
  if (amount > 0n) ixs.push(spl.createMintToInstruction(mint, ata, mintAuthority.publicKey, amount));
  await send(ixs, payer.publicKey.equals(mintAuthority.publicKey) ? [payer] : [payer, mintAuthority]);
  return ata;
}

/** SPL `transfer` of `amount` from `source` (owned by `owner`). */
export function transferIx(source: PublicKey, destination: PublicKey, owner: PublicKey, amount: bigint): TransactionInstruction {
  return spl.createTransferInstruction(source, destination, owner, amount);
}

/** Token balance of an SPL account (raw units), or null when the account does not exist. */
export async function tokenBalance(context: ProgramTestContext, account: PublicKey): Promise<bigint | null> {
  const info = await context.banksClient.getAccount(account);
  if (info === null) return null;
  return spl.AccountLayout.decode(Buffer.from(info.data)).amount;
}

export function newTransaction(ixs: TransactionInstruction[], feePayer: PublicKey, blockhash: string): Transaction {
  const tx = new Transaction({ feePayer, recentBlockhash: blockhash });
  tx.add(...ixs);
  return tx;
}
