/** Error decoding against the SDK's IDL table, for each shape a failure arrives in. */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { decodeDriftError, driftErrorTable } from '../../../../engine/drift/write/decodeError.js';

describe('decodeDriftError', () => {
  it('reads the table from the IDL (independent read of the same file)', () => {
    const idl = createRequire(import.meta.url)('@drift-labs/sdk/lib/node/idl/drift.json') as { errors: { code: number; name: string }[] };
    expect(driftErrorTable().size).toBe(idl.errors.length);
    expect(driftErrorTable().get(6003)).toBe('InsufficientCollateral');
  });
  it('bankrun string, web3 object, Anchor log line', () => {
    expect(decodeDriftError('Error processing Instruction 1: custom program error: 0x1773')).toMatchObject({ code: 6003, name: 'InsufficientCollateral' });
    expect(decodeDriftError({ InstructionError: [1, { Custom: 6260 }] })).toMatchObject({ code: 6260, name: 'PnlPoolCantSettleUser' });
    expect(decodeDriftError(null, ['Program log: AnchorError occurred. Error Code: FundingWasNotUpdated. Error Number: 6251. Error Message: x'])).toMatchObject({ code: 6251, name: 'FundingWasNotUpdated' });
    expect(decodeDriftError(new Error('custom program error: 0x1'))).toMatchObject({ code: 1, name: null });
    expect(decodeDriftError('Blockhash not found')).toMatchObject({ code: null, name: null, raw: 'Blockhash not found' });
  });
});

describe('encodeBase58', () => {
  it('equals the bs58 package on signatures and leading zeros', async () => {
    const { encodeBase58 } = await import('../../../../engine/drift/write/base58.js');
    const bs58 = createRequire(import.meta.url)('bs58') as { encode(b: Uint8Array): string };
    const samples = [new Uint8Array(64).map((_, i) => (i * 91 + 7) % 256), new Uint8Array([0, 0, 1, 2, 255]), new Uint8Array([0]), new Uint8Array(64).fill(255)];
    for (const s of samples) expect(encodeBase58(s)).toBe(bs58.encode(s));
  });
});
