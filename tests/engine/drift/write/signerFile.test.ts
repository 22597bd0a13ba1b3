/**
 * A keypair's secret bytes never appear in logs or errors: the signer prints as its public key in every
 * printing path, and every malformed file (bad JSON that contains the bytes, wrong length, a bad value,
 * a mismatched public half, a missing file) fails with a `KeypairFileError` that names the path and the
 * problem only. Every text produced is searched for the secret in decimal-list, hex, base58 and base64 forms.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { createRequire } from 'node:module';
import { Keypair, Transaction, SystemProgram } from '@solana/web3.js';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { KeypairFileError } from '../../../../engine/drift/write/errors.js';
import { loadKeypairFile } from '../../../../engine/drift/write/signerFile.js';

const bs58 = createRequire(import.meta.url)('bs58') as { encode(b: Uint8Array): string };
const kp = Keypair.fromSeed(new Uint8Array(32).map((_, i) => (i * 37 + 11) % 256));
const secret = Array.from(kp.secretKey);
const dir = mkdtempSync(join(tmpdir(), 'dnh-keypair-'));
afterAll(() => rmSync(dir, { recursive: true }));

/** Every encoding of (parts of) the secret that could leak. */
function secretForms(): string[] {
  const forms = [Buffer.from(kp.secretKey).toString('hex'), Buffer.from(kp.secretKey.subarray(0, 32)).toString('hex'), bs58.encode(kp.secretKey), Buffer.from(kp.secretKey).toString('base64'), Buffer.from(kp.secretKey.subarray(0, 32)).toString('base64')];
  for (let i = 0; i + 4 <= 32; i++) {
    forms.push(secret.slice(i, i + 4).join(','));
    forms.push(secret.slice(i, i + 4).join(', '));
  }
  return forms;
}

function assertClean(text: string, what: string): void {
  for (const f of secretForms()) expect(text.includes(f), `${what} leaks the secret (${f.slice(0, 12)}...)`).toBe(false);
}

function write(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('keypair file loading', () => {
  it('loads a solana-keygen file and signs; no printing path shows the secret', () => {
    const path = write('ok.json', JSON.stringify(secret));
    const logs: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void logs.push(a.map((x) => (typeof x === 'string' ? x : inspect(x, { depth: 10 }))).join(' '))));
    const signer = loadKeypairFile(path);
    expect(signer.publicKey.toBase58()).toBe(kp.publicKey.toBase58());
    console.log(signer);
    console.log({ signer });
    console.error('signer', signer);
    logs.push(String(signer), `${signer}`, JSON.stringify(signer), JSON.stringify({ signer }), inspect(signer, { showHidden: true, depth: 10 }));
    for (const s of spies) s.mockRestore();
    const tx = new Transaction({ feePayer: kp.publicKey, recentBlockhash: bs58.encode(Buffer.alloc(32, 1)) }).add(SystemProgram.transfer({ fromPubkey: kp.publicKey, toPubkey: kp.publicKey, lamports: 1 }));
    signer.signTransaction(tx);
    expect(tx.verifySignatures()).toBe(true);
    expect(logs.length).toBeGreaterThanOrEqual(8);
    expect(logs.join('\n')).toContain(kp.publicKey.toBase58());
    assertClean(logs.join('\n'), 'logs');
  });

  const bad: [string, string, RegExp][] = [
    ['not JSON that contains the bytes', `[${secret.join(',')}`, /is not JSON/],
    ['object holding the bytes', JSON.stringify({ key: secret }), /is not a JSON array/],
    ['63 values', JSON.stringify(secret.slice(0, 63)), /holds 63 values, expected 64/],
    ['a value above 255', JSON.stringify([...secret.slice(0, 63), 256]), /value 63 is not a byte/],
    ['mismatched public half', JSON.stringify([...secret.slice(0, 32), ...secret.slice(32).map((b) => (b + 1) % 256)]), /not a valid ed25519 keypair/],
  ];
  for (const [what, content, message] of bad) {
    it(`refuses ${what} without echoing it`, () => {
      const path = write(`${what.replace(/\W+/g, '-')}.json`, content);
      let err: unknown;
      try {
        loadKeypairFile(path);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(KeypairFileError);
      const e = err as KeypairFileError;
      expect(e.name).toBe('KeypairFileError');
      expect(e.message).toMatch(message);
      expect(e.message).toContain(path);
      expect(e.cause).toBeUndefined();
      assertClean([e.message, e.stack ?? '', inspect(e, { depth: 10, showHidden: true }), JSON.stringify(e), String(e)].join('\n'), what);
    });
  }

  it('a missing file names the path', () => {
    expect(() => loadKeypairFile(join(dir, 'absent.json'))).toThrow(/absent.json: cannot be read/);
  });
});
