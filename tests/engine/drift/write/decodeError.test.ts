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
