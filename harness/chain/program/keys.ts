/**
 * Seeded keys for the local Drift world: every keypair (admin, users, mint, oracle) is derived from one
 * seed string and a label, so two runs of a scripted flow produce identical accounts.
 */
import { createHash } from 'node:crypto';
import { Keypair } from '@solana/web3.js';

/** `Keypair.fromSeed(sha256("<seed>:<label>"))`. Example: `seededKeypair('world-1', 'admin')`. */
export function seededKeypair(seed: string, label: string): Keypair {
  return Keypair.fromSeed(createHash('sha256').update(`${seed}:${label}`).digest());
}

/** Anchor's instruction discriminator: `sha256("global:<name>")[0..8]`. */
export function anchorDiscriminator(name: string): Buffer {
  return createHash('sha256').update(`global:${name}`).digest().subarray(0, 8);
}
