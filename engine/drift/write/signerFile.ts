/**
 * Loading a signing keypair from a file path (Solana CLI format: a JSON array of 64 bytes). The secret
 * never leaves this module in readable form: errors name the path and the problem only (never the
 * content, never a parser message that quotes it), and the returned `Signer` prints as
 * `Signer(<public key>)` in logs, `JSON.stringify` and `util.inspect`.
 *
 * Example: `const signer = loadKeypairFile('/secure/drift.json'); signer.signTransaction(tx);`
 */
import { readFileSync, statSync } from 'node:fs';
import { inspect } from 'node:util';
import { Keypair, type PublicKey, type Transaction } from '@solana/web3.js';
import { KeypairFileError } from './errors.js';

/** Largest keypair file read: a 64-byte JSON array is under 300 bytes. */
const MAX_KEYPAIR_FILE_BYTES = 4096;

export class Signer {
  readonly #keypair: Keypair;
  readonly publicKey: PublicKey;
  constructor(keypair: Keypair) {
    this.#keypair = keypair;
    this.publicKey = keypair.publicKey;
  }
  /** Adds this key's signature to `tx` (partial: other signers may sign too). */
  signTransaction(tx: Transaction): void {
    tx.partialSign(this.#keypair);
  }
  toString(): string {
    return `Signer(${this.publicKey.toBase58()})`;
  }
  toJSON(): string {
    return this.toString();
  }
  [inspect.custom](): string {
    return this.toString();
  }
}

function parseBytes(path: string, text: string): Uint8Array {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new KeypairFileError(path, 'is not JSON (expected an array of 64 numbers, as written by solana-keygen)');
  }
  if (!Array.isArray(parsed)) throw new KeypairFileError(path, 'is not a JSON array (expected 64 numbers)');
  if (parsed.length !== 64) throw new KeypairFileError(path, `holds ${parsed.length} values, expected 64`);
  const bytes = new Uint8Array(64);
  for (let i = 0; i < 64; i++) {
    const v = parsed[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 255) throw new KeypairFileError(path, `value ${i} is not a byte (0-255)`);
    bytes[i] = v;
  }
  return bytes;
}

/** Reads and checks a keypair file; every failure is a `KeypairFileError` that quotes nothing from the file. */
export function loadKeypairFile(path: string): Signer {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new KeypairFileError(path, 'cannot be read (missing or not accessible)');
  }
  if (size > MAX_KEYPAIR_FILE_BYTES) throw new KeypairFileError(path, `is ${size} bytes, too large for a keypair file`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new KeypairFileError(path, 'cannot be read');
  }
  const bytes = parseBytes(path, text);
  let keypair: Keypair;
  try {
    keypair = Keypair.fromSecretKey(bytes);
  } catch {
    throw new KeypairFileError(path, 'is not a valid ed25519 keypair (the public half does not match the secret half)');
  }
  // `Keypair.fromSecretKey` keeps `bytes` itself as its secret: do not zero it here.
  return new Signer(keypair);
}
